import { OptionError } from '../errors.js';
import { instantiate, type ScheduleDefinition } from '../schedules/define.js';
import type { Schedule } from '../schedules/Schedule.js';
import { plainObject } from '../validate.js';
import { SCHEDULE_DEFINITIONS } from './scheduleDefinitions.js';

/**
 * Builds a pure schedule (primitive, combinator or recipe) from its JSON spec. Nested schedules are
 * built first, each with its own path, so every error names the exact JSON location, e.g.
 * `schedule.schedules[1].steps: expected a number in (0, inf), got -3`.
 *
 * @example
 * const s = scheduleFromSpec({ type: 'warmup', steps: 10, schedule: { type: 'cosine', from: 0.1, steps: 90 } });
 */
export function scheduleFromSpec(spec: unknown, path = 'schedule'): Schedule {
  const { type, ...options } = plainObject(path, spec);
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(SCHEDULE_DEFINITIONS, type)) {
    throw new OptionError(`${path}.type`, type, `a schedule type (one of ${Object.keys(SCHEDULE_DEFINITIONS).join(', ')})`);
  }
  const definition = SCHEDULE_DEFINITIONS[type] as ScheduleDefinition;
  const resolved: Record<string, unknown> = { ...options };
  for (const [key, def] of Object.entries(definition.options)) {
    const value = options[key];
    if (value === undefined) continue;
    if (def.type.kind === 'schedule') resolved[key] = scheduleFromSpec(value, `${path}.${key}`);
    else if (def.type.kind === 'scheduleList' && Array.isArray(value)) resolved[key] = value.map((v, i) => scheduleFromSpec(v, `${path}.${key}[${i}]`));
  }
  try {
    return instantiate(definition, resolved);
  } catch (error) {
    throw relabel(error, type, path);
  }
}

/** `cosine.steps` -> `scheduler.schedule.steps`: errors point into the JSON. */
export function relabel(error: unknown, type: string, path: string): unknown {
  if (!(error instanceof OptionError) || !error.option.startsWith(`${type}.`)) return error;
  const rest = error.option.slice(type.length + 1);
  return new OptionError(rest === 'options' ? path : `${path}.${rest}`, error.value, error.expectation);
}
