import { at, OptionError } from '../errors.js';
import { defineDefinition, instantiate, num, scheduleOption } from '../schedules/define.js';
import type { Schedule, ScheduleLike } from '../schedules/Schedule.js';

/**
 * Options of {@link schedules | schedules.clamp}: at least one bound.
 *
 * @example
 * const options: ClampOptions = { min: 0.01, max: 0.5 };
 * schedules.clamp(schedules.linear({ from: 1, to: 0, steps: 10 }), options)(0); // 0.5
 */
export interface ClampOptions {
  /** Lower bound. */
  min?: number;
  /** Upper bound. */
  max?: number;
}

export const clampDefinition = defineDefinition({
  type: 'clamp',
  doc: 'Bounds a schedule to [min, max].',
  example: { schedule: { type: 'exponential', from: 0.1, rate: 0.9 }, min: 0.001 },
  options: {
    schedule: scheduleOption('The schedule to bound.'),
    min: num('Lower bound.', { optional: true }),
    max: num('Upper bound.', { optional: true }),
  },
  check: (o, scope) => {
    if (o.min === undefined && o.max === undefined) throw new OptionError(at(scope, 'min'), undefined, 'min, max, or both');
    if (o.min !== undefined && o.max !== undefined && o.min > o.max) {
      throw new OptionError(at(scope, 'max'), o.max, `a number >= min (${String(o.min)})`);
    }
  },
  build: (o) => {
    const schedule = o.schedule;
    const min = o.min ?? -Infinity;
    const max = o.max ?? Infinity;
    return (t) => Math.min(Math.max(schedule(t), min), max);
  },
});

/**
 * Clamps a schedule's values.
 *
 * @example
 * schedules.clamp(schedules.exponential({ from: 1, rate: 0.5 }), { min: 0.1 })(10); // 0.1
 */
export function clamp(schedule: ScheduleLike, options: ClampOptions): Schedule {
  return instantiate(clampDefinition, { ...options, schedule });
}
