import { defineDefinition, exclusive, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.cosineRestarts} (Keras `first_decay_steps`, `t_mul`, `m_mul`, `alpha`).
 *
 * @example
 * const options: CosineRestartsOptions = { from: 0.1, t0: 10, tMult: 2 };
 * schedules.cosineRestarts(options)(10); // 0.1
 */
export interface CosineRestartsOptions {
  /** Value at step 0 (peak of the first cycle). */
  from: number;
  /** Length of the first cycle, > 0 (Keras `first_decay_steps`, PyTorch `T_0`). */
  t0: number;
  /** Each cycle is `tMult` times longer than the previous, >= 1. Default 1. */
  tMult?: number;
  /** Each cycle's amplitude is `mMul` times the previous (Keras `m_mul`), >= 0. Default 1. */
  mMul?: number;
  /** Floor as a fraction of `from` (Keras `alpha`). Excludes `to`. */
  alpha?: number;
  /** Absolute floor (PyTorch `eta_min`). Excludes `alpha`. */
  to?: number;
}

export const cosineRestartsDefinition = defineDefinition({
  type: 'cosineRestarts',
  doc: 'SGDR: cosine cycles of length t0, t0*tMult, ... whose amplitude shrinks by mMul per restart (Keras CosineDecayRestarts, PyTorch CosineAnnealingWarmRestarts closed form).',
  example: { from: 0.1, t0: 10, tMult: 2 },
  options: {
    from: num('Value at step 0.'),
    t0: num('Length of the first cycle.', { min: 0, minExclusive: true }),
    tMult: num('Growth factor of the cycle length.', { min: 1, default: 1 }),
    mMul: num('Factor of the amplitude per restart.', { min: 0, default: 1 }),
    alpha: num('Floor as a fraction of `from`.', { optional: true }),
    to: num('Absolute floor.', { optional: true }),
  },
  check: (o, scope) => exclusive(o, scope, 'alpha', 'to'),
  build: (o) => {
    const from = o.from;
    const t0 = o.t0;
    const tMult = o.tMult;
    const mMul = o.mMul;
    const alpha = o.alpha;
    const to = o.to;
    return (t) => {
      // Keras' arithmetic, in float64.
      let fraction = t / t0;
      let restart: number;
      if (tMult === 1) {
        restart = Math.floor(fraction);
        fraction -= restart;
      } else {
        restart = Math.floor(Math.log(1.0 - fraction * (1.0 - tMult)) / Math.log(tMult));
        const sumR = (1.0 - tMult ** restart) / (1.0 - tMult);
        fraction = (fraction - sumR) / tMult ** restart;
      }
      const decayed = 0.5 * mMul ** restart * (1.0 + Math.cos(Math.PI * fraction));
      if (to !== undefined) return to + (from - to) * decayed;
      const a = alpha ?? 0;
      return from * ((1 - a) * decayed + a);
    };
  },
});

/**
 * Cosine decay with warm restarts (SGDR).
 *
 * @example
 * const s = schedules.cosineRestarts({ from: 0.1, t0: 10, tMult: 2 });
 * s(10); // 0.1 (restart), the second cycle lasts 20 steps
 */
export function cosineRestarts(options: CosineRestartsOptions): Schedule {
  return instantiate(cosineRestartsDefinition, options);
}
