import { defineDefinition, instantiate, num, scheduleOption } from '../schedules/define.js';
import type { Schedule, ScheduleLike } from '../schedules/Schedule.js';

export const scaleDefinition = defineDefinition({
  type: 'scale',
  doc: 'Multiplies a schedule by a constant factor.',
  example: { schedule: { type: 'cosine', from: 1, steps: 100 }, factor: 0.1 },
  options: {
    schedule: scheduleOption('The schedule to scale.'),
    factor: num('The factor.'),
  },
  build: (o) => {
    const schedule = o.schedule;
    const factor = o.factor;
    return (t) => schedule(t) * factor;
  },
});

/**
 * `schedule(t) * factor`: e.g. turn a unit-peak recipe into an lr, or scale an lr by a batch-size rule.
 *
 * @example
 * schedules.scale(schedules.cosine({ from: 1, steps: 100 }), 0.1)(0); // 0.1
 */
export function scale(schedule: ScheduleLike, factor: number): Schedule {
  return instantiate(scaleDefinition, { schedule, factor });
}
