import { describe, expect, it } from 'vitest';
import { constant } from '../schedules/constant.js';
import { hashNumber, mulberry32 } from '../random.js';
import { noiseAt, seededNoise } from './seededNoise.js';

describe('seededNoise', () => {
  it('is a pure function of t: same value however often and in whatever order it is asked', () => {
    const s = seededNoise(constant({ value: 1 }), { pct: 0.5, seed: 7 });
    const forward = Array.from({ length: 50 }, (_, t) => s(t));
    const backward = Array.from({ length: 50 }, (_, t) => s(49 - t)).reverse();
    expect(backward).toEqual(forward);
    expect(seededNoise(constant({ value: 1 }), { pct: 0.5, seed: 7 })(13)).toBe(forward[13]);
  });
  it('keeps |noise| < pct (normal, resampled) and within [-pct, pct) (uniform)', () => {
    const normal = seededNoise(constant({ value: 2 }), { pct: 0.1 });
    const uniform = seededNoise(constant({ value: 2 }), { pct: 0.1, distribution: 'uniform' });
    for (let t = 0; t < 2000; t++) {
      expect(Math.abs(normal(t) - 2)).toBeLessThan(0.2 + 1e-15);
      expect(Math.abs(uniform(t) - 2)).toBeLessThanOrEqual(0.2 + 1e-15);
    }
  });
  it('draws differ between steps and seeds, and look standard normal before truncation', () => {
    const draws = Array.from({ length: 4000 }, (_, t) => noiseAt(3, t, 'normal', 100, 1));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.06);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
    expect(new Set(draws).size).toBe(draws.length);
    expect(noiseAt(1, 5, 'normal', 100, 1)).not.toBe(noiseAt(2, 5, 'normal', 100, 1));
  });
  it('applies only in [start, end)', () => {
    const s = seededNoise(constant({ value: 1 }), { start: 10, end: 20 });
    expect(s(9)).toBe(1);
    expect(s(10)).not.toBe(1);
    expect(s(20)).toBe(1);
  });
  it('scales the normal draw by std', () => {
    expect(noiseAt(42, 3, 'normal', 100, 0.5)).toBeCloseTo(noiseAt(42, 3, 'normal', 100, 1) * 0.5, 15);
  });
  it('has a deterministic generator', () => {
    expect(hashNumber(42)).toBe(hashNumber(42));
    expect(hashNumber(42)).not.toBe(hashNumber(43));
    const a = mulberry32(1);
    const b = mulberry32(1);
    expect([a(), a()]).toEqual([b(), b()]);
  });
});
