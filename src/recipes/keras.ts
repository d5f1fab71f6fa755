import { warmup } from '../combinators/warmup.js';
import { bool, defineDefinition, instantiate, num } from '../schedules/define.js';
import { cosine } from '../schedules/cosine.js';
import { cosineRestarts } from '../schedules/cosineRestarts.js';
import { exponential } from '../schedules/exponential.js';
import { inverseTime } from '../schedules/inverseTime.js';
import { piecewiseConstantDefinition } from '../schedules/piecewiseConstant.js';
import { polynomial } from '../schedules/polynomial.js';
import type { Schedule } from '../schedules/Schedule.js';

/** Keras 3 `keras.optimizers.schedules` (learning_rate_schedule.py), in float64. */

const initialLearningRate = num('The initial learning rate.');
const decaySteps = num('Decay steps, > 0.', { min: 0, minExclusive: true });

export const kerasExponentialDecayDefinition = defineDefinition({
  type: 'keras.exponentialDecay',
  aliases: ['keras.ExponentialDecay'],
  doc: 'Keras ExponentialDecay: initialLearningRate * decayRate ** (step / decaySteps), floored exponent with staircase.',
  example: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.96 },
  options: { initialLearningRate, decaySteps, decayRate: num('The decay rate.', { min: 0, minExclusive: true }), staircase: bool('Decay at discrete intervals.', false) },
  build: (o) => exponential({ from: o.initialLearningRate, rate: o.decayRate, steps: o.decaySteps, staircase: o.staircase }),
});

export const kerasPiecewiseConstantDecayDefinition = defineDefinition({
  type: 'keras.piecewiseConstantDecay',
  aliases: ['keras.PiecewiseConstantDecay'],
  doc: 'Keras PiecewiseConstantDecay: values[i] for boundaries[i-1] < step <= boundaries[i].',
  example: { boundaries: [10, 20, 35], values: [1, 0.5, 0.1, 0.01] },
  options: piecewiseConstantDefinition.options,
  check: piecewiseConstantDefinition.check,
  build: piecewiseConstantDefinition.build,
});

export const kerasPolynomialDecayDefinition = defineDefinition({
  type: 'keras.polynomialDecay',
  aliases: ['keras.PolynomialDecay'],
  doc: 'Keras PolynomialDecay, with `cycle`.',
  example: { initialLearningRate: 0.1, decaySteps: 40, endLearningRate: 0.01, power: 0.5 },
  options: {
    initialLearningRate,
    decaySteps,
    endLearningRate: num('The end learning rate.', { default: 0.0001 }),
    power: num('Power of the polynomial.', { min: 0, default: 1 }),
    cycle: bool('Decay again towards the next multiple of decaySteps.', false),
  },
  build: (o) =>
    polynomial({ from: o.initialLearningRate, to: o.endLearningRate, steps: o.decaySteps, power: o.power, cycle: o.cycle }),
});

export const kerasInverseTimeDecayDefinition = defineDefinition({
  type: 'keras.inverseTimeDecay',
  aliases: ['keras.InverseTimeDecay'],
  doc: 'Keras InverseTimeDecay: initialLearningRate / (1 + decayRate * step / decaySteps).',
  example: { initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 },
  options: { initialLearningRate, decaySteps, decayRate: num('The decay rate.', { min: 0 }), staircase: bool('Floor step / decaySteps.', false) },
  build: (o) => inverseTime({ from: o.initialLearningRate, rate: o.decayRate, steps: o.decaySteps, staircase: o.staircase }),
});

export const kerasCosineDecayDefinition = defineDefinition({
  type: 'keras.cosineDecay',
  aliases: ['keras.CosineDecay'],
  doc: 'Keras CosineDecay with optional linear warmup from initialLearningRate to warmupTarget; the decay then runs decaySteps from warmupTarget.',
  example: { initialLearningRate: 0.1, decaySteps: 40 },
  options: {
    initialLearningRate,
    decaySteps,
    alpha: num('Floor as a fraction of the decay start.', { default: 0 }),
    warmupTarget: num('Target of the warmup (absent: no warmup).', { optional: true }),
    warmupSteps: num('Warmup length.', { min: 0, default: 0 }),
  },
  build: (o) => {
    const target = o.warmupTarget;
    if (target === undefined) return cosine({ from: o.initialLearningRate, steps: o.decaySteps, alpha: o.alpha });
    const decay = cosine({ from: target, steps: o.decaySteps, alpha: o.alpha });
    return warmup(decay, { steps: o.warmupSteps, from: o.initialLearningRate, to: target });
  },
});

export const kerasCosineDecayRestartsDefinition = defineDefinition({
  type: 'keras.cosineDecayRestarts',
  aliases: ['keras.CosineDecayRestarts'],
  doc: 'Keras CosineDecayRestarts (SGDR): cycles grow by tMul, their amplitude by mMul.',
  example: { initialLearningRate: 0.1, firstDecaySteps: 10 },
  options: {
    initialLearningRate,
    firstDecaySteps: num('Length of the first cycle.', { min: 0, minExclusive: true }),
    tMul: num('Growth factor of the cycle length.', { min: 1, default: 2 }),
    mMul: num('Amplitude factor per restart.', { min: 0, default: 1 }),
    alpha: num('Floor as a fraction of initialLearningRate.', { default: 0 }),
  },
  build: (o) =>
    cosineRestarts({ from: o.initialLearningRate, t0: o.firstDecaySteps, tMult: o.tMul, mMul: o.mMul, alpha: o.alpha }),
});

export const KERAS_DEFINITIONS = [
  kerasExponentialDecayDefinition,
  kerasPiecewiseConstantDecayDefinition,
  kerasPolynomialDecayDefinition,
  kerasInverseTimeDecayDefinition,
  kerasCosineDecayDefinition,
  kerasCosineDecayRestartsDefinition,
] as const;

/**
 * Keras learning-rate schedules by name.
 *
 * @example
 * const s = keras.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100000, decayRate: 0.96, staircase: true });
 */
export const keras = {
  exponentialDecay: (o: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean }): Schedule =>
    instantiate(kerasExponentialDecayDefinition, o),
  piecewiseConstantDecay: (o: { boundaries: number[]; values: number[] }): Schedule => instantiate(kerasPiecewiseConstantDecayDefinition, o),
  polynomialDecay: (o: { initialLearningRate: number; decaySteps: number; endLearningRate?: number; power?: number; cycle?: boolean }): Schedule =>
    instantiate(kerasPolynomialDecayDefinition, o),
  inverseTimeDecay: (o: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean }): Schedule =>
    instantiate(kerasInverseTimeDecayDefinition, o),
  cosineDecay: (o: { initialLearningRate: number; decaySteps: number; alpha?: number; warmupTarget?: number; warmupSteps?: number }): Schedule =>
    instantiate(kerasCosineDecayDefinition, o),
  cosineDecayRestarts: (o: { initialLearningRate: number; firstDecaySteps: number; tMul?: number; mMul?: number; alpha?: number }): Schedule =>
    instantiate(kerasCosineDecayRestartsDefinition, o),
};
