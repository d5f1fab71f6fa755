import { bool, defineDefinition, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.exponential} (Keras ExponentialDecay, Optax exponential_decay).
 *
 * @example
 * const options: ExponentialOptions = { from: 1, rate: 0.5, steps: 10, staircase: true };
 * schedules.exponential(options)(15); // 0.5
 */
export interface ExponentialOptions {
  /** Value at step 0. */
  from: number;
  /** Factor applied every `steps` steps, > 0. */
  rate: number;
  /** Steps per factor of `rate`, > 0. Default 1. */
  steps?: number;
  /** Decay at discrete intervals (`floor(t / steps)`). Default false. */
  staircase?: boolean;
  /** Bound where the decay stops: a lower bound when rate < 1, an upper bound when rate > 1 (Optax `end_value`). */
  to?: number;
}

export const exponentialDefinition = defineDefinition({
  type: 'exponential',
  doc: '`from * rate ** (t / steps)` (floored exponent with `staircase`), optionally bounded by `to` (Keras ExponentialDecay, Optax exponential_decay).',
  example: { from: 0.1, rate: 0.96, steps: 10 },
  options: {
    from: num('Value at step 0.'),
    rate: num('Factor applied every `steps` steps.', { min: 0, minExclusive: true }),
    steps: num('Steps per factor of `rate`.', { min: 0, minExclusive: true, default: 1 }),
    staircase: bool('Decay at discrete intervals.', false),
    to: num('Bound where the decay stops (lower bound when rate < 1, upper when rate > 1).', { optional: true }),
  },
  build: (o) => {
    const from = o.from;
    const rate = o.rate;
    const steps = o.steps;
    const staircase = o.staircase;
    const to = o.to;
    return (t) => {
      if (t <= 0) return bound(from);
      let p = t / steps;
      if (staircase) p = Math.floor(p);
      return bound(from * rate ** p);
    };
    function bound(v: number): number {
      if (to === undefined) return v;
      return rate < 1 ? Math.max(v, to) : Math.min(v, to);
    }
  },
});

/**
 * Exponential decay.
 *
 * @example
 * schedules.exponential({ from: 0.1, rate: 0.5, steps: 10, staircase: true })(25); // 0.025
 */
export function exponential(options: ExponentialOptions): Schedule {
  return instantiate(exponentialDefinition, options);
}
