import { at, OptionError, type Path } from '../errors.js';
import { join } from '../combinators/join.js';
import { warmup } from '../combinators/warmup.js';
import { bool, choice, defineDefinition, instantiate, normalizeOptions, num, type NormalizedOptions } from '../schedules/define.js';
import { constant } from '../schedules/constant.js';
import { cosine } from '../schedules/cosine.js';
import type { Schedule } from '../schedules/Schedule.js';
import type { JsonValue } from '../state.js';

/** Optax schedules (optax/schedules/_schedule.py), as compositions of lrkit primitives. */

export const optaxWarmupCosineDecayDefinition = defineDefinition({
  type: 'optax.warmupCosineDecay',
  aliases: ['optax.warmup_cosine_decay'],
  doc: 'Optax warmup_cosine_decay_schedule: linear warmup initValue -> peakValue, then cosine decay to endValue; decaySteps includes the warmup.',
  example: { initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 50, endValue: 0.001 },
  options: {
    initValue: num('Value at step 0.'),
    peakValue: num('Value at the end of the warmup.'),
    warmupSteps: num('Warmup length (a float is fine, as in Optax).', { min: 0 }),
    decaySteps: num('Total length, warmup included.', { min: 0, minExclusive: true }),
    endValue: num('Final value.', { default: 0 }),
    exponent: num('Exponent of the cosine factor.', { min: 0, default: 1 }),
  },
  check: (o, scope) => {
    if (o.decaySteps <= o.warmupSteps) {
      throw new OptionError(at(scope, 'decaySteps'), o.decaySteps, `more than warmupSteps (${String(o.warmupSteps)}): Optax needs positive cosine decay steps`);
    }
  },
  build: (o) => {
    const peak = o.peakValue;
    const alpha = peak === 0 ? 0 : o.endValue / peak;
    const decay = cosine({ from: peak, steps: o.decaySteps - o.warmupSteps, alpha, exponent: o.exponent });
    return warmup(decay, { steps: o.warmupSteps, from: o.initValue, to: peak });
  },
});

export const optaxSgdrDefinition = defineDefinition({
  type: 'optax.sgdr',
  doc: 'Optax sgdr_schedule: warmup-cosine cycles joined one after another (each cycle lasts its decaySteps).',
  example: { cosineKwargs: [{ initValue: 0, peakValue: 0.1, warmupSteps: 5, decaySteps: 20, endValue: 0.001 }, { initValue: 0.001, peakValue: 0.05, warmupSteps: 3, decaySteps: 30, endValue: 0 }, { initValue: 0, peakValue: 0.02, warmupSteps: 0, decaySteps: 10 }] },
  options: {
    cosineKwargs: {
      type: {
        kind: 'custom',
        expectation: 'a non-empty array of optax.warmup_cosine_decay options',
        schema: { type: 'array', minItems: 1, items: { $ref: '#/$defs/optax.warmupCosineDecay.options' } },
        check: (option, value) => {
          if (!Array.isArray(value) || value.length === 0) throw new OptionError(option, value, 'a non-empty array of optax.warmup_cosine_decay options');
          return value.map((v, i) => normalizeOptions(optaxWarmupCosineDecayDefinition, v, at(option, i)) as JsonValue);
        },
      },
      doc: 'Options of each warmup-cosine cycle.',
    },
  },
  build: (o) => {
    const kwargs = o.cosineKwargs as NormalizedOptions[];
    const schedules: Schedule[] = [];
    const boundaries: number[] = [];
    let at = 0;
    for (const k of kwargs) {
      schedules.push(instantiate(optaxWarmupCosineDecayDefinition, k));
      at += k.decaySteps as number;
      boundaries.push(at);
    }
    return join(schedules, boundaries.slice(0, -1));
  },
});

const boundariesAndScales = {
  type: {
    kind: 'custom' as const,
    expectation: 'an object {step: scale} with steps >= 0 (integer or decimal) and scales >= 0',
    schema: { type: 'object', patternProperties: { '^[0-9]+(\\.[0-9]+)?$': { type: 'number', minimum: 0 } }, additionalProperties: false },
    check: (option: Path, value: unknown): JsonValue => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new OptionError(option, value, 'an object {step: scale}');
      const out: Record<string, number> = {};
      for (const [key, scale] of Object.entries(value as Record<string, unknown>)) {
        // Optax takes any number as a boundary (users pass float steps too); keys are JSON strings.
        if (!/^[0-9]+(\.[0-9]+)?$/.test(key) || !Number.isFinite(Number(key)) || Number(key) > Number.MAX_SAFE_INTEGER) {
          throw new OptionError(at(option, key), key, 'a step >= 0 (integer or decimal) as key');
        }
        if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0) throw new OptionError(at(option, key), scale, 'a non-negative scale');
        const step = String(Number(key));
        if (step in out) throw new OptionError(at(option, key), key, `a step given once (${step} appears twice)`);
        out[step] = scale;
      }
      return out;
    },
  },
  doc: 'Boundaries and the factor multiplied into the value at each.',
};

