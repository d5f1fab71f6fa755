import { defineDefinition, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.sqrtDecay}.
 *
 * @example
 * const options: SqrtDecayOptions = { from: 1, steps: 100 };
 * schedules.sqrtDecay(options)(25); // 0.5
 */
export interface SqrtDecayOptions {
  /** Value at step 0. */
  from: number;
  /** Value from `steps` on. Default 0. */
  to?: number;
  /** Length of the decay, > 0. */
  steps: number;
}

export const sqrtDecayDefinition = defineDefinition({
  type: 'sqrtDecay',
  doc: '"1-sqrt" cooldown: `to + (from - to) * (1 - sqrt(t / steps))` (Hugging Face warmup_stable_decay decay_type "1-sqrt").',
  example: { from: 0.1, steps: 100 },
  options: {
    from: num('Value at step 0.'),
    to: num('Value from `steps` on.', { default: 0 }),
    steps: num('Length of the decay.', { min: 0, minExclusive: true }),
  },
  build: (o) => {
    const from = o.from;
    const to = o.to;
    const steps = o.steps;
    return (t) => to + (from - to) * (1.0 - Math.sqrt(Math.min(Math.max(t, 0), steps) / steps));
  },
});

/**
 * The "1-sqrt" decay used for the cooldown of warmup-stable-decay schedules.
 *
 * @example
 * schedules.sqrtDecay({ from: 1, steps: 100 })(25); // 0.5
 */
export function sqrtDecay(options: SqrtDecayOptions): Schedule {
  return instantiate(sqrtDecayDefinition, options);
}
