import { bool, defineDefinition, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.inverseTime} (Keras InverseTimeDecay).
 *
 * @example
 * const options: InverseTimeOptions = { from: 1, rate: 1, steps: 10 };
 * schedules.inverseTime(options)(10); // 0.5
 */
export interface InverseTimeOptions {
  /** Value at step 0. */
  from: number;
  /** Decay rate, >= 0. */
  rate: number;
  /** Steps per unit of decay, > 0. Default 1. */
  steps?: number;
  /** Floor `t / steps`. Default false. */
  staircase?: boolean;
}

export const inverseTimeDefinition = defineDefinition({
  type: 'inverseTime',
  doc: '`from / (1 + rate * t / steps)` (Keras InverseTimeDecay).',
  example: { from: 0.1, rate: 0.5, steps: 10 },
  options: {
    from: num('Value at step 0.'),
    rate: num('Decay rate.', { min: 0 }),
    steps: num('Steps per unit of decay.', { min: 0, minExclusive: true, default: 1 }),
    staircase: bool('Floor t / steps.', false),
  },
  build: (o) => {
    const from = o.from;
    const rate = o.rate;
    const steps = o.steps;
    const staircase = o.staircase;
    return (t) => {
      let p = t / steps;
      if (staircase) p = Math.floor(p);
      return from / (1 + rate * p);
    };
  },
});

/**
 * Inverse time decay.
 *
 * @example
 * schedules.inverseTime({ from: 0.1, rate: 0.5 })(2); // 0.05
 */
export function inverseTime(options: InverseTimeOptions): Schedule {
  return instantiate(inverseTimeDefinition, options);
}
