import { at, OptionError, type Path } from '../errors.js';
import { cycles } from '../combinators/cycles.js';
import { perEpoch } from '../combinators/perEpoch.js';
import { seededNoise } from '../combinators/seededNoise.js';
import { warmup } from '../combinators/warmup.js';
import { bool, choice, defineDefinition, instantiate, int, num, type OptionDef, type Settled } from '../schedules/define.js';
import { cosine } from '../schedules/cosine.js';
import { polynomial } from '../schedules/polynomial.js';
import type { Schedule } from '../schedules/Schedule.js';
import { step } from '../schedules/step.js';
import { bisectRight } from '../bisect.js';
import { tanh } from '../schedules/tanh.js';

/**
 * timm schedulers (timm/scheduler/*.py) as pure schedules. `t` is timm's `t`: the epoch when
 * `tInEpochs` (timm's default), else the update count. Give `updatesPerEpoch` to drive an epoch-based
 * recipe from optimizer steps. Warmup, cycles and noise are lrkit's single combinators.
 */

const noiseRangeT: OptionDef = {
  type: {
    kind: 'custom',
    expectation: 'a step, or a pair [start, end]',
    schema: { oneOf: [{ type: 'number', minimum: 0 }, { type: 'array', items: { type: 'number', minimum: 0 }, minItems: 2, maxItems: 2 }] },
    check: (option, value) => {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
      if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0) && (value[0] as number) < (value[1] as number)) {
        return [value[0] as number, value[1] as number];
      }
      throw new OptionError(option, value, 'a step, or a pair [start, end] with start < end');
    },
  },
  doc: 'Steps with noise: from t on, or [start, end). Default: no noise.',
  optional: true,
};

const common = {
  lr: num('Base lr (the optimizer group lr).', { min: 0 }),
  warmupT: num('Warmup length.', { min: 0, default: 0 }),
  warmupLrInit: num('Lr at the start of the warmup.', { min: 0, default: 0 }),
  tInEpochs: bool('t counts epochs (timm default) rather than updates.', true),
  updatesPerEpoch: int('Optimizer steps per epoch, to drive an epoch-based schedule per step (lrkit addition).', 1, { optional: true }),
  noiseRangeT,
  noisePct: num('Noise limit.', { min: 0, minExclusive: true, default: 0.67 }),
  noiseStd: num('Standard deviation of the normal noise (timm accepts but ignores it; 1 matches timm).', { min: 0, minExclusive: true, default: 1 }),
  noiseSeed: int('Noise seed; step t uses noiseSeed + t.', -Number.MAX_SAFE_INTEGER, { default: 42 }),
  noiseType: choice("Noise distribution ('normal', else uniform as in timm).", ['normal', 'uniform'], 'normal'),
};

const cycleOptions = {
  tInitial: num('Length of the first cycle.', { min: 0, minExclusive: true }),
  lrMin: num('Floor lr.', { min: 0, default: 0 }),
  cycleMul: num('Growth factor of the cycle length.', { min: 0, minExclusive: true, default: 1 }),
  cycleDecay: num('Factor of the peak per cycle.', { min: 0, default: 1 }),
  cycleLimit: int('Number of cycles before holding lrMin.', 1, { default: 1 }),
};

function checkCommon(o: Settled<typeof common>, scope: Path): void {
  if (o.updatesPerEpoch !== undefined && o.tInEpochs === false) {
    throw new OptionError(at(scope, 'updatesPerEpoch'), o.updatesPerEpoch, 'no updatesPerEpoch when tInEpochs is false (t already counts updates)');
  }
}

/** Warmup (timm's, written once), noise, then the epoch clock. `to` is the warmup target (undefined: the schedule's value where it continues). */
function finish(core: Schedule, o: Settled<typeof common>, warmupPrefix: boolean, to: number | undefined): Schedule {
  let s = core;
  const w = o.warmupT;
  if (w > 0) s = warmup(s, { steps: w, from: o.warmupLrInit, prefix: warmupPrefix, ...(to !== undefined ? { to } : {}) });
  const range = o.noiseRangeT as number | [number, number] | undefined; // a custom option: validated by its own check
  if (range !== undefined) {
    s = seededNoise(s, {
      pct: o.noisePct,
      std: o.noiseStd,
      seed: o.noiseSeed,
      distribution: o.noiseType,
      ...(Array.isArray(range) ? { start: range[0], end: range[1] } : { start: range }),
    });
  }
  if (o.tInEpochs && o.updatesPerEpoch !== undefined) s = perEpoch(s, o.updatesPerEpoch);
  return s;
}

