import { describe, expect, it } from 'vitest';
import {
  ChainedScheduler, ConstantLR, CosineAnnealingLR, CosineAnnealingWarmRestarts, createOptimizer, CyclicLR, ExponentialLR,
  LambdaLR, LinearLR, MultiStepLR, OneCycleLR, OptionError, PolynomialLR, ReduceLROnPlateau, SequentialLR, StepLR, SWALR,
} from '../../src/index.js';
import type { Optimizer } from '../../src/index.js';

const sgd = () => createOptimizer({ lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01 }] });

// [description, constructor call, option named in the error, fragment of the rendered bad value]
const cases: Array<[string, (o: Optimizer) => unknown, string, string]> = [
  ['StepLR stepSize 0', (o) => new StepLR(o, { stepSize: 0 }), 'StepLR.stepSize', 'got 0'],
  ['StepLR fractional stepSize', (o) => new StepLR(o, { stepSize: 2.5 }), 'StepLR.stepSize', 'got 2.5'],
  ['StepLR gamma NaN', (o) => new StepLR(o, { stepSize: 3, gamma: NaN }), 'StepLR.gamma', 'got NaN'],
  ['StepLR gamma string', (o) => new StepLR(o, { stepSize: 3, gamma: '0.9x' as never }), 'StepLR.gamma', 'got "0.9x"'],
  ['StepLR unknown option', (o) => new StepLR(o, { stepSize: 3, stepsize: 3 } as never), 'StepLR.stepsize', 'no such option'],
  ['MultiStepLR unsorted', (o) => new MultiStepLR(o, { milestones: [30, 10] }), 'MultiStepLR.milestones', '[30, 10]'],
  ['MultiStepLR negative', (o) => new MultiStepLR(o, { milestones: [-1] }), 'MultiStepLR.milestones[0]', 'got -1'],
  ['ConstantLR factor 1.5', (o) => new ConstantLR(o, { factor: 1.5 }), 'ConstantLR.factor', 'got 1.5'],
  ['ConstantLR factor 0', (o) => new ConstantLR(o, { factor: 0 }), 'ConstantLR.factor', 'got 0'],
  ['LinearLR startFactor 0', (o) => new LinearLR(o, { startFactor: 0 }), 'LinearLR.startFactor', 'got 0'],
  ['LinearLR endFactor 2', (o) => new LinearLR(o, { endFactor: 2 }), 'LinearLR.endFactor', 'got 2'],
  ['ExponentialLR gamma missing', (o) => new ExponentialLR(o, {} as never), 'ExponentialLR.gamma', 'got undefined'],
  ['ExponentialLR gamma Infinity', (o) => new ExponentialLR(o, { gamma: Infinity }), 'ExponentialLR.gamma', 'got Infinity'],
  ['PolynomialLR totalIters 0', (o) => new PolynomialLR(o, { totalIters: 0 }), 'PolynomialLR.totalIters', 'got 0'],
  ['CosineAnnealingLR tMax 0', (o) => new CosineAnnealingLR(o, { tMax: 0 }), 'CosineAnnealingLR.tMax', 'got 0'],
  ['CosineAnnealingLR tMax -5', (o) => new CosineAnnealingLR(o, { tMax: -5 }), 'CosineAnnealingLR.tMax', 'got -5'],
  ['WarmRestarts tMult 0', (o) => new CosineAnnealingWarmRestarts(o, { t0: 5, tMult: 0 }), 'CosineAnnealingWarmRestarts.tMult', 'got 0'],
  ['WarmRestarts t0 1.5', (o) => new CosineAnnealingWarmRestarts(o, { t0: 1.5 }), 'CosineAnnealingWarmRestarts.t0', 'got 1.5'],
  ['CyclicLR mode', (o) => new CyclicLR(o, { baseLr: 0.01, maxLr: 0.1, mode: 'sine' as never }), 'CyclicLR.mode', 'got "sine"'],
  ['CyclicLR maxLr per-group length', (o) => new CyclicLR(o, { baseLr: 0.01, maxLr: [0.1, 0.2, 0.3] }), 'CyclicLR.maxLr', '[0.1, 0.2, 0.3]'],
  ['CyclicLR stepSizeUp 0', (o) => new CyclicLR(o, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 0 }), 'CyclicLR.stepSizeUp', 'got 0'],
  ['OneCycleLR pctStart 1.5', (o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: 10, pctStart: 1.5 }), 'OneCycleLR.pctStart', 'got 1.5'],
  ['OneCycleLR anneal', (o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: 10, annealStrategy: 'cosine' as never }), 'OneCycleLR.annealStrategy', 'got "cosine"'],
  ['OneCycleLR no length', (o) => new OneCycleLR(o, { maxLr: 0.1 }), 'OneCycleLR.totalSteps', 'got undefined'],
  ['ReduceLROnPlateau factor 1', (o) => new ReduceLROnPlateau(o, { factor: 1 }), 'ReduceLROnPlateau.factor', 'got 1'],
  ['ReduceLROnPlateau mode', (o) => new ReduceLROnPlateau(o, { mode: 'up' as never }), 'ReduceLROnPlateau.mode', 'got "up"'],
  ['ReduceLROnPlateau minLr length', (o) => new ReduceLROnPlateau(o, { minLr: [0] }), 'ReduceLROnPlateau.minLr', '[0]'],
  ['SWALR annealEpochs -1', (o) => new SWALR(o, { swaLr: 0.05, annealEpochs: -1 }), 'SWALR.annealEpochs', 'got -1'],
  ['LambdaLR bad expression', (o) => new LambdaLR(o, { lrLambda: '0.9 ** epoh' }), 'LambdaLR.lrLambda', '0.9 ** epoh'],
  ['lastEpoch -2', (o) => new StepLR(o, { stepSize: 2, lastEpoch: -2 }), 'StepLR.lastEpoch', 'got -2'],
  ['lastEpoch without initialLr', (o) => new StepLR(o, { stepSize: 2, lastEpoch: 4 }), 'StepLR.optimizer.paramGroups[0].initialLr', 'undefined'],
  ['SequentialLR milestones count', (o) => new SequentialLR(o, { schedulers: [new StepLR(o, { stepSize: 2 })], milestones: [3] }), 'SequentialLR.milestones', '[3]'],
  ['SequentialLR with plateau', (o) => new SequentialLR(o, { schedulers: [new StepLR(o, { stepSize: 2 }), new ReduceLROnPlateau(o) as never], milestones: [3] }), 'SequentialLR.schedulers[1]', 'ReduceLROnPlateau'],
  ['ChainedScheduler empty', () => new ChainedScheduler([]), 'ChainedScheduler.schedulers', 'got []'],
  ['optimizer without groups', () => new StepLR({ paramGroups: [] }, { stepSize: 1 }), 'StepLR.optimizer.paramGroups', 'got []'],
  ['group lr NaN', () => new StepLR({ paramGroups: [{ lr: NaN }] }, { stepSize: 1 }), 'StepLR.optimizer.paramGroups[0].lr', 'got NaN'],
];

describe('constructor validation', () => {
  it.each(cases)('%s', (_name, build, option, valueText) => {
    let error: unknown;
    try {
      build(sgd());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).option).toBe(option);
    expect((error as OptionError).message).toContain(option);
    expect((error as OptionError).message).toContain(valueText);
  });

  it('changes nothing on the optimizer when validation fails', () => {
    const opt = sgd();
    const before = JSON.stringify(opt.paramGroups);
    expect(() => new CyclicLR(opt, { baseLr: 0.01, maxLr: 0.1, mode: 'bad' as never })).toThrow(OptionError);
    expect(() => new OneCycleLR(opt, { maxLr: 0.1, totalSteps: 10, pctStart: 2 })).toThrow(OptionError);
    expect(JSON.stringify(opt.paramGroups)).toBe(before);
  });

  it('rejects cycling momentum on an optimizer that has none', () => {
    const plain = { paramGroups: [{ lr: 0.1 }] };
    expect(() => new OneCycleLR(plain, { maxLr: 0.1, totalSteps: 10 })).toThrow(/OneCycleLR.cycleMomentum/);
    expect(() => new OneCycleLR(plain, { maxLr: 0.1, totalSteps: 10, cycleMomentum: false })).not.toThrow();
  });
});
