import type { JsonValue } from '../state.js';

// Specs of schedulers built by buildScheduler, for toSpec on classes whose options cannot be read back
// exactly from the instance (e.g. OneCycleLR's pctStart). Weak, so schedulers are still collected.
const recorded = new WeakMap<object, JsonValue>();

/** Remembers the JSON spec a scheduler was built from. */
export function recordSpec(scheduler: object, spec: unknown): void {
  recorded.set(scheduler, structuredClone(spec) as JsonValue);
}

/** The JSON spec a scheduler was built from, if it was built from one. */
export function recordedSpec(scheduler: object): JsonValue | undefined {
  const spec = recorded.get(scheduler);
  return spec === undefined ? undefined : structuredClone(spec);
}
