import { at, OptionError } from '../errors.js';
import { defineDefinition, instantiate, num, scheduleOption } from '../schedules/define.js';
import type { Schedule, ScheduleLike } from '../schedules/Schedule.js';

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
 * clamp(exponential({ from: 1, rate: 0.5 }), { min: 0.1 })(10); // 0.1
 */
export function clamp(schedule: ScheduleLike, options: ClampOptions): Schedule {
  return instantiate(clampDefinition, { ...options, schedule });
}
