import { defineDefinition, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.step} (the schedule).
 *
 * @example
 * const options: StepOptions = { from: 1, stepSize: 10, gamma: 0.5 };
 * schedules.step(options)(25); // 0.25
 */
export interface StepOptions {
  /** Value at step 0. */
  from: number;
  /** Steps between decays, > 0. */
  stepSize: number;
  /** Factor per decay, > 0. Default 0.1. */
  gamma?: number;
}

export const stepDefinition = defineDefinition({
  type: 'step',
  doc: '`from * gamma ** floor(t / stepSize)` (PyTorch StepLR closed form, timm StepLRScheduler).',
  example: { from: 0.1, stepSize: 30 },
  options: {
    from: num('Value at step 0.'),
    stepSize: num('Steps between decays.', { min: 0, minExclusive: true }),
    gamma: num('Factor per decay.', { min: 0, minExclusive: true, default: 0.1 }),
  },
  build: (o) => {
    const from = o.from;
    const stepSize = o.stepSize;
    const gamma = o.gamma;
    return (t) => from * gamma ** Math.floor(t / stepSize);
  },
});

/**
 * Step decay: multiply by `gamma` every `stepSize` steps.
 *
 * @example
 * schedules.step({ from: 0.1, stepSize: 30, gamma: 0.1 })(65); // 0.001 (up to rounding)
 */
export function step(options: StepOptions): Schedule {
  return instantiate(stepDefinition, options);
}