/**
 * Optax piecewise_interpolate_schedule: values accumulate the scales; between boundaries the value
 * moves linearly or along a half cosine from one accumulated value to the next.
 */
function piecewiseInterpolate(type: 'linear' | 'cosine', init: number, scales: Record<string, number>): (t: number) => number {
  const entries = Object.entries(scales)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  const bounds = [0, ...entries.map((e) => e[0])];
  const values = [init];
  for (const [, scale] of entries) values.push((values[values.length - 1] as number) * scale);
  // Optax: an interval shorter than one step is stretched to one step (interval_sizes = max(size, 1)).
  const sizes = bounds.slice(1).map((b, i) => Math.max(b - (bounds[i] as number), 1));
  const last = bounds[bounds.length - 1] as number;
  const interpolate =
    type === 'linear'
      ? (start: number, end: number, pct: number) => (end - start) * pct + start
      : (start: number, end: number, pct: number) => end + ((start - end) / 2.0) * (Math.cos(Math.PI * pct) + 1);
  const schedule = (t: number): number => {
    if (t >= last) return values[values.length - 1] as number;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const lo = bounds[i] as number;
      if (lo <= t && t < (bounds[i + 1] as number)) return interpolate(values[i] as number, values[i + 1] as number, (t - lo) / (sizes[i] as number));
    }
    return 0; // before 0 (negative steps): no interval applies, as in Optax
  };
  return schedule;
}

export const optaxPiecewiseInterpolateDefinition = defineDefinition({
  type: 'optax.piecewiseInterpolate',
  aliases: ['optax.piecewise_interpolate'],
  doc: 'Optax piecewise_interpolate_schedule (linear or cosine interpolation between accumulated scales).',
  example: { interpolateType: 'linear', initValue: 1, boundariesAndScales: { "4": 0.1, "8": 0.01 } },
  options: {
    interpolateType: choice('Interpolation between boundaries.', ['linear', 'cosine']),
    initValue: num('Value at step 0.'),
    boundariesAndScales: { ...boundariesAndScales, default: {} },
  },
  build: (o) => piecewiseInterpolate(o.interpolateType as 'linear' | 'cosine', o.initValue, o.boundariesAndScales as Record<string, number>),
});

const transitionSteps = num('Length of the cycle (> 0; a float is fine, as in Optax).', { min: 0, minExclusive: true });
const peakValue = num('Peak value.');

/** Python's dict literal: a later key overwrites an earlier equal key. */
function dict(pairs: Array<[number, number]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of pairs) out[String(k)] = v;
  return out;
}

export const optaxLinearOnecycleDefinition = defineDefinition({
  type: 'optax.linearOnecycle',
  aliases: ['optax.linear_onecycle'],
  doc: 'Optax linear_onecycle_schedule: three linear phases (up to peak, back to the start, down to the end).',
  example: { transitionSteps: 100, peakValue: 0.1 },
  options: {
    transitionSteps,
    peakValue,
    pctStart: num('Fraction of the cycle spent increasing.', { min: 0, max: 1, default: 0.3 }),
    pctFinal: num('Fraction of the cycle after which the last phase starts.', { min: 0, max: 1, default: 0.85 }),
    divFactor: num('Start value = peakValue / divFactor.', { min: 0, minExclusive: true, default: 25 }),
    finalDivFactor: num('End value = start / finalDivFactor (start = peakValue / divFactor).', { min: 0, minExclusive: true, default: 1e4 }),
  },
  build: (o) => {
    const t = o.transitionSteps;
    const div = o.divFactor;
    return piecewiseInterpolate(
      'linear',
      o.peakValue / div,
      dict([
        [Math.trunc(o.pctStart * t), div],
        [Math.trunc(o.pctFinal * t), 1.0 / div],
        [t, 1.0 / o.finalDivFactor],
      ]),
    );
  },
});

