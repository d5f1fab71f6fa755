import { at, OptionError, type Path } from '../errors.js';
import { cycles } from '../combinators/cycles.js';
import { join } from '../combinators/join.js';
import { warmup } from '../combinators/warmup.js';
import { choice, defineDefinition, instantiate, int, num } from '../schedules/define.js';
import { constant } from '../schedules/constant.js';
import { cosine } from '../schedules/cosine.js';
import { inverseSqrt } from '../schedules/inverseSqrt.js';
import { linear } from '../schedules/linear.js';
import { polynomial } from '../schedules/polynomial.js';
import type { Schedule, ScheduleLike } from '../schedules/Schedule.js';
import { sqrtDecay } from '../schedules/sqrtDecay.js';

/**
 * Hugging Face transformers `get_scheduler` types (optimization.py) as pure schedules of the absolute lr.
 * `lr` is the optimizer's learning rate (the base that LambdaLR multiplies). Option names are the
 * lowerCamelCase of Hugging Face's arguments.
 */

const lr = num("The optimizer's learning rate (the schedule's peak).", { min: 0 });
const numWarmupSteps = int('Steps of linear warmup from 0.', 0);
const numTrainingSteps = int('Total number of training steps.', 1);

/** Hugging Face's linear warmup from 0, prefixed to `schedule` (no-op for 0 steps). */
function hfWarmup(schedule: ScheduleLike, steps: number, peak: number): Schedule {
  return warmup(schedule, { steps, from: 0, to: peak });
}

function decaySteps(o: { numWarmupSteps: number; numTrainingSteps: number }, scope: Path): number {
  const w = o.numWarmupSteps;
  const t = o.numTrainingSteps;
  if (t <= w) throw new OptionError(at(scope, 'numTrainingSteps'), t, `more steps than numWarmupSteps (${w})`);
  return t - w;
}

export const hfLinearDefinition = defineDefinition({
  type: 'hf.linear',
  doc: 'Hugging Face "linear": warmup from 0 to lr, then linear decay to 0 at numTrainingSteps.',
  example: { lr: 0.1, numWarmupSteps: 10, numTrainingSteps: 100 },
  options: { lr, numWarmupSteps, numTrainingSteps },
  check: (o, scope) => void decaySteps(o, scope),
  build: (o, scope) => hfWarmup(linear({ from: o.lr, to: 0, steps: decaySteps(o, scope) }), o.numWarmupSteps, o.lr),
});

export const hfCosineDefinition = defineDefinition({
  type: 'hf.cosine',
  doc: 'Hugging Face "cosine": warmup, then cosine decay with numCycles waves (not clamped after numTrainingSteps, as in transformers).',
  example: { lr: 0.1, numWarmupSteps: 10, numTrainingSteps: 100 },
  options: { lr, numWarmupSteps, numTrainingSteps, numCycles: num('Number of cosine waves (0.5 = half cosine down to 0).', { min: 0, minExclusive: true, default: 0.5 }) },
  check: (o, scope) => void decaySteps(o, scope),
  build: (o, scope) =>
    hfWarmup(cosine({ from: o.lr, steps: decaySteps(o, scope), cycles: o.numCycles, periodic: true }), o.numWarmupSteps, o.lr),
});

export const hfCosineWithRestartsDefinition = defineDefinition({
  type: 'hf.cosineWithRestarts',
  aliases: ['hf.cosine_with_restarts'],
  doc: 'Hugging Face "cosine_with_restarts": warmup, then numCycles hard-restarted cosine decays, 0 after numTrainingSteps.',
  example: { lr: 0.1, numWarmupSteps: 5, numTrainingSteps: 95, numCycles: 3 },
  options: { lr, numWarmupSteps, numTrainingSteps, numCycles: int('Number of hard restarts (cycles).', 1, { default: 1 }) },
  check: (o, scope) => void decaySteps(o, scope),
  build: (o, scope) => {
    const n = o.numCycles;
    const cycle = cosine({ from: o.lr, to: 0, steps: decaySteps(o, scope) / n });
    return hfWarmup(cycles(cycle, { limit: n, after: 0 }), o.numWarmupSteps, o.lr);
  },
});

