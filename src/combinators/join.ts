import { at, OptionError } from '../errors.js';
import { defineDefinition, instantiate } from '../schedules/define.js';
import { bisectRight } from '../bisect.js';
import type { Schedule, ScheduleLike } from '../schedules/Schedule.js';

export const joinDefinition = defineDefinition({
  type: 'join',
  doc: 'Runs schedules one after another: schedules[i] takes over at boundaries[i - 1] and runs on its own clock (Optax join_schedules).',
  example: { schedules: [{ type: 'linear', from: 0.001, to: 0.1, steps: 10 }, { type: 'cosine', from: 0.1, steps: 90 }], boundaries: [10] },
  options: {
    schedules: { type: { kind: 'scheduleList', minLength: 1 }, doc: 'The pieces, in order.' },
    boundaries: { type: { kind: 'numberList', order: 'increasing', min: 0 }, doc: 'Steps at which the next piece takes over; one fewer than schedules.' },
  },
  check: (o, scope) => {
    const n = (o.schedules as unknown[]).length;
    const b = o.boundaries;
    if (b.length !== n - 1) throw new OptionError(at(scope, 'boundaries'), b, `${n - 1} boundaries (one fewer than the ${n} schedules)`);
  },
  build: (o) => {
    const pieces = o.schedules;
    const boundaries = o.boundaries;
    return (t) => {
      const i = bisectRight(boundaries, t);
      const start = i === 0 ? 0 : (boundaries[i - 1] as number);
      return (pieces[i] as ScheduleLike)(i === 0 ? t : t - start);
    };
  },
});

/**
 * Joins schedules at boundaries. Each piece starts at its own step 0, so a cosine that follows a
 * 10-step warmup starts at its peak at step 10.
 *
 * @example
 * const s = schedules.join([schedules.linear({ from: 0, to: 0.1, steps: 10 }), schedules.cosine({ from: 0.1, steps: 90 })], [10]);
 * s(10); // 0.1
 */
export function join(schedules: ScheduleLike[], boundaries: number[]): Schedule {
  return instantiate(joinDefinition, { schedules, boundaries });
}