function cycled(template: Schedule, o: Settled<typeof cycleOptions>, kDecay = 1): Schedule {
  return cycles(template, { mul: o.cycleMul, decay: o.cycleDecay, limit: o.cycleLimit, kDecay, after: o.lrMin });
}

export const timmCosineDefinition = defineDefinition({
  type: 'timm.cosine',
  doc: 'timm CosineLRScheduler: cosine cycles with warmup, cycle_mul/decay/limit, k-decay and noise.',
  example: { lr: 0.1, tInitial: 50 },
  options: { ...common, ...cycleOptions, warmupPrefix: bool('Start the schedule after the warmup.', false), kDecay: num('k-decay exponent.', { min: 0, minExclusive: true, default: 1 }) },
  check: (o, scope) => checkCommon(o, scope),
  build: (o) => {
    const template = cosine({ from: o.lr, to: o.lrMin, steps: o.tInitial });
    return finish(cycled(template, o, o.kDecay), o, o.warmupPrefix, o.lr);
  },
});

export const timmTanhDefinition = defineDefinition({
  type: 'timm.tanh',
  doc: 'timm TanhLRScheduler: tanh cycles with warmup (towards the value where the schedule continues), cycles and noise.',
  example: { lr: 0.1, tInitial: 40 },
  options: {
    ...common,
    ...cycleOptions,
    warmupPrefix: bool('Start the schedule after the warmup.', false),
    lb: num('Lower bound of the tanh argument.', { default: -7 }),
    ub: num('Upper bound of the tanh argument.', { default: 3 }),
  },
  check: (o, scope) => {
    checkCommon(o, scope);
    if (o.lb >= o.ub) throw new OptionError(at(scope, 'lb'), o.lb, `a number below ub (${String(o.ub)})`);
  },
  build: (o) => {
    const template = tanh({ from: o.lr, to: o.lrMin, steps: o.tInitial, lb: o.lb, ub: o.ub });
    // timm's tanh warmup heads for base_values with prefix, else for _get_lr(warmup_t) (the copies drifted; both kept).
    return finish(cycled(template, o), o, o.warmupPrefix, o.warmupPrefix ? o.lr : undefined);
  },
});

export const timmStepDefinition = defineDefinition({
  type: 'timm.step',
  doc: 'timm StepLRScheduler: lr * decayRate ** floor(t / decayT), with warmup (prefix by default) and noise.',
  example: { lr: 0.1, decayT: 10, decayRate: 0.5 },
  options: {
    ...common,
    decayT: num('Steps between decays.', { min: 0, minExclusive: true }),
    decayRate: num('Factor per decay.', { min: 0, minExclusive: true, default: 1 }),
    warmupPrefix: bool('Start the schedule after the warmup.', true),
  },
  check: (o, scope) => checkCommon(o, scope),
  build: (o) =>
    finish(step({ from: o.lr, stepSize: o.decayT, gamma: o.decayRate }), o, o.warmupPrefix, o.lr),
});

export const timmPolyDefinition = defineDefinition({
  type: 'timm.poly',
  doc: 'timm PolyLRScheduler: polynomial cycles with warmup, k-decay and noise.',
  example: { lr: 0.1, tInitial: 30 },
  options: {
    ...common,
    ...cycleOptions,
    power: num('Power of the polynomial.', { min: 0, default: 0.5 }),
    warmupPrefix: bool('Start the schedule after the warmup.', false),
    kDecay: num('k-decay exponent.', { min: 0, minExclusive: true, default: 1 }),
  },
  check: (o, scope) => checkCommon(o, scope),
  build: (o) => {
    const template = polynomial({ from: o.lr, to: o.lrMin, steps: o.tInitial, power: o.power });
    return finish(cycled(template, o, o.kDecay), o, o.warmupPrefix, o.lr);
  },
});

