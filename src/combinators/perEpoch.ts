import { defineDefinition, instantiate, num, scheduleOption } from '../schedules/define.js';
import type { Schedule, ScheduleLike } from '../schedules/Schedule.js';

export const perEpochDefinition = defineDefinition({
  type: 'perEpoch',
  doc: 'Evaluates a schedule of the epoch at every step: schedule(floor(step / stepsPerEpoch)) (timm t_in_epochs).',
  example: { schedule: { type: 'step', from: 0.1, stepSize: 3 }, stepsPerEpoch: 10 },
  options: {
    schedule: scheduleOption('A schedule whose clock counts epochs.'),
    stepsPerEpoch: num('Optimizer steps per epoch.', { min: 0, minExclusive: true }),
  },
  build: (o) => {
    const schedule = o.schedule;
    const n = o.stepsPerEpoch;
    return (t) => schedule(Math.floor(t / n));
  },
});

/**
 * Turns a schedule of epochs into a schedule of steps that changes once per epoch.
 *
 * @example
 * schedules.perEpoch(schedules.step({ from: 0.1, stepSize: 30 }), 500)(15_000); // 0.01 (epoch 30)
 */
export function perEpoch(schedule: ScheduleLike, stepsPerEpoch: number): Schedule {
  return instantiate(perEpochDefinition, { schedule, stepsPerEpoch });
}
