import { describe, expect, it } from 'vitest';
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
    expectAllClose(preview.flat(), stepped.flat(), 1e-12, 1e-3);
  });
  it('classes without a closed form say so', () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    expect(() => new SWALR(optimizer, { swaLr: 0.05 }).lrAt(3)).toThrow('SWALR has no closed form');
  });
  it('rejects bad steps', () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    expect(() => new StepLR(optimizer, { stepSize: 2 }).lrAt(-1)).toThrow('StepLR.lrAt(step): expected a non-negative integer, got -1');
  });
});
