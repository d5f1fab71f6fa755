import { bool, defineDefinition, exclusive, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.cosine}; give a floor as `alpha` (fraction of `from`) or `to` (absolute), not both.
 *
 * @example
 * const options: CosineOptions = { from: 1, steps: 10, to: 0.1 };
 * schedules.cosine(options)(10); // 0.1
 */
export interface CosineOptions {
  /** Value at step 0. */
  from: number;
  /** Length of the decay, > 0. */
  steps: number;
  /** Floor as a fraction of `from` (Keras/Optax `alpha`, Hugging Face `min_lr_rate`). Excludes `to`. */
  alpha?: number;
  /** Absolute floor (PyTorch `eta_min`, timm `lr_min`). Excludes `alpha`. Default: floor 0. */
  to?: number;
  /** Number of cosine waves over `steps` (Hugging Face `num_cycles`). Default 0.5: one half-cosine down. */
  cycles?: number;
  /** Exponent applied to the cosine factor (Optax `exponent`). Default 1. */
  exponent?: number;
  /** Keep oscillating past `steps` (PyTorch and Hugging Face) instead of holding the end value (Keras, Optax). Default false. */
  periodic?: boolean;
}

export const cosineDefinition = defineDefinition({
  type: 'cosine',
  doc: 'Cosine decay from `from` to a floor (`alpha * from` or `to`) over `steps` (Keras CosineDecay, Optax cosine_decay_schedule, PyTorch CosineAnnealingLR closed form).',
  example: { from: 0.1, steps: 100 },
  options: {
    from: num('Value at step 0.'),
    steps: num('Length of the decay.', { min: 0, minExclusive: true }),
    alpha: num('Floor as a fraction of `from`.', { optional: true }),
    to: num('Absolute floor.', { optional: true }),
    cycles: num('Number of cosine waves over `steps`; 0.5 is one half-cosine.', { min: 0, minExclusive: true, default: 0.5 }),
    exponent: num('Exponent of the cosine factor.', { min: 0, default: 1 }),
    periodic: bool('Keep oscillating past `steps` instead of holding the end value.', false),
  },
  check: (o, scope) => exclusive(o, scope, 'alpha', 'to'),
  build: (o) => {
    const from = o.from;
    const steps = o.steps;
    const cycles = o.cycles;
    const exponent = o.exponent;
    const periodic = o.periodic;
    const alpha = o.alpha;
    const to = o.to;
    return (t) => {
      const c = periodic ? t : Math.min(t, steps);
      // Operand order as Hugging Face and Keras: cos(pi * cycles * 2 * (t / steps)).
      const wave = 1.0 + Math.cos(Math.PI * cycles * 2.0 * (c / steps));
      if (to !== undefined) {
        // timm / PyTorch form: floor + 0.5 * (peak - floor) * (1 + cos).
        return exponent === 1 ? to + 0.5 * (from - to) * wave : to + (from - to) * (0.5 * wave) ** exponent;
      }
      const a = alpha ?? 0;
      const factor = exponent === 1 ? 0.5 * wave : (0.5 * wave) ** exponent;
      return from * ((1 - a) * factor + a);
    };
  },
});

/**
 * Cosine decay with a floor.
 *
 * @example
 * schedules.cosine({ from: 0.1, steps: 100 })(50);            // 0.05
 * schedules.cosine({ from: 0.1, steps: 100, alpha: 0.1 })(100); // 0.01
 */
export function cosine(options: CosineOptions): Schedule {
  return instantiate(cosineDefinition, options);
}
