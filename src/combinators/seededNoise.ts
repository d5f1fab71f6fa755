import { at, OptionError } from '../errors.js';
import { choice, defineDefinition, instantiate, num, scheduleOption } from '../schedules/define.js';
import type { Schedule, ScheduleLike } from '../schedules/Schedule.js';
import { hashNumber, mulberry32, normal } from '../random.js';

/**
 * Options of {@link schedules | schedules.seededNoise} (timm's `noise_pct`, `noise_std`, `noise_seed`, `noise_type`, `noise_range_t`).
 *
 * @example
 * const options: SeededNoiseOptions = { std: 0.1, seed: 42, start: 10 };
 * const s = schedules.seededNoise(schedules.constant({ value: 1 }), options);
 * s(5); // 1
 */
export interface SeededNoiseOptions {
  /** Noise limit: |noise| < pct (normal, by resampling) or noise in [-pct, pct) (uniform). Default 0.67. */
  pct?: number;
  /** Standard deviation of the normal noise before truncation. Default 1. */
  std?: number;
  /** Base seed; step t uses seed + t. Default 42. */
  seed?: number;
  /** Noise distribution (timm `noise_type`). Default 'normal'. */
  distribution?: 'normal' | 'uniform';
  /** First step with noise (timm `noise_range_t`). Default 0. */
  start?: number;
  /** First step without noise again; omit for no end. */
  end?: number;
}

/** The noise factor at step t: a pure function of (seed + t). */
export function noiseAt(seed: number, t: number, distribution: 'normal' | 'uniform', pct: number, std: number): number {
  const uniform = mulberry32(hashNumber(seed + t));
  if (distribution === 'uniform') return 2 * (uniform() - 0.5) * pct;
  // timm: resample until inside the limit (bounded here so a tiny pct cannot spin forever).
  for (let i = 0; i < 10_000; i++) {
    const noise = normal(uniform) * std;
    if (Math.abs(noise) < pct) return noise;
  }
  return 0;
}

export const seededNoiseDefinition = defineDefinition({
  type: 'seededNoise',
  doc: "timm's lr noise: value * (1 + noise), noise drawn from a generator seeded by seed + t, so it is a pure function of t.",
  example: { schedule: { type: 'cosine', from: 0.1, steps: 100 }, std: 0.1, seed: 1 },
  options: {
    schedule: scheduleOption('The schedule to perturb.'),
    pct: num('Noise limit.', { min: 0, minExclusive: true, default: 0.67 }),
    std: num('Standard deviation of the normal noise before truncation.', { min: 0, minExclusive: true, default: 1 }),
    seed: { type: { kind: 'integer', min: -Number.MAX_SAFE_INTEGER }, doc: 'Base seed; step t uses seed + t.', default: 42 },
    distribution: choice('Noise distribution.', ['normal', 'uniform'], 'normal'),
    start: num('First step with noise.', { min: 0, default: 0 }),
    end: num('First step without noise again.', { min: 0, optional: true }),
  },
  check: (o, scope) => {
    if (o.end !== undefined && o.end <= o.start) throw new OptionError(at(scope, 'end'), o.end, `a step after start (${String(o.start)})`);
  },
  build: (o) => {
    const schedule = o.schedule;
    const { pct, std, seed, start } = o as { pct: number; std: number; seed: number; start: number };
    const distribution = o.distribution as 'normal' | 'uniform';
    const end = o.end ?? Infinity;
    return (t) => {
      const v = schedule(t);
      if (!(t >= start && t < end)) return v;
      return v + v * noiseAt(seed, t, distribution, pct, std);
    };
  },
});

/**
 * Multiplicative noise that is the same every time you ask for step t (timm semantics; lrkit's own
 * generator, so the draws differ from torch.Generator's).
 *
 * @example
 * const s = schedules.seededNoise(schedules.cosine({ from: 0.1, steps: 100 }), { pct: 0.2, seed: 1, start: 10 });
 * s(50) === s(50); // true
 */
export function seededNoise(schedule: ScheduleLike, options: SeededNoiseOptions = {}): Schedule {
  return instantiate(seededNoiseDefinition, { ...options, schedule });
}