export const hfPolynomialDefinition = defineDefinition({
  type: 'hf.polynomial',
  doc: 'Hugging Face "polynomial": warmup, then polynomial decay from lr to lrEnd, held after numTrainingSteps.',
  example: { lr: 0.1, numWarmupSteps: 10, numTrainingSteps: 100, lrEnd: 0.0001, power: 2 },
  options: {
    lr,
    numWarmupSteps,
    numTrainingSteps,
    lrEnd: num('The end lr.', { min: 0, default: 1e-7 }),
    power: num('Power of the polynomial.', { min: 0, default: 1 }),
  },
  check: (o, scope) => {
    decaySteps(o, scope);
    if (!(o.lr > o.lrEnd)) throw new OptionError(at(scope, 'lrEnd'), o.lrEnd, `a value below lr (${String(o.lr)})`);
  },
  build: (o, scope) =>
    hfWarmup(
      polynomial({ from: o.lr, to: o.lrEnd, steps: decaySteps(o, scope), power: o.power }),
      o.numWarmupSteps,
      o.lr,
    ),
});

export const hfConstantDefinition = defineDefinition({
  type: 'hf.constant',
  doc: 'Hugging Face "constant": the lr at every step.',
  example: { lr: 0.02 },
  options: { lr },
  build: (o) => constant({ value: o.lr }),
});

export const hfConstantWithWarmupDefinition = defineDefinition({
  type: 'hf.constantWithWarmup',
  aliases: ['hf.constant_with_warmup'],
  doc: 'Hugging Face "constant_with_warmup": linear warmup from 0, then the lr.',
  example: { lr: 0.02, numWarmupSteps: 6 },
  options: { lr, numWarmupSteps },
  build: (o) => hfWarmup(constant({ value: o.lr }), o.numWarmupSteps, o.lr),
});

export const hfInverseSqrtDefinition = defineDefinition({
  type: 'hf.inverseSqrt',
  aliases: ['hf.inverse_sqrt'],
  doc: 'Hugging Face "inverse_sqrt": warmup, then lr / sqrt((t + timescale - numWarmupSteps) / timescale).',
  example: { lr: 0.01, numWarmupSteps: 10 },
  options: {
    lr,
    numWarmupSteps,
    timescale: num('Time scale (default: numWarmupSteps, or 10000 when that is 0).', { min: 0, minExclusive: true, optional: true }),
  },
  build: (o) => {
    const w = o.numWarmupSteps;
    const timescale = o.timescale ?? (w || 10_000);
    return hfWarmup(inverseSqrt({ from: o.lr, timescale }), w, o.lr);
  },
});

export const hfCosineWithMinLrDefinition = defineDefinition({
  type: 'hf.cosineWithMinLr',
  aliases: ['hf.cosine_with_min_lr'],
  doc: 'Hugging Face "cosine_with_min_lr": warmup, then cosine decay to minLr (or minLrRate * lr).',
  example: { lr: 0.1, numWarmupSteps: 10, numTrainingSteps: 100, minLr: 0.001 },
  options: {
    lr,
    numWarmupSteps,
    numTrainingSteps,
    numCycles: num('Number of cosine waves.', { min: 0, minExclusive: true, default: 0.5 }),
    minLr: num('The floor lr. Give this or minLrRate.', { min: 0, optional: true }),
    minLrRate: num('The floor as a fraction of lr. Give this or minLr.', { min: 0, optional: true }),
  },
  check: (o, scope) => {
    decaySteps(o, scope);
    if (o.minLr !== undefined && o.minLrRate !== undefined) throw new OptionError(at(scope, 'minLrRate'), o.minLrRate, 'only one of minLr or minLrRate');
    if (o.minLr === undefined && o.minLrRate === undefined) throw new OptionError(at(scope, 'minLr'), undefined, 'one of minLr or minLrRate');
    if (o.minLr !== undefined && o.lr === 0) throw new OptionError(at(scope, 'lr'), 0, 'a positive lr when minLr is given (the rate is minLr / lr)');
  },
  build: (o, scope) => {
    // `check` guarantees exactly one of minLr and minLrRate.
    const rate = o.minLrRate ?? (o.minLr ?? 0) / o.lr;
    return hfWarmup(
      cosine({ from: o.lr, steps: decaySteps(o, scope), cycles: o.numCycles, alpha: rate, periodic: true }),
      o.numWarmupSteps,
      o.lr,
    );
  },
});

