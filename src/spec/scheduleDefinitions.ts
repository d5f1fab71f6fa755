import { COMBINATORS } from '../combinators/registry.js';
import { RECIPES } from '../recipes/registry.js';
import type { ScheduleDefinition } from '../schedules/define.js';
import { PRIMITIVES } from '../schedules/registry.js';

/** Every schedule `type` a spec may use: primitives, combinators and recipes, by their JavaScript name. */
export const SCHEDULE_DEFINITIONS: Readonly<Record<string, ScheduleDefinition>> = Object.freeze({ ...PRIMITIVES, ...COMBINATORS, ...RECIPES });

/**
 * Upstream names accepted as aliases (`hf.cosine_with_restarts`, `keras.CosineDecay`, ...), each mapped to
 * the JavaScript name (`hf.cosineWithRestarts`, `keras.cosineDecay`) that specs are normalized to.
 */
export const SCHEDULE_ALIASES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.values(SCHEDULE_DEFINITIONS).flatMap((d) => (d.aliases ?? []).map((alias) => [alias, d.type]))),
);

/** The definition a spec `type` names (its JavaScript name or an upstream alias), or undefined. */
export function scheduleDefinition(type: unknown): ScheduleDefinition | undefined {
  if (typeof type !== 'string') return undefined;
  const name = Object.prototype.hasOwnProperty.call(SCHEDULE_ALIASES, type) ? (SCHEDULE_ALIASES[type] as string) : type;
  return Object.prototype.hasOwnProperty.call(SCHEDULE_DEFINITIONS, name) ? SCHEDULE_DEFINITIONS[name] : undefined;
}

/** True when `type` names a pure schedule (rather than a PyTorch-layer scheduler), aliases included. */
export function isScheduleType(type: unknown): type is string {
  return scheduleDefinition(type) !== undefined;
}
