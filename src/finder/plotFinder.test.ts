import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../optim/createOptimizer.js';
import { findLr } from './findLr.js';
import { finderChartSpec } from './plotFinder.js';
import { centredSmooth } from './smoothing.js';

async function result() {
  return findLr({
    optimizer: createOptimizer({ lr: 0.1 }),
    numIter: 100,
    trainStep: ({ lr }) => 2 - 1.5 / (1 + Math.exp(-(Math.log10(lr) + 4) * 3)) + Math.exp((Math.log10(lr) + 1.5) * 2.5),
  });
}

describe('finderChartSpec', () => {
  it('draws the loss without lag: the drawn minimum is at the raw trend minimum, the running average one is later', async () => {
    // A noiseless V in log lr: the raw minimum is at 1e-3; a running average turns up many points later.
    const r = await findLr({
      optimizer: createOptimizer({ lr: 0.1 }),
      startLr: 1e-6,
      endLr: 1,
      numIter: 61,
      stopOnDivergence: false,
      trainStep: ({ lr }) => 1 + Math.abs(Math.log10(lr) + 3),
    });
    const spec = finderChartSpec(r, { showRaw: false }) as unknown as { layer: Array<{ data: { values: Array<{ lr: number; loss: number; series: string }> } }> };
    const drawn = (spec.layer[0] as (typeof spec.layer)[number]).data.values;
    expect(new Set(drawn.map((d) => d.series))).toEqual(new Set(['loss (centred smoothing)']));
    const lowest = drawn.reduce((a, b) => (b.loss < a.loss ? b : a));
    expect(lowest.lr).toBeCloseTo(1e-3, 12);
    const laggedMin = r.lrs[r.smoothedLosses.indexOf(Math.min(...r.smoothedLosses))] as number;
    expect(laggedMin).toBeGreaterThan(3e-3);
    const withLag = finderChartSpec(r, { showRaw: false, showLagged: true }) as unknown as typeof spec;
    expect(new Set((withLag.layer[0] as (typeof spec.layer)[number]).data.values.map((d) => d.series))).toEqual(new Set(['loss (centred smoothing)', 'running average (lags)']));
  });

  it('spec: log x scale, y domain clipped above the start of the sweep, chosen point larger', async () => {
    const r = await result();
    const spec = finderChartSpec(r) as unknown as { layer: Array<{ data: { values: Array<Record<string, number | string>> }; encoding: { x: { scale: { type: string } }; y: { scale: { domain: number[] } } } }> };
    const [line, points] = spec.layer as [(typeof spec.layer)[number], (typeof spec.layer)[number]];
    expect(line.encoding.x.scale.type).toBe('log');
    const [, top] = line.encoding.y.scale.domain as [number, number];
    expect(top).toBeLessThan(Math.max(...r.losses)); // the diverging tail is clipped
    expect(top).toBeGreaterThan(centredSmooth(r.losses, 5)[0] as number);
    const sizes = points.data.values.map((p) => p.size as number);
    expect(sizes.filter((s) => s === 160)).toHaveLength(1);
  });

  it('marks each rule on the curve it read: reference rules on the running average when it is drawn', async () => {
    const r = await result();
    type Spec = { layer: Array<{ data: { values: Array<{ lr: number; loss: number; label: string }> } }> };
    const markers = (spec: unknown) => (spec as Spec).layer[1]?.data.values ?? [];
    const centred = centredSmooth(r.losses, 5);
    for (const [showLagged, curveOf] of [
      [false, () => centred],
      [true, (name: string) => (name === 'centredMinimum' ? centred : r.smoothedLosses)],
    ] as const) {
      const drawn = markers(finderChartSpec(r, { showLagged }));
      const placed = r.suggestions.filter((s) => s.lr !== null && s.index !== null);
      expect(drawn).toHaveLength(placed.length);
      for (const s of placed) {
        const marker = drawn.find((m) => m.label.startsWith(`${s.name}`)) as { lr: number; loss: number };
        expect(marker.loss).toBe(curveOf(s.name)[s.index as number]);
      }
    }
  });
});
