// PyTorch's own scheduler tests (test/optim/test_lrscheduler.py, TestLRScheduler), ported to lrkit: same
// optimizer (two groups, lr 0.05 and 0.5), same schedulers, same targets, same tolerance (atol 1e-5).
// Tests that exercise Python specifics (tensor lrs, pickling, garbage collection, warnings' wording) are not ported.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ScheduleError } from '../../src/errors.js';
import { createOptimizer, type PlainOptimizer } from '../../src/optim/createOptimizer.js';
import { ChainedScheduler } from '../../src/torch/ChainedScheduler.js';
import { ConstantLR } from '../../src/torch/ConstantLR.js';
import { CosineAnnealingLR } from '../../src/torch/CosineAnnealingLR.js';
import { CyclicLR } from '../../src/torch/CyclicLR.js';
import { ExponentialLR } from '../../src/torch/ExponentialLR.js';
import { LinearLR } from '../../src/torch/LinearLR.js';
import type { Chainable, Scheduler } from '../../src/torch/LRScheduler.js';
import { MultiStepLR } from '../../src/torch/MultiStepLR.js';
import { PolynomialLR } from '../../src/torch/PolynomialLR.js';
import { ReduceLROnPlateau } from '../../src/torch/ReduceLROnPlateau.js';
import { SequentialLR } from '../../src/torch/SequentialLR.js';
import { StepLR } from '../../src/torch/StepLR.js';
import { setWarningSink, type WarningSink } from '../../src/warnings.js';

let opt: PlainOptimizer;
let sink: WarningSink;
beforeAll(() => {
  sink = setWarningSink(() => {});
});
afterAll(() => {
  setWarningSink(sink);
});
beforeEach(() => {
  opt = createOptimizer({ lr: 0.05, groups: [{}, { lr: 0.5 }] });
});

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const repeat = (x: number, n: number) => Array.from({ length: n }, () => x);
const times = (xs: number[], k: number) => xs.map((x) => x * k);
const near = (actual: number, expected: number, what: string) => {
  if (!(Math.abs(actual - expected) <= 1e-5)) expect.fail(`${what}: expected ${expected}, got ${actual}`);
};

/** Upstream `_test`: check every group's lr, then step every scheduler. */
function check(schedulers: Scheduler | Scheduler[], targets: number[][], epochs: number): void {
  const list = Array.isArray(schedulers) ? schedulers : [schedulers];
  for (let epoch = 0; epoch < epochs; epoch++) {
    targets.forEach((target, g) => near(opt.paramGroups[g]!.lr, target[epoch]!, `epoch ${epoch} group ${g}`));
    opt.step();
    for (const s of list) (s as unknown as { step(): void }).step();
  }
}

/** Upstream `_test_get_last_lr`. */
function checkLastLr(scheduler: Scheduler, targets: number[][], epochs: number): void {
  for (let epoch = 0; epoch < epochs; epoch++) {
    const last = scheduler.getLastLr();
    targets.forEach((target, g) => near(last[g]!, target[epoch]!, `epoch ${epoch} group ${g}`));
    opt.step();
    (scheduler as unknown as { step(): void }).step();
  }
}

/** Upstream `_test_reduce_lr_on_plateau`: step (with the metric for plateaus), then check. */
function checkPlateau(schedulers: Scheduler | Scheduler[], targets: number[][], metrics: number[], epochs: number): void {
  const list = Array.isArray(schedulers) ? schedulers : [schedulers];
  for (let epoch = 0; epoch < epochs; epoch++) {
    opt.step();
    for (const s of list) {
      if (s instanceof ReduceLROnPlateau) s.step(metrics[epoch]!);
      else (s as unknown as { step(): void }).step();
    }
    targets.forEach((target, g) => near(opt.paramGroups[g]!.lr, target[epoch]!, `epoch ${epoch} group ${g}`));
  }
}

/**
 * Upstream `_test_against_closed_form`, by its intent: the chainable step() sequence equals step(epoch) on a
 * fresh optimizer. (Upstream's helper reads the lrs of a new `self.opt` that neither scheduler drives, so it
 * compares untouched lrs; the port compares the two schedulers' own optimizers.)
 */
