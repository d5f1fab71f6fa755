import { defineDefinition, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.linear} (Optax linear_schedule).
 *
 * @example
 * const options: LinearOptions = { from: 0, to: 1, steps: 4 };
 * schedules.linear(options)(1); // 0.25
 */
export interface LinearOptions {
  /** Value at step 0. */
  from: number;
  /** Value from `steps` on. */
  to: number;
  /** Length of the transition, > 0 (may be fractional). */
  steps: number;
}

export const linearDefinition = defineDefinition({
  type: 'linear',
  doc: 'Linear transition from `from` to `to` over `steps`, then held at `to` (Optax linear_schedule).',
  example: { from: 0.1, to: 0.001, steps: 100 },
  options: {
    from: num('Value at step 0.'),
    to: num('Value from `steps` on.'),
    steps: num('Length of the transition.', { min: 0, minExclusive: true }),
  },
  build: (o) => {
    const from = o.from;
    const to = o.to;
    const steps = o.steps;
    return (t) => {
      // Optax's form (polynomial with power 1): exact at both ends.
      const c = t <= 0 ? 0 : t >= steps ? steps : t;
      return (from - to) * (1 - c / steps) + to;
    };
  },
});

/**
 * Linear interpolation from `from` to `to` over `steps`; clamped outside `[0, steps]`.
 *
 * @example
 * schedules.linear({ from: 1, to: 0, steps: 4 })(1); // 0.75
 */
export function linear(options: LinearOptions): Schedule {
  return instantiate(linearDefinition, options);
}
