import { describe, expect, it } from 'vitest';
import { createOptimizer, type PlainOptimizer } from '../../src/optim/createOptimizer.js';
import { fromScheduler } from '../../src/plot/fromScheduler.js';
import { fromTraceSpec } from '../../src/plot/fromTraceSpec.js';
import { sampleCurves } from '../../src/plot/sampleCurves.js';
import { schedulerInfo, stepInputOf } from '../../src/spec/catalog.js';
import { parseTraceSpec, runTrace } from '../../src/spec/trace.js';
import { PlateauSequentialLR } from '../../src/stateful/PlateauSequentialLR.js';
import { WarmupLR } from '../../src/stateful/WarmupLR.js';
import { ExponentialLR } from '../../src/torch/ExponentialLR.js';
import { LinearLR } from '../../src/torch/LinearLR.js';
import type { Scheduler } from '../../src/torch/LRScheduler.js';
import { ReduceLROnPlateau } from '../../src/torch/ReduceLROnPlateau.js';
import { SequentialLR } from '../../src/torch/SequentialLR.js';
import { StepLR } from '../../src/torch/StepLR.js';
import { setWarningSink } from '../../src/warnings.js';

setWarningSink(() => {});

const metrics = [1, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8];
const STEPS = metrics.length;
const warmPlateau = { type: 'WarmupLR', steps: 3, startFactor: 0.1, scheduler: { type: 'ReduceLROnPlateau', patience: 1, factor: 0.5 } };
const plateauSeq = { type: 'PlateauSequentialLR', schedulers: [{ type: 'LinearLR', startFactor: 0.5, totalIters: 2 }, { type: 'ReduceLROnPlateau', patience: 1, factor: 0.5 }], milestones: [3] };
const BUILD: Record<string, (o: PlainOptimizer) => Scheduler> = {
  'WarmupLR(ReduceLROnPlateau)': (o) => new WarmupLR(new ReduceLROnPlateau(o, { patience: 1, factor: 0.5 }), { steps: 3, startFactor: 0.1 }),
  PlateauSequentialLR: (o) =>
    new PlateauSequentialLR(o, { schedulers: [new LinearLR(o, { startFactor: 0.5, totalIters: 2 }), new ReduceLROnPlateau(o, { patience: 1, factor: 0.5 })], milestones: [3] }),
};
const SPECS: Record<string, unknown> = { 'WarmupLR(ReduceLROnPlateau)': warmPlateau, PlateauSequentialLR: plateauSeq };

/** The rows of stepping by hand: step(metric) after every optimizer step. */
function byHand(make: (o: PlainOptimizer) => Scheduler): number[][] {
  const optimizer = createOptimizer({ lr: 0.1 });
  const scheduler = make(optimizer) as Scheduler & { step(metric: number): void };
  const rows = [optimizer.paramGroups.map((g) => g.lr)];
  for (const m of metrics) {
    optimizer.step();
    scheduler.step(m);
    rows.push(optimizer.paramGroups.map((g) => g.lr));
  }
  return rows;
}

describe.each(Object.keys(BUILD))('protocol: %s', (name) => {
  const make = BUILD[name]!;
  const spec = { optimizer: { lr: 0.1 }, scheduler: SPECS[name], steps: STEPS, metrics };

  it('declares stepInput "metric" and no step(epoch)', () => {
    const s = make(createOptimizer({ lr: 0.1 }));
    expect(s.stepInput).toBe('metric');
    expect(s.acceptsEpoch).toBe(false);
  });

  it('trace: needs metrics, refuses epochs, and steps on them exactly like a hand-written loop', () => {
    const expected = byHand(make);
    expect(new Set(expected.slice(4).map((r) => r[0])).size).toBeGreaterThan(1); // the plateau reduced the lr
    expect(runTrace(spec).lr).toEqual(expected);
    expect(runTrace({ ...spec, resumeAt: 5 }).lr).toEqual(expected);
    expect(() => parseTraceSpec({ ...spec, metrics: undefined })).toThrow(`metrics: expected one metric per step (${make(createOptimizer({ lr: 1 })).type} is stepped on a metric)`);
    expect(() => parseTraceSpec({ ...spec, epochs: new Array(STEPS).fill(null) })).toThrow(/^epochs: expected no epochs/);
  });

  it('plot: fromScheduler and fromTraceSpec step it on the metrics', () => {
    const expected = byHand(make).map((r) => r[0]);
    const [a, b] = sampleCurves([fromScheduler({ name, optimizer: { lr: 0.1 }, steps: STEPS, metrics, build: make }), fromTraceSpec(spec)], { columns: 100 });
    expect(a!.lr[0]!.values).toEqual(expected);
    expect(b!.lr[0]!.values).toEqual(expected);
    expect(() => fromScheduler({ name, optimizer: { lr: 0.1 }, steps: STEPS, build: make })).toThrow(/^metrics: expected one metric per step/);
  });

  it('catalog: stepInputOf reads the built scheduler', () => {
    expect(stepInputOf(SPECS[name])).toBe('metric');
  });
});

describe('protocol: derived by composites', () => {
  it('WarmupLR takes the wrapped scheduler\'s stepInput, and refuses an argument when it is "none"', () => {
    const o = createOptimizer({ lr: 0.1 });
    const warm = new WarmupLR(new StepLR(o, { stepSize: 2 }), { steps: 2 });
    expect(warm.stepInput).toBe('none');
    expect(() => (warm as unknown as { step(x: number): void }).step(3)).toThrow('WarmupLR.step(metric): expected no argument (StepLR is not stepped on a metric), got 3');
    expect(stepInputOf({ type: 'WarmupLR', steps: 2, scheduler: { type: 'StepLR', stepSize: 2 } })).toBe('none');
  });

  it('PlateauSequentialLR is "metric" only when a phase is; a WarmupLR over a plateau can be a phase', () => {
    const o = createOptimizer({ lr: 0.1 });
    expect(new PlateauSequentialLR(o, { schedulers: [new LinearLR(o, { totalIters: 2 }), new ExponentialLR(o, { gamma: 0.9 })], milestones: [2] }).stepInput).toBe('none');
    const o2 = createOptimizer({ lr: 0.1 });
    const nested = new PlateauSequentialLR(o2, { schedulers: [new LinearLR(o2, { totalIters: 2 }), new WarmupLR(new ReduceLROnPlateau(o2), { steps: 2 })], milestones: [2] });
    expect(nested.stepInput).toBe('metric');
  });

  it('SequentialLR refuses any child stepped on a metric, by the protocol', () => {
    const o = createOptimizer({ lr: 0.1 });
    const warm = new WarmupLR(new ReduceLROnPlateau(o), { steps: 2 });
    expect(() => new SequentialLR(o, { schedulers: [new LinearLR(o, { totalIters: 2 }), warm as never], milestones: [2] })).toThrow(/^SequentialLR.schedulers\[1\]: expected a chainable scheduler/);
  });

  it('catalog: stepPer is "metric" exactly where the built example is stepped on a metric', () => {
    expect(schedulerInfo('ReduceLROnPlateau')).toMatchObject({ stepInput: 'metric', stepPer: 'metric' });
    expect(schedulerInfo('PlateauSequentialLR')).toMatchObject({ stepInput: 'metric', stepPer: 'metric' });
    expect(schedulerInfo('WarmupLR')).toMatchObject({ stepInput: 'none' }); // its example wraps CosineAnnealingLR
    expect(schedulerInfo('StepLR')).toMatchObject({ stepInput: 'none', stepPer: 'epoch' });
  });
});
