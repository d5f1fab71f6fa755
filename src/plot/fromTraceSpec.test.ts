import { describe, expect, it } from 'vitest';
import { MAX_TRACE_STEPS, parseTraceSpec, runTrace } from '../spec/trace.js';
import { MAX_PLOT_STEPS } from './CurveSource.js';
import { fromTraceSpec } from './fromTraceSpec.js';
import { sampleCurves } from './sampleCurves.js';

const SPECS: unknown[] = [
  { optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01, momentum: 0.8 }] }, scheduler: { type: 'OneCycleLR', maxLr: [0.1, 0.01], totalSteps: 50 }, steps: 50 },
  { optimizer: { type: 'adam', lr: 0.01 }, scheduler: { type: 'CyclicLR', baseLr: 0.001, maxLr: 0.01, stepSizeUp: 5 }, steps: 40 },
  { optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'ReduceLROnPlateau', patience: 1 }, steps: 6, metrics: [1, 1, 1, 1, 1, 1] },
  { optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'CosineAnnealingWarmRestarts', t0: 3 }, steps: 4, epochs: [0.5, null, 2.25, 7] },
  {
    optimizer: { type: 'sgd', lr: 1 },
    scheduler: { type: 'SequentialLR', schedulers: [{ type: 'LinearLR', startFactor: 0.1, totalIters: 3 }, { type: 'ExponentialLR', gamma: 0.9 }], milestones: [3] },
    steps: 10,
    resumeAt: 4,
  },
];

describe('fromTraceSpec', () => {
  it.each(SPECS.map((s, i) => [i, s]))('spec %i gives exactly the rows of runTrace', (_i, spec) => {
    const trace = runTrace(spec);
    const [curve] = sampleCurves([fromTraceSpec(spec)], { columns: 1000 });
    curve!.lr.forEach((series, g) => {
      expect(series.steps).toEqual(trace.lr.map((_, i) => i));
      expect(series.values).toEqual(trace.lr.map((row) => row[g]));
    });
    curve!.momentum.forEach((series, g) => expect(series.values).toEqual(trace.momentum.map((row) => row[g])));
  });

  it('names the source after the scheduler unless told', () => {
    expect(fromTraceSpec(SPECS[0]).name).toBe('OneCycleLR');
    expect(fromTraceSpec(SPECS[0], { name: 'mine' }).name).toBe('mine');
    expect(fromTraceSpec(SPECS[0], { steps: 20 }).steps).toBe(20);
  });

  it('one parser: trace, plot and the limits agree (resumeAt <= steps, one step limit)', () => {
    const base = { optimizer: { lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 2 } };
    for (const spec of [
      { ...base, steps: 5, resumeAt: 50 },
      { ...base, steps: MAX_TRACE_STEPS + 1 },
      { ...base, steps: 3, epochs: [1, null] },
      { ...base, scheduler: { type: 'SequentialLR', schedulers: [{ type: 'StepLR', stepSize: 2 }, { type: 'ExponentialLR', gamma: 0.9 }], milestones: [2] }, steps: 2, epochs: [1, 2] },
    ]) {
      let message = '';
      try {
        parseTraceSpec(spec);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toBe('');
      expect(() => runTrace(spec)).toThrow(message);
      expect(() => fromTraceSpec(spec)).toThrow(message);
    }
    expect(MAX_PLOT_STEPS).toBe(MAX_TRACE_STEPS);
    expect(() => fromTraceSpec({ ...base, steps: 5, resumeAt: 5 }, { steps: 4 })).toThrow('resumeAt: expected a step between 0 and steps (4), got 5');
  });

  it.each([
    [{ optimizer: { lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 0 }, steps: 3 }, 'scheduler.stepSize: expected a positive integer'],
    [{ optimizer: { lr: -1 }, scheduler: { type: 'StepLR', stepSize: 2 }, steps: 3 }, 'optimizer.lr: expected'],
    [{ optimizer: { lr: 0.1 }, scheduler: { type: 'Nope' }, steps: 3 }, 'scheduler.type: expected one of'],
    [{ optimizer: { lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 2 }, steps: -1 }, 'steps: expected'],
    [{ optimizer: { lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 2 }, steps: 3, extra: 1 }, 'spec.extra: expected no such option'],
    [{ optimizer: { lr: 0.1 }, scheduler: { type: 'ReduceLROnPlateau' }, steps: 3 }, 'metrics: expected one metric per step'],
    [{ optimizer: { lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 2 }, steps: 2, metrics: [1, 2] }, 'metrics: expected no metrics'],
    [{ optimizer: { lr: 0.1 }, scheduler: { type: 'ReduceLROnPlateau' }, steps: 2, metrics: [1, 'x'] }, 'metrics[1]: expected a number'],
    [
      { optimizer: { lr: 0.1 }, scheduler: { type: 'SequentialLR', schedulers: [{ type: 'StepLR', stepSize: 2 }, { type: 'ExponentialLR', gamma: '0.9x' }], milestones: [2] }, steps: 3 },
      'scheduler.schedulers[1].gamma: expected',
    ],
  ])('rejects bad specs with the JSON path: %j', (spec, message) => {
    expect(() => fromTraceSpec(spec)).toThrow(message);
  });
});
