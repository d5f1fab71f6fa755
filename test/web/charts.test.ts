import { describe, expect, it } from 'vitest';
import { chartSpec } from '../../src/plot/chartSpec.js';
import { sampled, type RunRecord } from '../../web/src/train/charts.js';

const record = (name: string, n: number): RunRecord => ({
  name,
  steps: Array.from({ length: n }, (_, step) => ({ step, lr: 0.1 / (step + 1), momentum: 0.9, loss: 2 - step / n, smoothedLoss: 2 - step / (2 * n) })),
  evals: [{ step: n, accuracy: 0.5, loss: 1.5 }],
});

describe('Train view charts', () => {
  it("turns the records into the chart definition's curves over the whole run", () => {
    const curves = sampled([record('a', 10), record('b', 4)], 100, 640, (r) => ({ steps: r.steps.map((p) => p.step), values: r.steps.map((p) => p.lr) }));
    expect(curves.map((c) => [c.name, c.steps, c.lr[0]!.steps.length, c.momentum.length])).toEqual([
      ['a', 100, 10, 0],
      ['b', 100, 4, 0],
    ]);
    expect(curves[0]!.lr[0]!.values[3]).toBe(0.025);
    // The step axis spans the planned run, not the steps trained so far, so the chart does not jump while it fills.
    const spec = chartSpec(curves, { momentum: 'never' }) as unknown as { vconcat: Array<{ layer: Array<{ encoding: { x: { scale: { domain: number[] } } } }> }> };
    expect(spec.vconcat[0]!.layer[0]!.encoding.x.scale.domain).toEqual([0, 100]);
  });

  it('decimates long runs per pixel column and skips missing momentum', () => {
    const long = record('long', 20_000);
    const curves = sampled([long], 20_000, 100, (r) => ({ steps: r.steps.map((p) => p.step), values: r.steps.map((p) => p.smoothedLoss) }), () => ({ steps: [0, 1], values: [NaN, NaN] }));
    expect(curves[0]!.lr[0]!.steps.length).toBeLessThanOrEqual(400);
    expect(curves[0]!.lr[0]!.stats.count).toBe(20_000);
    expect(curves[0]!.momentum[0]!.steps).toEqual([]);
  });
});