export const timmMultiStepDefinition = defineDefinition({
  type: 'timm.multiStep',
  aliases: ['timm.multistep'],
  doc: 'timm MultiStepLRScheduler: lr * decayRate ** (number of decayT milestones <= t + 1), with warmup (prefix by default) and noise. timm counts t + 1, so each decay lands one t earlier than PyTorch MultiStepLR.',
  example: { lr: 0.1, decayT: [30, 60], decayRate: 0.1 },
  options: {
    ...common,
    decayT: { type: { kind: 'numberList', order: 'nonDecreasing', minLength: 1 }, doc: 'Sorted milestones (timm bisects them).' },
    decayRate: num('Factor per milestone.', { min: 0, minExclusive: true, default: 1 }),
    warmupPrefix: bool('Start the schedule after the warmup.', true),
  },
  check: (o, scope) => checkCommon(o, scope),
  build: (o) => {
    const lr = o.lr;
    const milestones = o.decayT;
    const rate = o.decayRate;
    // timm multistep_lr.py get_curr_decay_steps: bisect_right(decay_t, t + 1).
    const core = (t: number) => lr * rate ** bisectRight(milestones, t + 1);
    return finish(core as Schedule, o, o.warmupPrefix, lr);
  },
});

export const TIMM_DEFINITIONS = [timmCosineDefinition, timmTanhDefinition, timmStepDefinition, timmMultiStepDefinition, timmPolyDefinition] as const;

/**
 * timm's `get_cycle_length(cycles)` for the cycling schedulers (cosine, tanh, poly): the `t` at which `cycles`
 * cycles end (default: `cycleLimit`), plus `warmupT` with `warmupPrefix`. As in timm, a growing cycle length
 * (`cycleMul` != 1) is floored to an integer.
 *
 * @example
 * timmCycleLength({ tInitial: 10, cycleMul: 2, cycleLimit: 3 }); // 70
 */
export function timmCycleLength(
  options: { tInitial: number; cycleMul?: number; cycleLimit?: number; warmupT?: number; warmupPrefix?: boolean },
  cycles = 0,
): number {
  const n = Math.max(1, cycles || (options.cycleLimit ?? 1));
  const mul = options.cycleMul ?? 1;
  const t = mul === 1.0 ? options.tInitial * n : Math.floor((-options.tInitial * (mul ** n - 1)) / (1 - mul));
  return options.warmupPrefix ? t + (options.warmupT ?? 0) : t;
}

interface TimmCommon {
  lr: number;
  warmupT?: number;
  warmupLrInit?: number;
  warmupPrefix?: boolean;
  tInEpochs?: boolean;
  updatesPerEpoch?: number;
  noiseRangeT?: number | [number, number];
  noisePct?: number;
  noiseStd?: number;
  noiseSeed?: number;
  noiseType?: 'normal' | 'uniform';
}
interface TimmCycles extends TimmCommon {
  tInitial: number;
  lrMin?: number;
  cycleMul?: number;
  cycleDecay?: number;
  cycleLimit?: number;
}

/**
 * timm schedulers by name, as pure schedules of t.
 *
 * @example
 * const s = timm.cosine({ lr: 0.1, tInitial: 300, lrMin: 1e-5, warmupT: 5, warmupLrInit: 1e-4 });
 */
export const timm = {
  cosine: (o: TimmCycles & { kDecay?: number }): Schedule => instantiate(timmCosineDefinition, o),
  tanh: (o: TimmCycles & { lb?: number; ub?: number }): Schedule => instantiate(timmTanhDefinition, o),
  step: (o: TimmCommon & { decayT: number; decayRate?: number }): Schedule => instantiate(timmStepDefinition, o),
  poly: (o: TimmCycles & { power?: number; kDecay?: number }): Schedule => instantiate(timmPolyDefinition, o),
  multistep: (o: TimmCommon & { decayT: number[]; decayRate?: number }): Schedule => instantiate(timmMultiStepDefinition, o),
  /** timm's `get_cycle_length(cycles)`, see {@link timmCycleLength}. */
  cycleLength: timmCycleLength,
};
