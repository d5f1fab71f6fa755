import { describe, expect, it } from 'vitest';
import { NoClosedFormError } from '../../src/errors.js';
import { createOptimizer } from '../../src/optim/createOptimizer.js';
import type { Optimizer } from '../../src/optim/Optimizer.js';
import { ConstantLR } from '../../src/torch/ConstantLR.js';
import { CosineAnnealingLR } from '../../src/torch/CosineAnnealingLR.js';
import { CosineAnnealingWarmRestarts } from '../../src/torch/CosineAnnealingWarmRestarts.js';
import { CyclicLR } from '../../src/torch/CyclicLR.js';
import { ExponentialLR } from '../../src/torch/ExponentialLR.js';
import { LambdaLR } from '../../src/torch/LambdaLR.js';
import { LinearLR } from '../../src/torch/LinearLR.js';
import type { LRScheduler } from '../../src/torch/LRScheduler.js';
import { MultiplicativeLR } from '../../src/torch/MultiplicativeLR.js';
import { MultiStepLR } from '../../src/torch/MultiStepLR.js';
import { OneCycleLR } from '../../src/torch/OneCycleLR.js';
import { PolynomialLR } from '../../src/torch/PolynomialLR.js';
import { SequentialLR } from '../../src/torch/SequentialLR.js';
import { StepLR } from '../../src/torch/StepLR.js';
import { SWALR } from '../../src/torch/SWALR.js';
import { setWarningSink } from '../../src/warnings.js';
import { expectAllClose } from '../helpers/close.js';

type Factory = (o: Optimizer) => LRScheduler | SequentialLR;
const factories: Record<string, Factory> = {
  StepLR: (o) => new StepLR(o, { stepSize: 3, gamma: 0.5 }),
  MultiStepLR: (o) => new MultiStepLR(o, { milestones: [2, 5, 5], gamma: 0.3 }),
  ConstantLR: (o) => new ConstantLR(o, { factor: 0.25, totalIters: 4 }),
  LinearLR: (o) => new LinearLR(o, { startFactor: 0.1, endFactor: 0.9, totalIters: 6 }),
  ExponentialLR: (o) => new ExponentialLR(o, { gamma: 0.9 }),
  PolynomialLR: (o) => new PolynomialLR(o, { totalIters: 7, power: 2 }),
  CosineAnnealingLR: (o) => new CosineAnnealingLR(o, { tMax: 6, etaMin: 0.001 }),
  CosineAnnealingWarmRestarts: (o) => new CosineAnnealingWarmRestarts(o, { t0: 3, tMult: 2, etaMin: 0.001 }),
  'CosineAnnealingWarmRestarts tMult 1': (o) => new CosineAnnealingWarmRestarts(o, { t0: 7, etaMin: 0.001 }),
  LambdaLR: (o) => new LambdaLR(o, { lrLambda: '0.9 ** epoch' }),
  MultiplicativeLR: (o) => new MultiplicativeLR(o, { lrLambda: '0.95' }),
  CyclicLR: (o) => new CyclicLR(o, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 3, mode: 'triangular2' }),
  OneCycleLR: (o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: 20 }),
  SequentialLR: (o) => new SequentialLR(o, { schedulers: [new LinearLR(o, { startFactor: 0.1, totalIters: 4 }), new ExponentialLR(o, { gamma: 0.8 })], milestones: [4] }),
};

