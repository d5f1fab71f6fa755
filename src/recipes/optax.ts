import { at, OptionError, type Path } from '../errors.js';
import { join } from '../combinators/join.js';
import { warmup } from '../combinators/warmup.js';
import { choice, defineDefinition, instantiate, int, normalizeOptions, num, type NormalizedOptions } from '../schedules/define.js';
import { constant } from '../schedules/constant.js';
import { cosine } from '../schedules/cosine.js';
import { linear } from '../schedules/linear.js';
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
    warmupSteps: int('Warmup length.', 0),
    decaySteps: int('Total length, warmup included.', 1),
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
    expectation: 'an object {step: scale} with integer steps >= 0 and scales >= 0',
    schema: { type: 'object', patternProperties: { '^[0-9]+$': { type: 'number', minimum: 0 } }, additionalProperties: false },
    check: (option: Path, value: unknown): JsonValue => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new OptionError(option, value, 'an object {step: scale}');
      const out: Record<string, number> = {};
      for (const [key, scale] of Object.entries(value as Record<string, unknown>)) {
        if (!/^[0-9]+$/.test(key) || !Number.isSafeInteger(Number(key))) throw new OptionError(at(option, key), key, 'an integer step >= 0 as key');
        if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0) throw new OptionError(at(option, key), scale, 'a non-negative scale');
        out[String(Number(key))] = scale;
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
function piecewiseInterpolate(type: 'linear' | 'cosine', init: number, scales: Record<string, number>): Schedule {
  const entries = Object.entries(scales)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  const bounds = [0, ...entries.map((e) => e[0])];
  const values = [init];
  for (const [, scale] of entries) values.push((values[values.length - 1] as number) * scale);
  const pieces: Schedule[] = [];
  const starts: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const size = (bounds[i + 1] as number) - (bounds[i] as number);
    if (size <= 0) continue; // an empty interval never applies
    const from = values[i] as number;
    const to = values[i + 1] as number;
    pieces.push(type === 'linear' ? linear({ from, to, steps: size }) : cosine({ from, to, steps: size }));
    starts.push(bounds[i] as number);
  }
  pieces.push(constant({ value: values[values.length - 1] as number }));
  starts.push(bounds[bounds.length - 1] as number);
  // The first piece starts at 0; joined pieces are placed at their starts.
  if (starts[0] !== 0) {
    pieces.unshift(constant({ value: values[0] as number }));
    starts.unshift(0);
  }
  return join(pieces, starts.slice(1));
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

const transitionSteps = int('Length of the cycle.', 1);
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
        [t, 1.0 / (div * o.finalDivFactor)],
      ]),
    );
  },
});

export const OPTAX_DEFINITIONS = [
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
  warmupCosineDecay: (o: OptaxWarmupCosineDecayOptions): Schedule => instantiate(optaxWarmupCosineDecayDefinition, o),
  sgdr: (cosineKwargs: OptaxWarmupCosineDecayOptions[]): Schedule => instantiate(optaxSgdrDefinition, { cosineKwargs }),
  piecewiseInterpolate: (o: { interpolateType: 'linear' | 'cosine'; initValue: number; boundariesAndScales?: Record<number, number> }): Schedule =>
    instantiate(optaxPiecewiseInterpolateDefinition, o),
  linearOnecycle: (o: { transitionSteps: number; peakValue: number; pctStart?: number; pctFinal?: number; divFactor?: number; finalDivFactor?: number }): Schedule =>
    instantiate(optaxLinearOnecycleDefinition, o),
  cosineOnecycle: (o: { transitionSteps: number; peakValue: number; pctStart?: number; divFactor?: number; finalDivFactor?: number }): Schedule =>
    instantiate(optaxCosineOnecycleDefinition, o),
};
