import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../optim/createOptimizer.js';
import { mulberry32, normal } from '../random.js';
import { findLr, optimizerFamily } from './findLr.js';
import { createSmoother, centredSmooth } from './smoothing.js';
import { suggestLrs } from './suggest.js';
import { CENTRED_MINIMUM_FACTORS, centredMinimum } from './suggestions.js';

/** A range-test-like curve on the default sweep: flat, falling, a minimum at `lrMin`, then blowing up. */
function curve(lrMin: number, noise = 0, seed = 1) {
  const random = mulberry32(seed);
  const lrs = Array.from({ length: 100 }, (_, i) => 1e-7 * 1e8 ** (i / 99));
  const losses = lrs.map((lr) => {
    const x = Math.log10(lr / lrMin);
    return 0.3 + 2 / (1 + Math.exp(3 * (Math.min(x, 0) + 1.2))) + (x > 0 ? 0.1 * (10 ** (2 * x) - 1) : 0) + noise * normal(random);
  });
  return { lrs, losses };
}

describe('centredSmooth', () => {
  it('has no lag: a symmetric dip keeps its minimum where it is, and constants stay constant', () => {
    const v = [5, 4, 3, 2, 1, 2, 3, 4, 5];
    const s = centredSmooth(v, 1.5);
    expect(s.indexOf(Math.min(...s))).toBe(4);
    expect(s[3]).toBeCloseTo(s[5] as number, 12);
    expect(centredSmooth([2, 2, 2, 2], 3)).toEqual([2, 2, 2, 2]);
    expect(centredSmooth(v, 0)).toEqual(v);
  });
  it('stops at the first non-finite loss', () => {
    expect(centredSmooth([1, 2, NaN, 0], 1)).toHaveLength(2);
  });
  it('finds the minimum of a noisy range test within a few points, where a running average turns up later', () => {
    const { lrs, losses } = curve(0.1, 0.15, 3);
    const trueMin = lrs.findIndex((lr) => lr >= 0.1);
    const centred = centredSmooth(losses, 3);
    const ema = createSmoother('debiased', 0.98);
    const lagged = losses.map((l) => ema.update(l));
    const at = (xs: number[]) => xs.indexOf(Math.min(...xs));
    expect(Math.abs(at(centred) - trueMin)).toBeLessThanOrEqual(4);
    expect(at(lagged) - trueMin).toBeGreaterThan(4);
  });
});

describe('centredMinimum', () => {
  it('picks the lr at the smoothed minimum times the family factor', () => {
    const { lrs, losses } = curve(0.1);
    const i = lrs.findIndex((lr) => lr >= 0.1);
    const sgd = centredMinimum(lrs, losses, { family: 'sgd', sigma: 0 });
    expect(sgd?.index).toBeGreaterThanOrEqual(i - 1);
    expect(sgd?.index).toBeLessThanOrEqual(i);
    expect(sgd?.lr).toBeCloseTo((lrs[sgd?.index as number] as number) * CENTRED_MINIMUM_FACTORS.sgd, 15);
    expect(sgd?.point.lr).toBe(lrs[sgd?.index as number]);
    const adaptive = centredMinimum(lrs, losses, { family: 'adaptive', sigma: 0 });
    expect(adaptive?.lr).toBeCloseTo((lrs[sgd?.index as number] as number) * CENTRED_MINIMUM_FACTORS.adaptive, 15);
    expect(centredMinimum(lrs, losses, { factor: 0.5, sigma: 0 })?.lr).toBeCloseTo((lrs[sgd?.index as number] as number) * 0.5, 15);
    expect(centredMinimum([], [])).toBeNull();
  });

  it('scales with the curve: a minimum 10x further right gives a 10x larger pick', () => {
    const a = centredMinimum(curve(1e-3).lrs, curve(1e-3).losses) as { lr: number };
    const b = centredMinimum(curve(1e-2).lrs, curve(1e-2).losses) as { lr: number };
    expect(b.lr / a.lr).toBeGreaterThan(10 / 1.25);
    expect(b.lr / a.lr).toBeLessThan(10 * 1.25);
  });

  it('is the default of suggestLrs and needs the raw losses', () => {
    const { lrs, losses } = curve(0.1);
    const set = suggestLrs({ lrs, smoothedLosses: losses, losses });
    expect(set.suggestion).toBe('centredMinimum');
    expect(set.suggestedLr).toBe(centredMinimum(lrs, losses)?.lr);
    const without = suggestLrs({ lrs, smoothedLosses: losses });
    expect(without.suggestedLr).toBeNull();
    expect(without.suggestions.find((s) => s.chosen)?.reason).toMatch(/raw losses/);
    expect(() => suggestLrs({ lrs, smoothedLosses: losses, losses: losses.slice(1) })).toThrow(/suggestLrs.curve.losses: expected an array of raw losses, one per lr \(100\)/);
    expect(() => suggestLrs({ lrs, smoothedLosses: losses, losses }, { centredMinimum: { family: 'adam' as never } })).toThrow(/suggestLrs.centredMinimum.family/);
    expect(() => suggestLrs({ lrs, smoothedLosses: losses, losses }, { centredMinimum: { factor: 0 } })).toThrow(/suggestLrs.centredMinimum.factor/);
    expect(() => suggestLrs({ lrs, smoothedLosses: losses, losses }, { centredMinimum: { sigma: -1 } })).toThrow(/suggestLrs.centredMinimum.sigma/);
  });
});

