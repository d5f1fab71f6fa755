import { choice, defineDefinition, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.cyclic} (PyTorch CyclicLR's lr options).
 *
 * @example
 * const options: CyclicOptions = { baseLr: 0, maxLr: 1, stepSizeUp: 4 };
 * schedules.cyclic(options)(2); // 0.5
 */
export interface CyclicOptions {
  /** Lower bound of the cycle. */
  baseLr: number;
  /** Upper bound of the cycle. */
  maxLr: number;
  /** Steps of the increasing half, > 0. Default 2000. */
  stepSizeUp?: number;
  /** Steps of the decreasing half, >= 0. Default `stepSizeUp`. */
  stepSizeDown?: number;
  /** Amplitude policy. Default 'triangular'. */
  mode?: 'triangular' | 'triangular2' | 'exp_range';
  /** For 'exp_range': amplitude scales by `gamma ** t`. Default 1. */
  gamma?: number;
}

export const cyclicDefinition = defineDefinition({
  type: 'cyclic',
  doc: "Smith's cyclical learning rate: triangular waves between baseLr and maxLr (PyTorch CyclicLR).",
  example: { baseLr: 0.001, maxLr: 0.1, stepSizeUp: 20 },
  options: {
    baseLr: num('Lower bound of the cycle.'),
    maxLr: num('Upper bound of the cycle.'),
    stepSizeUp: num('Steps of the increasing half.', { min: 0, minExclusive: true, default: 2000 }),
    stepSizeDown: num('Steps of the decreasing half (default: stepSizeUp).', { min: 0, optional: true }),
    mode: choice('Amplitude policy.', ['triangular', 'triangular2', 'exp_range'], 'triangular'),
    gamma: num("Amplitude factor per step for 'exp_range'.", { min: 0, minExclusive: true, default: 1 }),
  },
  build: (o) => {
    const base = o.baseLr;
    const max = o.maxLr;
    const up = o.stepSizeUp;
    const down = o.stepSizeDown ?? up;
    const mode = o.mode;
    const gamma = o.gamma;
    const total = up + down;
    const ratio = up / total;
    return (t) => {
      // PyTorch CyclicLR.get_lr, operation for operation.
      const cycle = Math.floor(1 + t / total);
      const x = 1.0 + t / total - cycle;
      const scaleFactor = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
      const height = (max - base) * scaleFactor;
      const scale = mode === 'triangular' ? 1.0 : mode === 'triangular2' ? 1 / 2.0 ** (cycle - 1) : gamma ** t;
      return base + height * scale;
    };
  },
});

/**
 * Cyclical learning rate.
 *
 * @example
 * schedules.cyclic({ baseLr: 0.001, maxLr: 0.1, stepSizeUp: 10 })(10); // 0.1
 */
export function cyclic(options: CyclicOptions): Schedule {
  return instantiate(cyclicDefinition, options);
}
