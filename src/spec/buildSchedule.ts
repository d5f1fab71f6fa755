import { at, MAX_NESTING, NestingError, OptionError, toPath, type Path, type Where } from '../errors.js';
import { instantiate } from '../schedules/define.js';
import type { Schedule } from '../schedules/Schedule.js';
import { plainObject } from '../validate.js';
import { scheduleDefinition, SCHEDULE_DEFINITIONS } from './scheduleDefinitions.js';

export { MAX_NESTING };

/** Throws a NestingError when `depth` (0 at the root spec) is past {@link MAX_NESTING}. */
export function checkNesting(path: Path, depth: number): void {
  if (depth > MAX_NESTING) throw new NestingError(path, MAX_NESTING);
}

/**
 * Builds a pure schedule (primitive, combinator or recipe) from its JSON spec. Nested schedules are
 * built first, each with its path and depth passed down, so every error names the exact JSON location, e.g.
 * `schedule.schedules[1].steps: expected a number in (0, inf), got -3`. `type` may be the JavaScript name
 * or an upstream alias (`hf.cosine_with_restarts`).
 *
 * @example
 * const s = scheduleFromSpec({ type: 'warmup', steps: 10, schedule: { type: 'cosine', from: 0.1, steps: 90 } });
 */
export function scheduleFromSpec(spec: unknown, where: Where = ['schedule'], depth = 0): Schedule {
  const path = toPath(where);
  checkNesting(path, depth);
  const { type, ...options } = plainObject(path, spec);
  const definition = scheduleDefinition(type);
  if (definition === undefined) {
    throw new OptionError(at(path, 'type'), type, `a schedule type (one of ${Object.keys(SCHEDULE_DEFINITIONS).join(', ')})`);
  }
  const resolved: Record<string, unknown> = { ...options };
  for (const [key, def] of Object.entries(definition.options)) {
    const value = options[key];
    if (value === undefined) continue;
    if (def.type.kind === 'schedule') resolved[key] = scheduleFromSpec(value, at(path, key), depth + 1);
    else if (def.type.kind === 'scheduleList' && Array.isArray(value)) resolved[key] = value.map((v, i) => scheduleFromSpec(v, at(path, key, i), depth + 1));
  }
  return instantiate(definition, resolved, path);
}