export const optaxCosineOnecycleDefinition = defineDefinition({
  type: 'optax.cosineOnecycle',
  aliases: ['optax.cosine_onecycle'],
  doc: 'Optax cosine_onecycle_schedule: cosine up to peakValue, then cosine down to start / finalDivFactor.',
  example: { transitionSteps: 100, peakValue: 0.1 },
  options: {
    transitionSteps,
    peakValue,
    pctStart: num('Fraction of the cycle spent increasing.', { min: 0, max: 1, default: 0.3 }),
    divFactor: num('Start value = peakValue / divFactor.', { min: 0, minExclusive: true, default: 25 }),
    finalDivFactor: num('End value = start / finalDivFactor.', { min: 0, minExclusive: true, default: 1e4 }),
  },
  build: (o) => {
    const t = o.transitionSteps;
    const div = o.divFactor;
    return piecewiseInterpolate(
      'cosine',
      o.peakValue / div,
      dict([
        [Math.trunc(o.pctStart * t), div],
        // Optax: int(transition_steps) here (the linear one-cycle keeps transition_steps as given).
        [Math.trunc(t), 1.0 / (div * o.finalDivFactor)],
      ]),
    );
  },
});


// ------------------------------------------------------------------ Optax's primitive schedules
// Each one follows optax/schedules/_schedule.py operation by operation, so lrkit equals Optax run in float64
// (jax x64); Optax's default float32 differs from both by float32 rounding.

const transitionBegin = num('Steps before the transition starts (the value is held at initValue until then).', { min: 0, default: 0 });

export const optaxConstantDefinition = defineDefinition({
  type: 'optax.constant',
  doc: 'Optax constant_schedule: the value at every step.',
  example: { value: 0.1 },
  options: { value: num('The value.') },
  build: (o) => constant({ value: o.value as number }),
});

/** Optax polynomial_schedule; `transitionSteps <= 0` holds `initValue` (Optax's documented degenerate case). */
function optaxPolynomial(init: number, end: number, power: number, steps: number, begin: number): (t: number) => number {
  if (steps <= 0) return () => init;
  return (t) => {
    const count = Math.min(Math.max(t - begin, 0), steps);
    const frac = 1 - count / steps;
    return (init - end) * frac ** power + end;
  };
}

const transitionStepsAny = num('Length of the transition; <= 0 holds initValue, as in Optax.');

export const optaxPolynomialDefinition = defineDefinition({
  type: 'optax.polynomial',
  doc: 'Optax polynomial_schedule: initValue until transitionBegin, then (init - end) * (1 - t / transitionSteps) ** power + end, held at endValue; transitionSteps <= 0 holds initValue.',
  example: { initValue: 1, endValue: 0.01, power: 2, transitionSteps: 100, transitionBegin: 5 },
  options: { initValue: num('Value before and at the start of the transition.'), endValue: num('Value at the end.'), power: num('Power of the polynomial.'), transitionSteps: transitionStepsAny, transitionBegin },
  build: (o) => optaxPolynomial(o.initValue as number, o.endValue as number, o.power as number, o.transitionSteps as number, o.transitionBegin as number),
});

export const optaxLinearDefinition = defineDefinition({
  type: 'optax.linear',
  doc: 'Optax linear_schedule: polynomial_schedule with power 1 (transitionBegin, transitionSteps <= 0 holds initValue).',
  example: { initValue: 1, endValue: 0.01, transitionSteps: 100 },
  options: { initValue: num('Value before and at the start of the transition.'), endValue: num('Value at the end.'), transitionSteps: transitionStepsAny, transitionBegin },
  build: (o) => optaxPolynomial(o.initValue as number, o.endValue as number, 1, o.transitionSteps as number, o.transitionBegin as number),
});

/** Optax exponential_decay, with its two documented degenerate cases (transitionSteps <= 0, decayRate == 0: constant). */
function optaxExponential(init: number, steps: number, rate: number, begin: number, staircase: boolean, end: number | undefined): (t: number) => number {
  if (steps <= 0 || rate === 0) return () => init;
  const clip = end === undefined ? (v: number) => v : rate < 1 ? (v: number) => Math.max(v, end) : (v: number) => Math.min(v, end);
  return (t) => {
    const decreased = t - begin;
    let p = decreased / steps;
    if (staircase) p = Math.floor(p);
    return clip(decreased <= 0 ? init : init * rate ** p);
  };
}