function checkClosedForm(make: (o: PlainOptimizer) => Scheduler, epochs: number): void {
  const closedOpt = createOptimizer({ lr: 0.05, groups: [{}, { lr: 0.5 }] });
  const closed = make(closedOpt) as unknown as { step(epoch: number): void };
  const targets = range(epochs).map((epoch) => {
    closedOpt.step();
    closed.step(epoch + 1);
    return closedOpt.paramGroups.map((g) => g.lr);
  });
  opt = createOptimizer({ lr: 0.05, groups: [{}, { lr: 0.5 }] });
  const scheduler = make(opt) as unknown as { step(): void };
  for (let epoch = 0; epoch < epochs; epoch++) {
    opt.step();
    scheduler.step();
    opt.paramGroups.forEach((g, i) => near(g.lr, targets[epoch]![i]!, `epoch ${epoch} group ${i}`));
  }
}

const setLr = (lr: number) => opt.paramGroups.forEach((g) => (g.lr = lr));

describe('PyTorch test_lrscheduler.py, ported', () => {
  it('test_step_lr', () => {
    const single = [...repeat(0.05, 3), ...repeat(0.005, 3), ...repeat(0.0005, 3), ...repeat(0.00005, 3)];
    check(new StepLR(opt, { gamma: 0.1, stepSize: 3 }), [single, times(single, 10)], 10);
  });
  it('test_get_last_lr_multi_step_lr', () => {
    const single = [...repeat(0.05, 2), ...repeat(0.005, 3), ...repeat(0.0005, 4), 0.00005];
    checkLastLr(new MultiStepLR(opt, { gamma: 0.1, milestones: [2, 5, 9] }), [single, times(single, 10)], 10);
  });
  it('test_multi_step_lr', () => {
    const single = [...repeat(0.05, 2), ...repeat(0.005, 3), ...repeat(0.0005, 4), ...repeat(0.00005, 3)];
    check(new MultiStepLR(opt, { gamma: 0.1, milestones: [2, 5, 9] }), [single, times(single, 10)], 10);
  });
  it('test_get_last_lr_constantlr', () => {
    const single = [...repeat(0.025, 5), ...repeat(0.05, 5)];
    checkLastLr(new ConstantLR(opt, { factor: 1.0 / 2, totalIters: 5 }), [single, times(single, 10)], 10);
  });
  it('test_get_last_lr_linearlr', () => {
    const [start, end, iters] = [1.0 / 4, 3.0 / 5, 4];
    const single = [...range(iters).map((i) => (start + (i * (end - start)) / iters) * 0.05), ...repeat(0.05 * end, 10 - iters)];
    checkLastLr(new LinearLR(opt, { startFactor: start, endFactor: end, totalIters: iters }), [single, times(single, 10)], 10);
  });
  it('test_constantlr', () => {
    const single = [...repeat(0.025, 5), ...repeat(0.05, 5)];
    check(new ConstantLR(opt, { factor: 1.0 / 2, totalIters: 5 }), [single, times(single, 10)], 10);
  });
  it('test_linearlr', () => {
    const [start, iters] = [1.0 / 2, 4];
    const single = [...range(iters).map((i) => (start + (i * (1 - start)) / iters) * 0.05), ...repeat(0.05, 10 - iters)];
    check(new LinearLR(opt, { startFactor: start, totalIters: iters }), [single, times(single, 10)], 10);
  });
  it('test_linearlr_start_factor_limits1 / 2', () => {
    expect(() => new LinearLR(opt, { startFactor: 0.0, totalIters: 4 })).toThrow(/LinearLR\.startFactor/);
    expect(() => new LinearLR(opt, { startFactor: 1.1, totalIters: 4 })).toThrow(/LinearLR\.startFactor/);
  });
  it('test_exp_lr', () => {
    const single = range(10).map((x) => 0.05 * 0.9 ** x);
    check(new ExponentialLR(opt, { gamma: 0.9 }), [single, times(single, 10)], 10);
  });
  it('test_poly_lr', () => {
    const [power, total] = [0.9, 5];
    const single = [...range(total).map((x) => (1.0 - x / total) ** power * 0.05), ...repeat(0, 5)];
    check(new PolynomialLR(opt, { power, totalIters: total }), [single, times(single, 10)], 10);
  });
  it('test_cos_anneal_lr', () => {
    const etaMin = 1e-10;
    const single = range(10).map((x) => etaMin + ((0.05 - etaMin) * (1 + Math.cos((Math.PI * x) / 10))) / 2);
    check(new CosineAnnealingLR(opt, { tMax: 10, etaMin }), [single, times(single, 10)], 10);
  });
  it('test_closed_form_step_lr / linearlr / constantlr / multi_step_lr / exp_lr / poly_lr / cos_anneal_lr', () => {
    checkClosedForm((o) => new StepLR(o, { gamma: 0.1, stepSize: 3 }), 20);
    checkClosedForm((o) => new LinearLR(o, { startFactor: 1.0 / 3, endFactor: 0.7, totalIters: 4 }), 20);
    checkClosedForm((o) => new ConstantLR(o, { factor: 1.0 / 3, totalIters: 4 }), 20);
    checkClosedForm((o) => new MultiStepLR(o, { gamma: 0.1, milestones: [2, 5, 9] }), 20);
    checkClosedForm((o) => new ExponentialLR(o, { gamma: 0.9 }), 20);
    checkClosedForm((o) => new PolynomialLR(o, { power: 0.9 }), 20);
    checkClosedForm((o) => new CosineAnnealingLR(o, { tMax: 5, etaMin: 1e-10 }), 20);
  });
  it('test_cos_anneal_lr_continue', () => {
    const scheduler = new CosineAnnealingLR(opt, { tMax: 5, etaMin: 0.1 });
    opt.step();
    scheduler.step();
    const resumed = new CosineAnnealingLR(opt, { tMax: 5, etaMin: 0.1, lastEpoch: 0 });
    resumed.getLastLr().forEach((lr, i) => expect(lr).toBeCloseTo(scheduler.getLastLr()[i]!, 4));
  });

  const plateau = (options: ConstructorParameters<typeof ReduceLROnPlateau>[1]) => new ReduceLROnPlateau(opt, options);
  it('test_reduce_lr_on_plateau1', () => {
    setLr(0.5);
    checkPlateau(plateau({ thresholdMode: 'abs', mode: 'min', threshold: 0.01, patience: 5, cooldown: 5 }), [repeat(0.5, 20)], range(20).map((i) => 10 - i * 0.0167), 10);
  });
  it('test_reduce_lr_on_plateau2', () => {
    setLr(0.5);
    const targets = [[...repeat(0.5, 6), ...repeat(0.05, 7), ...repeat(0.005, 7), ...repeat(0.0005, 2)]];
    checkPlateau(plateau({ patience: 5, cooldown: 0, thresholdMode: 'abs', mode: 'min', threshold: 0.1 }), targets, range(22).map((i) => 10 - i * 0.0165), 22);
  });
  it('test_reduce_lr_on_plateau3', () => {
    setLr(0.5);
    const targets = [[...repeat(0.5, 8), ...repeat(0.05, 11), ...repeat(0.005, 4)]];
    checkPlateau(plateau({ mode: 'max', patience: 5, cooldown: 5, thresholdMode: 'abs' }), targets, [...repeat(-0.8, 2), ...repeat(-0.234, 20)], 22);
  });
  it('test_reduce_lr_on_plateau4', () => {
    setLr(0.5);
    checkPlateau(plateau({ mode: 'max', patience: 3, thresholdMode: 'rel', threshold: 0.1 }), [repeat(0.5, 20)], range(20).map((i) => 1.5 * 1.025 ** i), 20);
  });
  it('test_reduce_lr_on_plateau5', () => {
    setLr(0.5);
    const targets = [[...repeat(0.5, 6), ...repeat(0.05, 11), ...repeat(0.005, 4)]];
    checkPlateau(plateau({ mode: 'max', thresholdMode: 'rel', threshold: 0.1, patience: 5, cooldown: 5 }), targets, range(20).map((i) => 1.5 * 1.005 ** i), 20);
  });
  it('test_reduce_lr_on_plateau6', () => {
    setLr(0.5);
    checkPlateau(plateau({ mode: 'min', thresholdMode: 'rel', threshold: 0.1 }), [repeat(0.5, 20)], range(20).map((i) => 1.5 * 0.85 ** i), 20);
  });
  it('test_reduce_lr_on_plateau7', () => {
    setLr(0.5);
    const targets = [[...repeat(0.5, 6), ...repeat(0.05, 11), ...repeat(0.005, 4)]];
    checkPlateau(plateau({ mode: 'min', thresholdMode: 'rel', threshold: 0.1, patience: 5, cooldown: 5 }), targets, [...repeat(1, 7), 0.6, ...repeat(0.5, 12)], 20);
  });
  it('test_reduce_lr_on_plateau8', () => {
    setLr(0.5);
    const targets = [
      [...repeat(0.5, 6), ...repeat(0.4, 14)],
      [...repeat(0.5, 6), ...repeat(0.3, 14)],
    ];
    checkPlateau(plateau({ mode: 'max', thresholdMode: 'rel', minLr: [0.4, 0.3], threshold: 0.1, patience: 5, cooldown: 5 }), targets, range(20).map((i) => 1.5 * 1.005 ** i), 20);
  });
  it('test_reduce_lr_on_plateau_get_last_lr_before_step', () => {
    setLr(0.5);
    expect(plateau({}).getLastLr()).toEqual([0.5, 0.5]);
  });
  for (const minLr of ['scalar', 'list'] as const) {
    it(`test_add_param_group_does_not_break_reduce_lr_on_plateau[min_lr=${minLr}]`, () => {
      setLr(0.5);
      const targets = [[...repeat(0.5, 6), ...repeat(0.05, 11), ...repeat(0.005, 4)]];
      const metrics = [...repeat(1, 7), 0.6, ...repeat(0.5, 12)];
      const scheduler = plateau({ mode: 'min', thresholdMode: 'rel', threshold: 0.1, patience: 5, cooldown: 5, minLr: minLr === 'scalar' ? 0 : [1e-5, 1e-4] });
      for (let epoch = 0; epoch < 20; epoch++) {
        if (epoch === 8) {
          opt.paramGroups.push({ lr: 0.05 });
          // PyTorch appends to the list (scheduler.min_lrs.append); lrkit's minLrs is frozen and assigned whole.
          if (minLr === 'list') scheduler.minLrs = [...scheduler.minLrs, 1e-6];
        }
        opt.step();
        scheduler.step(metrics[epoch]!);
        targets.forEach((target, g) => near(opt.paramGroups[g]!.lr, target[epoch]!, `epoch ${epoch} group ${g}`));
      }
    });
  }
  it('test_add_param_group_errors_reduce_lr_on_plateau', () => {
    const scheduler = plateau({ mode: 'min', thresholdMode: 'rel', threshold: 1e-5, patience: 0, cooldown: 0, minLr: [1e-5, 1e-4] });
    opt.paramGroups.push({ lr: 0.05 });
    opt.step();
    scheduler.step(1);
    opt.step();
    expect(() => scheduler.step(1.3)).toThrow(ScheduleError);
  });

  it('test_sequentiallr1', () => {
    const targets = [[0.05, 0.04, 0.032, ...repeat(0.05, 4), ...repeat(0.005, 4), ...repeat(0.0005, 4), ...repeat(0.00005, 4)]];
    const schedulers = [new ExponentialLR(opt, { gamma: 0.8 }), new StepLR(opt, { gamma: 0.1, stepSize: 4 })];
    check(new SequentialLR(opt, { schedulers, milestones: [3] }), targets, 19);
  });
  it('test_sequentiallr2', () => {
    const targets = [[0.005, 0.005, 0.005, ...range(10).map((x) => 0.05 * 0.9 ** x)]];
    const schedulers = [new ConstantLR(opt, { factor: 0.1, totalIters: 3 }), new ExponentialLR(opt, { gamma: 0.9 })];
    check(new SequentialLR(opt, { schedulers, milestones: [3] }), targets, 13);
  });
  it('test_sequentiallr3', () => {
    const targets = [[0.005, 0.005, 0.005, 0.05, 0.04, 0.032, 0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005]];
    const schedulers = [new ConstantLR(opt, { factor: 0.1, totalIters: 3 }), new ExponentialLR(opt, { gamma: 0.8 }), new StepLR(opt, { gamma: 0.1, stepSize: 2 })];
    check(new SequentialLR(opt, { schedulers, milestones: [3, 6] }), targets, 12);
  });
  it('test_sequentiallr4', () => {
    const o = createOptimizer({ lr: 0.1, groups: [{}] });
    new SequentialLR(o, { schedulers: [new ConstantLR(o, { factor: 1 }), new ConstantLR(o, { factor: 0.1 })], milestones: [10] });
    expect(o.paramGroups[0]!.lr).toBe(0.1);
  });
  it('test_sequentiallr5 (a ChainedScheduler inside)', () => {
    const targets = [[0.0005, 0.0014, 0.0023, 0.0032, 0.0041, ...repeat(0.025, 5)]];
    const chained = new ChainedScheduler([new LinearLR(opt, { startFactor: 0.1, totalIters: 5 }), new ConstantLR(opt, { factor: 0.1, totalIters: 5 })]);
    check(new SequentialLR(opt, { schedulers: [chained, new ConstantLR(opt, { factor: 0.5, totalIters: 5 })], milestones: [5] }), targets, 10);
  });
  it('test_get_last_lr_sequentiallr', () => {
    const single = [0.005, 0.005, 0.005, 0.05, 0.04, 0.032, 0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005];
    const schedulers = [new ConstantLR(opt, { factor: 0.1, totalIters: 3 }), new ExponentialLR(opt, { gamma: 0.8 }), new StepLR(opt, { gamma: 0.1, stepSize: 2 })];
    checkLastLr(new SequentialLR(opt, { schedulers, milestones: [3, 6] }), [single, times(single, 10)], 12);
  });
  it('test_sequentiallr_does_not_alias_lr_and_initial_lr', () => {
    opt = createOptimizer({ lr: 2.0, groups: [{}] });
    const schedulers = [new LinearLR(opt, { startFactor: 0.1, endFactor: 0.8, totalIters: 4 }), new LinearLR(opt, { startFactor: 0.8, endFactor: 0.1, totalIters: 4 })];
    check(new SequentialLR(opt, { schedulers, milestones: [4] }), [[0.2, 0.55, 0.9, 1.25, 1.6, 1.25, 0.9, 0.55]], 8);
  });

  it('test_chained_lr1 .. test_chained_lr5', () => {
    const cases: Array<[() => Chainable[], number[][], number]> = [
      [() => [new StepLR(opt, { gamma: 0.1, stepSize: 3 })], [[...repeat(0.05, 3), ...repeat(0.005, 3), ...repeat(0.0005, 3), ...repeat(0.00005, 3)]], 10],
      [() => [new LinearLR(opt, { startFactor: 0.4, totalIters: 3 })], [[0.02, 0.03, 0.04, ...repeat(0.05, 9)]], 10],
      [
        () => [new LinearLR(opt, { startFactor: 0.4, totalIters: 3 }), new MultiStepLR(opt, { milestones: [4, 8, 10], gamma: 0.1 })],
        [[0.02, 0.03, 0.04, 0.05, ...repeat(0.005, 4), ...repeat(0.0005, 3), ...repeat(0.00005, 3)]],
        10,
      ],
      [
        () => [new ExponentialLR(opt, { gamma: 0.9 }), new ConstantLR(opt, { factor: 0.2, totalIters: 4 }), new StepLR(opt, { gamma: 0.1, stepSize: 3 })],
        [[...range(3).map((x) => 0.05 * 0.2 * 0.9 ** x), 0.05 * 0.2 * 0.9 ** 3 * 0.1, ...[4, 5].map((x) => 0.05 * 0.9 ** x * 0.1), ...[6, 7, 8].map((x) => 0.05 * 0.9 ** x * 0.01)]],
        9,
      ],
    ];
    for (const [make, targets, epochs] of cases) {
      opt = createOptimizer({ lr: 0.05, groups: [{}, { lr: 0.5 }] });
      const children = make();
      const chained = new ChainedScheduler(children);
      check(chained, targets, epochs);
      expect(chained.getLastLr()).toEqual(children[children.length - 1]!.getLastLr());
    }
    opt = createOptimizer({ lr: 0.05, groups: [{}, { lr: 0.5 }] });
    const poly = (lr: number) => [...range(5).map((x) => lr * (1.0 - x / 5) ** 0.9), ...repeat(0, 5)];
    const chained = new ChainedScheduler([new PolynomialLR(opt, { power: 0.9, totalIters: 5 }), new ConstantLR(opt, { factor: 0.1 })]);
    check(chained, [times(poly(0.05), 0.1), times(poly(0.5), 0.1)], 10);
  });

  it('test_compound_step_and_multistep_lr / step_and_exp / exp_and_multistep / cosanneal_and_step', () => {
    check([new StepLR(opt, { gamma: 0.1, stepSize: 3 }), new MultiStepLR(opt, { gamma: 0.1, milestones: [2, 5, 9] })], [[...repeat(0.05, 2), 0.005, ...repeat(5e-4, 2), 5e-5, ...repeat(5e-6, 3), 5e-8]], 10);
    opt = createOptimizer({ lr: 0.05, groups: [{}, { lr: 0.5 }] });
    const single = [...range(3).map((x) => 0.05 * 0.9 ** x), ...[3, 4, 5].map((x) => 0.005 * 0.9 ** x), ...[6, 7, 8].map((x) => 0.0005 * 0.9 ** x), ...[9, 10, 11].map((x) => 0.00005 * 0.9 ** x)];
    check([new StepLR(opt, { gamma: 0.1, stepSize: 3 }), new ExponentialLR(opt, { gamma: 0.9 })], [single, times(single, 10)], 10);
    opt = createOptimizer({ lr: 0.05, groups: [{}, { lr: 0.5 }] });
    const etaMin = 1e-10;
    const cos = range(10).map((x) => (etaMin + ((0.05 - etaMin) * (1 + Math.cos((Math.PI * x) / 10))) / 2) * 0.1 ** Math.floor(x / 3));
    check([new CosineAnnealingLR(opt, { tMax: 10, etaMin }), new StepLR(opt, { gamma: 0.1, stepSize: 3 })], [cos, times(cos, 10)], 10);
  });

  it('test_cycle_lr_invalid_mode', () => {
    expect(() => new CyclicLR(opt, { baseLr: 0, maxLr: 0, mode: 'CATS' as never })).toThrow(/CyclicLR\.mode/);
  });
  it('test_cycle_lr_triangular_mode_one_lr', () => {
    opt = createOptimizer({ lr: 0.05, momentum: 0.9, groups: [{}, { lr: 0.5 }] });
    const lr = [1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3];
    const momentum = [5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3];
    const scheduler = new CyclicLR(opt, { baseLr: 1, maxLr: 5, stepSizeUp: 4, cycleMomentum: true, baseMomentum: 1, maxMomentum: 5, mode: 'triangular' });
    for (let b = 0; b < lr.length; b++) {
      for (const g of opt.paramGroups) {
        near(g.lr, lr[b]!, `batch ${b} lr`);
        near(g.momentum as number, momentum[b]!, `batch ${b} momentum`);
      }
      opt.step();
      scheduler.step();
    }
  });
});