export const hfCosineWarmupWithMinLrDefinition = defineDefinition({
  type: 'hf.cosineWarmupWithMinLr',
  aliases: ['hf.cosine_warmup_with_min_lr'],
  doc: 'Hugging Face "cosine_warmup_with_min_lr": warmup that starts at (t + 1) / numWarmupSteps (or at warmupLrRate), then cosine decay to minLr (or minLrRate * lr) that starts one step in.',
  example: { lr: 0.1, numWarmupSteps: 10, numTrainingSteps: 100, minLrRate: 0.01 },
  options: {
    lr,
    numWarmupSteps,
    numTrainingSteps: int('Total number of training steps.', 0),
    numCycles: num('Number of cosine waves.', { default: 0.5 }),
    minLr: num('The floor lr. Give this or minLrRate.', { min: 0, optional: true }),
    minLrRate: num('The floor as a fraction of lr. Give this or minLr.', { min: 0, optional: true }),
    warmupLrRate: num('Warmup start as a fraction of lr (default: 1 / numWarmupSteps).', { optional: true }),
  },
  check: (o, scope) => {
    if (o.minLr !== undefined && o.minLrRate !== undefined) throw new OptionError(`${scope}.minLrRate`, o.minLrRate, 'only one of minLr or minLrRate');
    if (o.minLr === undefined && o.minLrRate === undefined) throw new OptionError(`${scope}.minLr`, undefined, 'one of minLr or minLrRate');
    if (o.minLr !== undefined && (o.lr as number) === 0) throw new OptionError(`${scope}.lr`, 0, 'a positive lr when minLr is given (the rate is minLr / lr)');
  },
  build: (o) => {
    // transformers optimization.py _get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda, times lr (LambdaLR).
    const base = o.lr as number;
    const w = o.numWarmupSteps as number;
    const total = o.numTrainingSteps as number;
    const cyclesValue = o.numCycles as number;
    const rate = (o.minLrRate as number | undefined) ?? (o.minLr as number) / base;
    const warmupRate = o.warmupLrRate as number | undefined;
    const factor = (t: number): number => {
      if (t < w) {
        if (warmupRate === undefined) return (t + 1.0) / Math.max(1.0, w);
        return warmupRate + ((1.0 - warmupRate) * t) / Math.max(1, w - 1);
      }
      const progress = (t - w + 1.0) / Math.max(1.0, total - w);
      let f = 0.5 * (1.0 + Math.cos(Math.PI * cyclesValue * 2.0 * progress));
      f = f * (1 - rate) + rate;
      return Math.max(0, f);
    };
    return (t) => base * factor(t);
  },
});

const SHAPES = ['linear', 'cosine', '1-sqrt'] as const;

export const hfWarmupStableDecayDefinition = defineDefinition({
  type: 'hf.warmupStableDecay',
  aliases: ['hf.warmup_stable_decay'],
  doc: 'Hugging Face "warmup_stable_decay" (WSD): warmup from minLrRatio * lr, hold lr, decay back to minLrRatio * lr.',
  example: { lr: 0.1, numWarmupSteps: 10, numDecaySteps: 20, numTrainingSteps: 60, warmupType: 'linear', decayType: 'linear', minLrRatio: 0.1 },
  options: {
    lr,
    numWarmupSteps,
    numDecaySteps: int('Steps of the decay phase.', 1),
    numTrainingSteps: int('Total steps; the stable phase is what remains (used when numStableSteps is absent).', 1, { optional: true }),
    numStableSteps: int('Steps of the stable phase.', 0, { optional: true }),
    warmupType: choice('Shape of the warmup.', SHAPES, 'linear'),
    decayType: choice('Shape of the decay.', SHAPES, 'cosine'),
    minLrRatio: num('Start of the warmup and end of the decay, as a fraction of lr.', { min: 0, max: 1, default: 0 }),
    numCycles: num('Number of cosine waves of a cosine decay.', { min: 0, minExclusive: true, default: 0.5 }),
  },
  check: (o, scope) => void stableSteps(o, scope),
  build: (o, scope) => {
    const peak = o.lr;
    const floor = o.minLrRatio * peak;
    const w = o.numWarmupSteps;
    const s = stableSteps(o, scope);
    const d = o.numDecaySteps;
    const decayType = o.decayType as (typeof SHAPES)[number];
    const decay =
      decayType === 'linear'
        ? linear({ from: peak, to: floor, steps: d })
        : decayType === 'cosine'
          ? cosine({ from: peak, steps: d, cycles: o.numCycles, alpha: o.minLrRatio, periodic: true })
          : sqrtDecay({ from: peak, to: floor, steps: d });
    const rest = s > 0 ? join([constant({ value: peak }), decay, constant({ value: floor })], [s, s + d]) : join([decay, constant({ value: floor })], [d]);
    if (w === 0) return rest;
    const warmupType = o.warmupType as (typeof SHAPES)[number];
    if (warmupType === 'linear') return warmup(rest, { steps: w, from: floor, to: peak });
    // Rising cosine 0.5 * (1 - cos(pi p)) and "1-sqrt" 1 - sqrt(1 - p), both between floor and peak.
    const rise = warmupType === 'cosine' ? cosine({ from: floor, to: peak, steps: w }) : polynomial({ from: floor, to: peak, steps: w, power: 0.5 });
    return join([rise, rest], [w]);
  },
});

