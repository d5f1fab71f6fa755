import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../optim/createOptimizer.js';
import { findLr } from './findLr.js';
import { finderChartSpec } from './plotFinder.js';

async function result() {
  return findLr({
    optimizer: createOptimizer({ lr: 0.1 }),
    numIter: 100,
    trainStep: ({ lr }) => 2 - 1.5 / (1 + Math.exp(-(Math.log10(lr) + 4) * 3)) + Math.exp((Math.log10(lr) + 1.5) * 2.5),
  });
}

describe('finderChartSpec', () => {
  it('spec: log x scale, y domain clipped above the start of the sweep, chosen point larger', async () => {
    const r = await result();
    const spec = finderChartSpec(r) as unknown as { layer: Array<{ data: { values: Array<Record<string, number | string>> }; encoding: { x: { scale: { type: string } }; y: { scale: { domain: number[] } } } }> };
    const [line, points] = spec.layer as [(typeof spec.layer)[number], (typeof spec.layer)[number]];
    expect(line.encoding.x.scale.type).toBe('log');
    const [, top] = line.encoding.y.scale.domain as [number, number];
    expect(top).toBeLessThan(Math.max(...r.smoothedLosses)); // the diverging tail is clipped
    expect(top).toBeGreaterThan(r.smoothedLosses[0] as number);
    const sizes = points.data.values.map((p) => p.size as number);
    expect(sizes.filter((s) => s === 160)).toHaveLength(1);
  });
});
