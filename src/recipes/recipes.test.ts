import { describe, expect, it } from 'vitest';
// Every recipe is checked against its real library in test/conformance/recipeFixtures.test.ts; these are the
// libraries' documented examples and lrkit's own option checks.
import { goyal, scaledLr } from './goyal.js';
import { hf } from './huggingface.js';
import { keras } from './keras.js';
import { optax } from './optax.js';
import { timm } from './timm.js';

describe('documented examples', () => {
  it('Optax polynomial_schedule docstring: transition_begin holds init_value for 5 steps', () => {
    const s = optax.polynomial({ initValue: 1.0, endValue: 0.01, transitionSteps: 100, transitionBegin: 5, power: 2 });
    expect([0, 5, 6, 104, 105, 110].map((t) => s(t).toFixed(4))).toEqual(['1.0000', '1.0000', '0.9803', '0.0101', '0.0100', '0.0100']);
  });
  it('Optax piecewise_constant_schedule docstring: a scale per boundary, multiplied in from that step on', () => {
    const s = optax.piecewiseConstant({ initValue: 1.0, boundariesAndScales: { 100: 0.1, 200: 0.01 } });
    expect([50, 99, 100, 150, 250].map(s)).toEqual([1.0, 1.0, 0.1, 0.1, 0.1 * 0.01]);
  });
  it("Optax's degenerate inputs give what Optax gives: a constant init_value", () => {
    expect([0, 10, 1e6].map(optax.exponentialDecay({ initValue: 0.3, transitionSteps: 0, decayRate: 0.5 }))).toEqual([0.3, 0.3, 0.3]);
    expect([0, 10, 1e6].map(optax.exponentialDecay({ initValue: 0.3, transitionSteps: 100, decayRate: 0, endValue: 0.1 }))).toEqual([0.3, 0.3, 0.3]);
    expect([0, 10, 1e6].map(optax.linear({ initValue: 0.3, endValue: 0, transitionSteps: -2 }))).toEqual([0.3, 0.3, 0.3]);
    expect([0, 10].map(optax.warmupConstant({ initValue: 0, peakValue: 1, warmupSteps: 0 }))).toEqual([0, 0]);
  });
  it('Optax piecewise_interpolate_schedule docstring', () => {
    const s = optax.piecewiseInterpolate({ interpolateType: 'linear', initValue: 1.0, boundariesAndScales: { 4: 0.1, 8: 0.01 } });
    expect([0, 2, 4, 6, 8, 10].map((t) => Number(s(t).toFixed(6)))).toEqual([1.0, 0.55, 0.1, 0.0505, 0.001, 0.001]);
  });
  it('Keras PiecewiseConstantDecay docstring: 1.0 for the first 100001 steps, 0.5 for the next 10000, then 0.1', () => {
    const s = keras.piecewiseConstantDecay({ boundaries: [100000, 110000], values: [1.0, 0.5, 0.1] });
    expect([100000, 100001, 110000, 110001].map(s)).toEqual([1.0, 0.5, 0.5, 0.1]);
  });
  it('Keras InverseTimeDecay docstring: 0.1 / (1 + 0.5 * step)', () => {
    const s = keras.inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1.0, decayRate: 0.5 });
    expect(s(4)).toBeCloseTo(0.1 / 3, 17);
  });
  it('Goyal et al.: k = 8192 / 256 = 32 times the reference lr', () => {
    expect(scaledLr({ baseLr: 0.1, batchSize: 8192 })).toBeCloseTo(3.2, 15);
    expect(() => scaledLr({ baseLr: 0.1, batchSize: 0 })).toThrow('scaledLr.batchSize: expected a number in (0, inf), got 0');
    const s = goyal({ baseLr: 0.1, batchSize: 8192, warmupSteps: 5, milestones: [30] });
    expect(s(0)).toBe(0.1);
    expect(s(5)).toBeCloseTo(3.2, 15);
    expect(s(30)).toBeCloseTo(0.32, 15);
  });
  it('Hugging Face cosine reaches the peak right after warmup and 0 at the end', () => {
    const s = hf.cosine({ lr: 5e-5, numWarmupSteps: 100, numTrainingSteps: 1000 });
    expect(s(100)).toBe(5e-5);
    expect(s(1000)).toBeCloseTo(0, 20);
  });
});

describe('recipe options', () => {
  it('Hugging Face cosine_with_min_lr wants exactly one floor', () => {
    expect(() => hf.cosineWithMinLr({ lr: 1, numWarmupSteps: 0, numTrainingSteps: 10 })).toThrow('hf.cosineWithMinLr.minLr: expected one of minLr or minLrRate, got undefined');
    expect(() => hf.cosineWithMinLr({ lr: 1, numWarmupSteps: 0, numTrainingSteps: 10, minLr: 0.1, minLrRate: 0.1 })).toThrow(/only one of minLr or minLrRate/);
  });
  it('Hugging Face polynomial needs lrEnd below lr, like transformers', () => {
    expect(() => hf.polynomial({ lr: 1e-7, numWarmupSteps: 0, numTrainingSteps: 10 })).toThrow('hf.polynomial.lrEnd: expected a value below lr (1e-7), got 1e-7');
  });
  it('Optax sgdr names the failing cycle', () => {
    expect(() => optax.sgdr([{ initValue: 0, peakValue: 1, warmupSteps: 5, decaySteps: 3 }])).toThrow(/^optax\.sgdr\.cosineKwargs\[0\]\.decaySteps: expected more than warmupSteps \(5\)/);
  });
  it('timm updatesPerEpoch drives an epoch schedule per step', () => {
    const perStep = timm.step({ lr: 0.1, decayT: 2, decayRate: 0.5, updatesPerEpoch: 10 });
    expect([0, 19, 20, 40].map(perStep)).toEqual([0.1, 0.1, 0.05, 0.025]);
    expect(() => timm.step({ lr: 0.1, decayT: 2, tInEpochs: false, updatesPerEpoch: 10 })).toThrow(/timm\.step\.updatesPerEpoch/);
  });
  it('timm noise perturbs only inside noiseRangeT, reproducibly, within noisePct', () => {
    const clean = timm.cosine({ lr: 0.1, tInitial: 100 });
    const noisy = timm.cosine({ lr: 0.1, tInitial: 100, noiseRangeT: [10, 50], noisePct: 0.2, noiseSeed: 3 });
    for (let t = 0; t < 100; t++) {
      if (t < 10 || t >= 50) expect(noisy(t)).toBe(clean(t));
      else {
        expect(noisy(t)).not.toBe(clean(t));
        expect(Math.abs(noisy(t) / clean(t) - 1)).toBeLessThan(0.2);
      }
    }
    expect(noisy(20)).toBe(timm.cosine({ lr: 0.1, tInitial: 100, noiseRangeT: [10, 50], noisePct: 0.2, noiseSeed: 3 })(20));
  });
  it('recipes keep their own spec (not the expanded tree)', () => {
    expect(hf.constant({ lr: 0.1 }).spec).toEqual({ type: 'hf.constant', lr: 0.1 });
  });
});
