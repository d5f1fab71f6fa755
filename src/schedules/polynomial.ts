import { bool, defineDefinition, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.polynomial} (Keras PolynomialDecay, Optax polynomial_schedule).
 *
 * @example
 * const options: PolynomialOptions = { from: 1, to: 0, steps: 10, power: 2 };
 * schedules.polynomial(options)(5); // 0.25
 */
export interface PolynomialOptions {
  /** Value at step 0. */
  from: number;
  /** Value reached at `steps`. Default 0. */
  to?: number;
  /** Decay length, > 0. */
  steps: number;
  /** Power of the polynomial, >= 0. Default 1 (linear). */
  power?: number;
  /**
   * Keras `cycle`: past `steps`, stretch the decay to the next multiple of `steps` instead of holding `to`.
   * Default false.
   */
  cycle?: boolean;
}

export const polynomialDefinition = defineDefinition({
  type: 'polynomial',
  doc: '`(from - to) * (1 - t / steps) ** power + to`, held at `to` after `steps` unless `cycle` (Keras PolynomialDecay, Optax polynomial_schedule).',
  example: { from: 0.1, steps: 100, power: 2 },
  options: {
    from: num('Value at step 0.'),
    to: num('Value reached at `steps`.', { default: 0 }),
    steps: num('Decay length.', { min: 0, minExclusive: true }),
    power: num('Power of the polynomial.', { min: 0, default: 1 }),
    cycle: bool('Past `steps`, decay again towards the next multiple of `steps` (Keras).', false),
  },
  build: (o) => {
    const from = o.from;
    const to = o.to;
    const steps = o.steps;
    const power = o.power;
    const cycle = o.cycle;
    return (t) => {
      let step = t < 0 ? 0 : t;
      let decaySteps = steps;
      // Keras: the first multiple of decaySteps that is >= step (1 at step 0).
      if (cycle) decaySteps = steps * (step === 0 ? 1 : Math.ceil(step / steps));
      else step = Math.min(step, steps);
      const p = step / decaySteps;
      return (from - to) * (1 - p) ** power + to;
    };
  },
});

/**
 * Polynomial decay (Keras PolynomialDecay, Optax polynomial_schedule, PyTorch PolynomialLR with `to: 0`).
 *
 * @example
 * schedules.polynomial({ from: 0.1, to: 0.01, steps: 100, power: 2 })(50); // 0.0325
 */
export function polynomial(options: PolynomialOptions): Schedule {
  return instantiate(polynomialDefinition, options);
}