function stableSteps(o: { numStableSteps?: number; numTrainingSteps?: number; numWarmupSteps: number; numDecaySteps: number }, scope: Path): number {
  if (o.numStableSteps !== undefined) return o.numStableSteps;
  if (o.numTrainingSteps === undefined) throw new OptionError(at(scope, 'numTrainingSteps'), undefined, 'numTrainingSteps or numStableSteps');
  const s = o.numTrainingSteps - o.numWarmupSteps - o.numDecaySteps;
  if (s < 0) throw new OptionError(at(scope, 'numTrainingSteps'), o.numTrainingSteps, 'at least numWarmupSteps + numDecaySteps');
  return s;
}

export const HF_DEFINITIONS = [
  hfLinearDefinition,
  hfCosineDefinition,
  hfCosineWithRestartsDefinition,
  hfPolynomialDefinition,
  hfConstantDefinition,
  hfConstantWithWarmupDefinition,
  hfInverseSqrtDefinition,
  hfCosineWithMinLrDefinition,
  hfCosineWarmupWithMinLrDefinition,
  hfWarmupStableDecayDefinition,
] as const;

export interface HfWarmupOptions {
  lr: number;
  numWarmupSteps: number;
}
export interface HfTrainingOptions extends HfWarmupOptions {
  numTrainingSteps: number;
}

/**
 * Hugging Face `get_scheduler` recipes by name, as pure schedules of the lr.
 *
 * @example
 * const s = hf.cosine({ lr: 5e-5, numWarmupSteps: 100, numTrainingSteps: 1000 });
 * s(100); // 5e-5
 */
export const hf = {
  linear: (o: HfTrainingOptions): Schedule => instantiate(hfLinearDefinition, o),
  cosine: (o: HfTrainingOptions & { numCycles?: number }): Schedule => instantiate(hfCosineDefinition, o),
  cosineWithRestarts: (o: HfTrainingOptions & { numCycles?: number }): Schedule => instantiate(hfCosineWithRestartsDefinition, o),
  polynomial: (o: HfTrainingOptions & { lrEnd?: number; power?: number }): Schedule => instantiate(hfPolynomialDefinition, o),
  constant: (o: { lr: number }): Schedule => instantiate(hfConstantDefinition, o),
  constantWithWarmup: (o: HfWarmupOptions): Schedule => instantiate(hfConstantWithWarmupDefinition, o),
  inverseSqrt: (o: HfWarmupOptions & { timescale?: number }): Schedule => instantiate(hfInverseSqrtDefinition, o),
  cosineWithMinLr: (o: HfTrainingOptions & { numCycles?: number; minLr?: number; minLrRate?: number }): Schedule => instantiate(hfCosineWithMinLrDefinition, o),
  cosineWarmupWithMinLr: (o: HfTrainingOptions & { numCycles?: number; minLr?: number; minLrRate?: number; warmupLrRate?: number }): Schedule =>
    instantiate(hfCosineWarmupWithMinLrDefinition, o),
  warmupStableDecay: (
    o: HfWarmupOptions & {
      numDecaySteps: number;
      numTrainingSteps?: number;
      numStableSteps?: number;
      warmupType?: 'linear' | 'cosine' | '1-sqrt';
      decayType?: 'linear' | 'cosine' | '1-sqrt';
      minLrRatio?: number;
      numCycles?: number;
    },
  ): Schedule => instantiate(hfWarmupStableDecayDefinition, o),
};
