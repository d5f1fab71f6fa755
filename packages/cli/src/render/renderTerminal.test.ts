import { describe, expect, it } from 'vitest';
import { fromFunction } from 'lrkit/plot';
import { fromTraceSpec } from 'lrkit/plot';
import { columnValues, renderTerminal } from './renderTerminal.js';
import { sampleCurves } from 'lrkit/plot';

describe('renderTerminal', () => {
  it('keeps a one-step spike in a 40-column chart of 10^6 steps', () => {
    const curves = sampleCurves([fromFunction('spike', (t) => (t === 500_001 ? 1 : 0), 1_000_000)]);
    const values = columnValues(curves[0]!.lr[0]!, 1_000_000, 40);
    expect(values).toHaveLength(40);
    expect(values.filter((v) => v === 1)).toHaveLength(1);
    const text = renderTerminal(curves, { width: 40, height: 5 });
    expect(text).toContain('╭╮');
    expect(text).toContain('── spike');
  });

  it('draws a momentum chart when momentum varies, and log labels', () => {
    const spec = { optimizer: { lr: 0.1, momentum: 0.9 }, scheduler: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100 }, steps: 100 };
    const text = renderTerminal(sampleCurves([fromTraceSpec(spec)]), { log: true, width: 50 });
    expect(text).toContain('learning rate (log10 axis)');
    expect(text).toContain('momentum / beta1');
    expect(text).toMatch(/4\.00e-7/); // the final lr, 0.1 / 25 / 1e4
  });

  it('draws one chart per series without colours, one overlaid chart with', () => {
    const curves = sampleCurves([fromFunction('a', (t) => t, 10), fromFunction('b', (t) => 10 - t, 10)]);
    expect(renderTerminal(curves).match(/^learning rate/gm)).toHaveLength(2);
    const colored = renderTerminal(curves, { color: true });
    expect(colored.match(/^learning rate/gm)).toHaveLength(1);
    expect(colored).toContain('\u001b[');
  });
});
