import { describe, expect, it } from 'vitest';
import { fromFunction } from './CurveSource.js';
import { chartSpec } from './chartSpec.js';
import { fromTraceSpec } from './fromTraceSpec.js';
import { sampleCurves } from './sampleCurves.js';

const oneCycle = fromTraceSpec(
  { optimizer: { lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01 }] }, scheduler: { type: 'OneCycleLR', maxLr: [0.1, 0.01], totalSteps: 100 }, steps: 100 },
  { name: 'one' },
);
const step = fromTraceSpec({ optimizer: { lr: 0.1, momentum: 0.9 }, scheduler: { type: 'StepLR', stepSize: 30 }, steps: 100 }, { name: 'step' });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('chartSpec', () => {
  it('draws one curve per group and a momentum panel when momentum varies', () => {
    const spec = chartSpec(sampleCurves([oneCycle, step])) as Json;
    expect(spec.vconcat).toHaveLength(2);
    const curves = new Set(spec.datasets.lr.map((r: Json) => r.curve));
    expect(curves).toEqual(new Set(['one · group 0', 'one · group 1', 'step']));
    expect(spec.datasets.lr.find((r: Json) => r.curve === 'step' && r.step === 30).value).toBeCloseTo(0.01, 15);
    expect(spec.datasets.momentum.filter((r: Json) => r.curve === 'one · group 0')).toHaveLength(101);
  });

  it('omits a flat momentum panel unless asked', () => {
    expect((chartSpec(sampleCurves([step])) as Json).vconcat).toHaveLength(1);
    expect((chartSpec(sampleCurves([step]), { momentum: 'always' }) as Json).vconcat).toHaveLength(2);
    expect((chartSpec(sampleCurves([oneCycle]), { momentum: 'never' }) as Json).vconcat).toHaveLength(1);
  });

  it('uses a log scale that drops non-positive points', () => {
    const spec = chartSpec(sampleCurves([fromFunction('f', (t) => t, 10)]), { log: true }) as Json;
    expect(spec.vconcat[0].transform).toContainEqual({ filter: 'datum.value > 0' });
    expect(spec.vconcat[0].layer[0].encoding.y.scale).toEqual({ type: 'log' });
  });

  it('titles the value axis for curves that are not learning rates', () => {
    const spec = chartSpec(sampleCurves([fromFunction('loss', (t) => 1 / (t + 1), 10)]), { valueTitle: 'training loss', log: true }) as Json;
    expect(spec.vconcat[0].layer[0].encoding.y.title).toBe('training loss (log)');
  });

  it("'separate' gives each source its own panels", () => {
    const spec = chartSpec(sampleCurves([oneCycle, step]), { layout: 'separate' }) as Json;
    expect(spec.vconcat.map((p: Json) => p.title)).toEqual(['one', undefined, 'step']);
  });
});