describe('lrAt / preview on the PyTorch layer', () => {
  setWarningSink(() => {});
  it.each(Object.keys(factories))('%s: preview equals the stepped sequence, and nothing is touched', (name) => {
    const optimizer = createOptimizer({ lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.05 }] });
    const scheduler = (factories[name] as Factory)(optimizer);
    const groupsBefore = JSON.stringify(optimizer.paramGroups);
    const stateBefore = JSON.stringify(scheduler.stateDict());
    const preview = scheduler.preview(19);
    expect(JSON.stringify(optimizer.paramGroups)).toBe(groupsBefore);
    expect(JSON.stringify(scheduler.stateDict())).toBe(stateBefore);
    const stepped: number[][] = [optimizer.paramGroups.map((g) => g.lr)];
    for (let i = 1; i < 19; i++) {
      optimizer.step();
      scheduler.step();
      stepped.push(optimizer.paramGroups.map((g) => g.lr));
    }
    // One Float64Array per group, column g equal to lrAt(t)[g] bit for bit.
    expect(preview).toHaveLength(2);
    preview.forEach((column) => expect(column).toBeInstanceOf(Float64Array));
    for (let t = 0; t < 19; t++) expect([preview[0]![t], preview[1]![t]]).toEqual(scheduler.lrAt(t));
    const rows = Array.from({ length: 19 }, (_, t) => [preview[0]![t]!, preview[1]![t]!]);
    expectAllClose(rows.flat(), stepped.flat(), 1e-12, 1e-3);
  });
  it.each(Object.keys(factories))('%s: preview over long runs equals lrAt at every step (fast paths are exact)', (name) => {
    const scheduler = (factories[name] as Factory)(createOptimizer({ lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.05 }] }));
    const n = 2000;
    let preview: Float64Array[];
    try {
      preview = scheduler.preview(n);
    } catch (error) {
      // e.g. OneCycleLR past totalSteps: lrAt fails at the same step.
      expect(() => Array.from({ length: n }, (_, t) => scheduler.lrAt(t))).toThrow((error as Error).message);
      return;
    }
    for (let t = 0; t < n; t++) {
      const expected = scheduler.lrAt(t);
      if (!Object.is(preview[0]![t], expected[0]) || !Object.is(preview[1]![t], expected[1])) expect.fail(`${name} step ${t}: preview ${preview[0]![t]}, ${preview[1]![t]}; lrAt ${expected.join(', ')}`);
    }
  });
  it('CosineAnnealingWarmRestarts: the per-cycle preview equals lrAt at every step across many restarts', () => {
    for (const [t0, tMult] of [[1, 2], [2, 3], [7, 2], [5, 5], [1000, 2]] as const) {
      const s = new CosineAnnealingWarmRestarts(createOptimizer({ lr: 0.1, groups: [{}, { lr: 0.03 }] }), { t0, tMult, etaMin: 1e-4 });
      const n = 100_000;
      const preview = s.preview(n);
      for (let t = 0; t < n; t++) {
        const expected = s.lrAt(t);
        if (!Object.is(preview[0]![t], expected[0]) || !Object.is(preview[1]![t], expected[1])) expect.fail(`t0 ${t0} tMult ${tMult} step ${t}: ${preview[0]![t]} vs ${expected[0]}`);
      }
    }
  });
  it('OneCycleLR: the phase-by-phase preview equals lrAt at every step, for every phase layout', () => {
    const layouts = [{}, { threePhase: true }, { pctStart: 0 }, { pctStart: 0.6, threePhase: true }, { annealStrategy: 'linear' as const }, { pctStart: 0.33, threePhase: true, annealStrategy: 'linear' as const }];
    for (const layout of layouts) {
      const s = new OneCycleLR(createOptimizer({ lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.03 }] }), { maxLr: [0.1, 0.02], totalSteps: 997, ...layout });
      const preview = s.preview(998);
      for (let t = 0; t < 998; t++) {
        const expected = s.lrAt(t);
        if (!Object.is(preview[0]![t], expected[0]) || !Object.is(preview[1]![t], expected[1])) expect.fail(`${JSON.stringify(layout)} step ${t}: ${preview[0]![t]} vs ${expected[0]}`);
      }
      expect(() => s.preview(999)).toThrow('OneCycleLR: Tried to step 998 times. The specified number of total steps is 997');
    }
  });
  it('classes without a closed form say so', () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    expect(() => new SWALR(optimizer, { swaLr: 0.05 }).lrAt(3)).toThrow(NoClosedFormError);
    expect(() => new SWALR(optimizer, { swaLr: 0.05 }).preview(0)).toThrow('SWALR has no closed form');
  });
  it('rejects bad steps', () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    expect(() => new StepLR(optimizer, { stepSize: 2 }).lrAt(-1)).toThrow('StepLR.lrAt(step): expected a non-negative integer, got -1');
  });
});
