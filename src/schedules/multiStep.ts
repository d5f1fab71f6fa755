import { bisectRight } from '../bisect.js';
import { defineDefinition, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.multiStep}.
 *
 * @example
 * const options: MultiStepOptions = { from: 1, milestones: [2, 4], gamma: 0.5 };
 * schedules.multiStep(options)(4); // 0.25
 */
export interface MultiStepOptions {
  /** Value at step 0. */
  from: number;
  /** Steps at which to multiply by `gamma` (non-decreasing; a repeated milestone applies twice, as PyTorch). */
  milestones: number[];
  /** Factor per milestone, > 0. Default 0.1. */
  gamma?: number;
}

export const multiStepDefinition = defineDefinition({
  type: 'multiStep',
  doc: '`from * gamma ** (number of milestones <= t)` (PyTorch MultiStepLR closed form, Optax piecewise_constant_schedule).',
  example: { from: 0.1, milestones: [30, 60] },
  options: {
    from: num('Value at step 0.'),
    milestones: { type: { kind: 'numberList', order: 'nonDecreasing', min: 0 }, doc: 'Steps at which to multiply by `gamma`.' },
    gamma: num('Factor per milestone.', { min: 0, minExclusive: true, default: 0.1 }),
  },
  build: (o) => {
    const from = o.from;
    const milestones = o.milestones;
    const gamma = o.gamma;
    return (t) => from * gamma ** bisectRight(milestones, t);
  },
});

/**
 * Multiply by `gamma` at each milestone (the change applies *at* the milestone step).
 *
 * @example
 * schedules.multiStep({ from: 1, milestones: [10, 20], gamma: 0.5 })(10); // 0.5
 */
export function multiStep(options: MultiStepOptions): Schedule {
  return instantiate(multiStepDefinition, options);
}