describe('findLr with the default rule', () => {
  const replay = (losses: number[], optimizer = createOptimizer({ lr: 0.1, momentum: 0.9 }), extra = {}) =>
    findLr({ optimizer, trainStep: ({ iteration }) => losses[iteration] as number, ...extra });

  it('reads the optimizer family from the param groups: betas means adaptive', async () => {
    expect(optimizerFamily(createOptimizer({ lr: 0.1, momentum: 0.9 }))).toBe('sgd');
    expect(optimizerFamily(createOptimizer({ lr: 0.1, betas: [0.9, 0.999] }))).toBe('adaptive');
    const { lrs, losses } = curve(0.1);
    const sgd = await replay(losses);
    const adam = await replay(losses, createOptimizer({ lr: 0.1, betas: [0.9, 0.999] }));
    const point = (r: typeof sgd) => r.suggestions.find((s) => s.name === 'centredMinimum')?.point?.lr as number;
    expect(point(sgd)).toBe(point(adam));
    expect(sgd.suggestedLr).toBeCloseTo(point(sgd) * CENTRED_MINIMUM_FACTORS.sgd, 15);
    expect(adam.suggestedLr).toBeCloseTo(point(adam) * CENTRED_MINIMUM_FACTORS.adaptive, 15);
    expect(sgd.lrs).toEqual(lrs.slice(0, sgd.lrs.length));
    // an explicit family wins
    const forced = await replay(losses, createOptimizer({ lr: 0.1 }), { suggestOptions: { centredMinimum: { family: 'adaptive' } } });
    expect(forced.suggestedLr).toBe(adam.suggestedLr);
  });

  it('stops when a broken network is back at the start loss, though it never reached 4x the best', async () => {
    // Learns (2.3 -> 0.7), then breaks: the loss settles at ln 10 = 2.3, only 3.3x the best.
    const losses = Array.from({ length: 100 }, (_, i) => (i < 40 ? 2.3 : i < 60 ? 2.3 - (1.6 * (i - 40)) / 20 : i < 65 ? 0.7 : Math.LN10));
    const result = await replay(losses, undefined, { beta: 0.5 });
    expect(result.stopReason).toBe('backToStart');
    expect(result.lrs.length).toBeLessThan(75);
    expect(result.smoothedLosses.at(-1)).toBeGreaterThanOrEqual(0.95 * (result.smoothedLosses[0] as number));
    const reference = await replay(losses, undefined, { beta: 0.5, stopAtStartLoss: false });
    expect(reference.stopReason).toBe('completed');
    expect(reference.lrs).toHaveLength(100);
    // a curve that never fell 20% below its start does not stop this way
    const flat = await replay(Array.from({ length: 30 }, (_, i) => 2.3 + 0.05 * Math.sin(i)), undefined, { numIter: 30 });
    expect(flat.stopReason).toBe('completed');
  });
});
