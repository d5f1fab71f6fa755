import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../optim/createOptimizer.js';
import { StepLR } from '../torch/StepLR.js';
import { CosineAnnealingWarmRestarts } from '../torch/CosineAnnealingWarmRestarts.js';
import { fromFunction } from './CurveSource.js';
import { MinMaxDecimator } from './decimate.js';
import { fromScheduler } from './fromScheduler.js';
import { sampleCurves } from './sampleCurves.js';

function decimate(values: number[], columns: number) {
  const d = new MinMaxDecimator(values.length, columns);
  values.forEach((v, i) => d.push(i, v));
  return { ...d.result(), stats: d.stats() };
}

describe('MinMaxDecimator', () => {
  it('keeps short series whole', () => {
    const r = decimate([3, 1, 2], 10);
    expect(r.steps).toEqual([0, 1, 2]);
    expect(r.values).toEqual([3, 1, 2]);
    expect(r.stats).toEqual({ first: 3, last: 2, min: 1, max: 3, mean: 2, count: 3 });
  });

  it('keeps, per column, the first, min, max and last point of the original series', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 20 }), (values, columns) => {
        const r = decimate(values, columns);
        // Output points are original points, in strictly increasing step order.
        r.steps.forEach((s, i) => {
          expect(r.values[i]).toBe(values[s]);
          if (i > 0) expect(s).toBeGreaterThan(r.steps[i - 1] as number);
        });
        expect(r.steps.length).toBeLessThanOrEqual(Math.max(values.length <= columns * 4 ? values.length : 0, columns * 4));
        expect(Math.min(...r.values)).toBe(Math.min(...values));
        expect(Math.max(...r.values)).toBe(Math.max(...values));
        expect(r.steps[0]).toBe(0);
        expect(r.steps[r.steps.length - 1]).toBe(values.length - 1);
        if (values.length > columns * 4) {
          for (let c = 0; c < columns; c++) {
            const inBucket = values.map((v, i) => [i, v] as const).filter(([i]) => Math.min(columns - 1, Math.floor((i * columns) / values.length)) === c);
            if (inBucket.length === 0) continue;
            const kept = r.steps.map((s, i) => [s, r.values[i] as number] as const).filter(([s]) => inBucket.some(([i]) => i === s));
            expect(Math.min(...kept.map(([, v]) => v))).toBe(Math.min(...inBucket.map(([, v]) => v)));
            expect(Math.max(...kept.map(([, v]) => v))).toBe(Math.max(...inBucket.map(([, v]) => v)));
          }
        }
      }),
    );
  });

  it('skips non-finite values', () => {
    const r = decimate([1, NaN, Infinity, 2], 10);
    expect(r.values).toEqual([1, 2]);
    expect(r.stats.count).toBe(4);
  });
});

describe('decimating 10^7 steps', () => {
  it('keeps a one-step spike', () => {
    const spikeAt = 7_654_321;
    const [curve] = sampleCurves([fromFunction('spike', (t) => (t === spikeAt ? 1 : 0.001), 10_000_000)], { columns: 800 });
    const lr = curve!.lr[0]!;
    expect(lr.steps.length).toBeLessThanOrEqual(3200);
    const i = lr.values.indexOf(1);
    expect(lr.steps[i]).toBe(spikeAt);
    expect(lr.values[i + 1]).toBe(0.001);
  });

  it('keeps the StepLR cliffs of a PyTorch-layer scheduler at their exact steps', () => {
    const stepSize = 3_333_331; // 3 cliffs, the last at 9_999_993, none on a column boundary
    const source = fromScheduler({ name: 'StepLR', optimizer: { lr: 1 }, steps: 10_000_000, build: (o) => new StepLR(o, { stepSize, gamma: 0.5 }) });
    const lr = sampleCurves([source], { columns: 640 })[0]!.lr[0]!;
    for (const k of [1, 2, 3]) {
      const i = lr.steps.indexOf(k * stepSize);
      expect(i).toBeGreaterThan(0);
      expect(lr.values[i]).toBe(0.5 ** k);
      expect(lr.values[i - 1]).toBe(0.5 ** (k - 1));
    }
    expect(new Set(lr.values)).toEqual(new Set([1, 0.5, 0.25, 0.125]));
  });

  it('keeps every warm restart peak', () => {
    const t0 = 1_000_003;
    const source = fromScheduler({ name: 'SGDR', optimizer: { lr: 1 }, steps: 10_000_000, build: (o) => new CosineAnnealingWarmRestarts(o, { t0 }) });
    const lr = sampleCurves([source], { columns: 300 })[0]!.lr[0]!;
    for (let k = 1; k * t0 <= 10_000_000; k++) {
      const i = lr.steps.indexOf(k * t0);
      expect(lr.values[i]).toBe(1);
      expect(lr.values[i - 1]).toBeLessThan(1e-6);
    }
  });
});

it('fromScheduler reproduces plain stepping', () => {
  const source = fromScheduler({ name: 's', optimizer: { lr: 0.1 }, steps: 5, build: (o) => new StepLR(o, { stepSize: 2 }) });
  const optimizer = createOptimizer({ lr: 0.1 });
  const scheduler = new StepLR(optimizer, { stepSize: 2 });
  const expected = [optimizer.paramGroups[0]!.lr];
  for (let i = 0; i < 5; i++) {
    optimizer.step();
    scheduler.step();
    expected.push(optimizer.paramGroups[0]!.lr);
  }
  expect(sampleCurves([source])[0]!.lr[0]!.values).toEqual(expected);
});