const exponentialOptions = {
  transitionSteps: num('Steps per factor of decayRate; <= 0 holds initValue, as in Optax.'),
  decayRate: num('Factor per transitionSteps, >= 0; 0 holds initValue, as in Optax.', { min: 0 }),
  transitionBegin,
  staircase: bool('Decay at discrete intervals.', false),
  endValue: num('Bound where the decay stops: lower bound when decayRate < 1, upper bound otherwise.', { optional: true }),
};

export const optaxExponentialDecayDefinition = defineDefinition({
  type: 'optax.exponentialDecay',
  aliases: ['optax.exponential_decay'],
  doc: 'Optax exponential_decay: initValue * decayRate ** ((t - transitionBegin) / transitionSteps), floored with staircase, bounded by endValue; transitionSteps <= 0 or decayRate == 0 hold initValue.',
  example: { initValue: 0.1, transitionSteps: 1000, decayRate: 0.5, transitionBegin: 100 },
  options: { initValue: num('Value until transitionBegin.'), ...exponentialOptions },
  build: (o) =>
    optaxExponential(o.initValue as number, o.transitionSteps as number, o.decayRate as number, o.transitionBegin as number, o.staircase as boolean, o.endValue as number | undefined),
});

export const optaxCosineDecayDefinition = defineDefinition({
  type: 'optax.cosineDecay',
  aliases: ['optax.cosine_decay'],
  doc: 'Optax cosine_decay_schedule: initValue * ((1 - alpha) * (0.5 * (1 + cos(pi * min(t, decaySteps) / decaySteps))) ** exponent + alpha).',
  example: { initValue: 0.1, decaySteps: 1000, alpha: 0.01 },
  options: {
    initValue: num('Value at step 0.'),
    decaySteps: num('Length of the decay (Optax requires > 0).', { min: 0, minExclusive: true }),
    alpha: num('Floor as a fraction of initValue.', { default: 0 }),
    exponent: num('Exponent of the cosine factor.', { default: 1 }),
  },
  build: (o) => {
    const init = o.initValue as number;
    const steps = o.decaySteps as number;
    const alpha = o.alpha as number;
    const exponent = o.exponent as number;
    return (t) => {
      const count = Math.min(t, steps);
      const cosineDecay = 0.5 * (1 + Math.cos((Math.PI * count) / steps));
      return init * ((1 - alpha) * cosineDecay ** exponent + alpha);
    };
  },
});

export const optaxPiecewiseConstantDefinition = defineDefinition({
  type: 'optax.piecewiseConstant',
  aliases: ['optax.piecewise_constant'],
  doc: 'Optax piecewise_constant_schedule: initValue times the scale of every boundary reached (t >= boundary).',
  example: { initValue: 1, boundariesAndScales: { '100': 0.1, '200': 0.01 } },
  options: { initValue: num('Value before the first boundary.'), boundariesAndScales: { ...boundariesAndScales, default: {} } },
  build: (o) => {
    const entries = Object.entries(o.boundariesAndScales as Record<string, number>)
      .map(([k, v]) => [Number(k), v] as const)
      .sort((a, b) => a[0] - b[0]);
    const init = o.initValue as number;
    return (t) => {
      let v = init;
      for (const [boundary, scale] of entries) if (t >= boundary) v = scale * v;
      return v;
    };
  },
});

const warmupOptions = {
  initValue: num('Value at step 0.'),
  peakValue: num('Value at the end of the warmup.'),
  warmupSteps: num('Warmup length; <= 0 holds initValue for the warmup piece, as in Optax.'),
};

export const optaxWarmupConstantDefinition = defineDefinition({
  type: 'optax.warmupConstant',
  aliases: ['optax.warmup_constant'],
  doc: 'Optax warmup_constant_schedule: linear_schedule(initValue, peakValue, warmupSteps); with warmupSteps <= 0 that is initValue at every step, as in Optax.',
  example: { initValue: 0, peakValue: 0.1, warmupSteps: 100 },
  options: warmupOptions,
  build: (o) => optaxPolynomial(o.initValue as number, o.peakValue as number, 1, o.warmupSteps as number, 0),
});

export const optaxWarmupExponentialDecayDefinition = defineDefinition({
  type: 'optax.warmupExponentialDecay',
  aliases: ['optax.warmup_exponential_decay'],
  doc: 'Optax warmup_exponential_decay_schedule: linear warmup to peakValue, then exponential_decay(peakValue, ...) on its own clock.',
  example: { initValue: 0, peakValue: 0.1, warmupSteps: 100, transitionSteps: 1000, decayRate: 0.5 },
  options: { ...warmupOptions, ...exponentialOptions },
  build: (o) => {
    const w = o.warmupSteps as number;
    const rise = optaxPolynomial(o.initValue as number, o.peakValue as number, 1, w, 0);
    const decay = optaxExponential(o.peakValue as number, o.transitionSteps as number, o.decayRate as number, o.transitionBegin as number, o.staircase as boolean, o.endValue as number | undefined);
    // join_schedules: the decay takes over at warmupSteps, on its own clock.
    return (t) => (t < w ? rise(t) : decay(t - w));
  },
});

export const OPTAX_DEFINITIONS = [
  optaxConstantDefinition,
  optaxLinearDefinition,
  optaxPolynomialDefinition,
  optaxExponentialDecayDefinition,
  optaxCosineDecayDefinition,
  optaxPiecewiseConstantDefinition,
  optaxWarmupConstantDefinition,
  optaxWarmupExponentialDecayDefinition,
  optaxWarmupCosineDecayDefinition,
  optaxSgdrDefinition,
  optaxPiecewiseInterpolateDefinition,
  optaxLinearOnecycleDefinition,
  optaxCosineOnecycleDefinition,
] as const;

export interface OptaxWarmupCosineDecayOptions {
  initValue: number;
  peakValue: number;
  warmupSteps: number;
  decaySteps: number;
  endValue?: number;
  exponent?: number;
}

/**
 * Optax schedules by name.
 *
 * @example
 * const s = optax.warmupCosineDecay({ initValue: 0, peakValue: 1e-3, warmupSteps: 100, decaySteps: 1000 });
 */
export const optax = {
  constant: (o: { value: number }): Schedule => instantiate(optaxConstantDefinition, o),
  linear: (o: { initValue: number; endValue: number; transitionSteps: number; transitionBegin?: number }): Schedule => instantiate(optaxLinearDefinition, o),
  polynomial: (o: { initValue: number; endValue: number; power: number; transitionSteps: number; transitionBegin?: number }): Schedule =>
    instantiate(optaxPolynomialDefinition, o),
  exponentialDecay: (o: { initValue: number; transitionSteps: number; decayRate: number; transitionBegin?: number; staircase?: boolean; endValue?: number }): Schedule =>
    instantiate(optaxExponentialDecayDefinition, o),
  cosineDecay: (o: { initValue: number; decaySteps: number; alpha?: number; exponent?: number }): Schedule => instantiate(optaxCosineDecayDefinition, o),
  piecewiseConstant: (o: { initValue: number; boundariesAndScales?: Record<number, number> }): Schedule => instantiate(optaxPiecewiseConstantDefinition, o),
  warmupConstant: (o: { initValue: number; peakValue: number; warmupSteps: number }): Schedule => instantiate(optaxWarmupConstantDefinition, o),
  warmupExponentialDecay: (
    o: { initValue: number; peakValue: number; warmupSteps: number; transitionSteps: number; decayRate: number; transitionBegin?: number; staircase?: boolean; endValue?: number },
  ): Schedule => instantiate(optaxWarmupExponentialDecayDefinition, o),
  warmupCosineDecay: (o: OptaxWarmupCosineDecayOptions): Schedule => instantiate(optaxWarmupCosineDecayDefinition, o),
  sgdr: (cosineKwargs: OptaxWarmupCosineDecayOptions[]): Schedule => instantiate(optaxSgdrDefinition, { cosineKwargs }),
  piecewiseInterpolate: (o: { interpolateType: 'linear' | 'cosine'; initValue: number; boundariesAndScales?: Record<number, number> }): Schedule =>
    instantiate(optaxPiecewiseInterpolateDefinition, o),
  linearOnecycle: (o: { transitionSteps: number; peakValue: number; pctStart?: number; pctFinal?: number; divFactor?: number; finalDivFactor?: number }): Schedule =>
    instantiate(optaxLinearOnecycleDefinition, o),
  cosineOnecycle: (o: { transitionSteps: number; peakValue: number; pctStart?: number; divFactor?: number; finalDivFactor?: number }): Schedule =>
    instantiate(optaxCosineOnecycleDefinition, o),
};
