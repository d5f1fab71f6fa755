import { OptionError, ScheduleError } from '../errors.js';
import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { encodeFloat, openState, schedulerState, type SchedulerState } from '../state.js';
import { bool, choice, defineOptions, groupValues, int, num, perGroup } from '../torch/defineOptions.js';
import { improves } from '../torch/improves.js';
import { checkCallOrder, checkOptimizer, checkSavedOptions, lockFields, optionsState, type Scheduler, type SchedulerSpec } from '../torch/LRScheduler.js';

/**
 * Options of {@link GreedyLR} (transformers' `GreedyLR` arguments in lowerCamelCase).
 *
 * @example
 * const options: GreedyLROptions = { mode: 'max', factor: 0.5, patience: 3, minLr: 1e-4 };
 * new GreedyLR(createOptimizer({ lr: 0.1 }), options).getLastLr(); // [0.1]
 */
export interface GreedyLROptions {
  /** 'min': improvement means the metric decreases; 'max': it increases. Default 'min'. */
  mode?: 'min' | 'max';
  /** lr * factor on a plateau, lr / factor on improvement; in (0, 1). Default 0.95. */
  factor?: number;
  /** Good or bad steps tolerated before changing the lr. Default 10. */
  patience?: number;
  /** Minimum significant change of the metric. Default 1e-6. */
  threshold?: number;
  /** Default 'abs'. */
  thresholdMode?: 'rel' | 'abs';
  /** Steps to wait after a reduction. Default 0. */
  cooldown?: number;
  /** Steps to wait after an increase. Default 0. */
  warmup?: number;
  /** Lower bound of the lr (per group allowed). Default 1e-3. */
  minLr?: number | number[];
  /** Upper bound of the lr (per group allowed). Default 1. */
  maxLr?: number | number[];
  /** Changes smaller than eps are skipped. Default 1e-8. */
  eps?: number;
  /** Average the metric over the last `windowSize` steps first. Default false. */
  smooth?: boolean;
  /** Window of the average. Default 50. */
  windowSize?: number;
  /** Reductions with every group at its minLr before everything resets to the start. Default 500. */
  resetStart?: number;
}

/** The options as data: defaults and validation (transformers' keyword names), checked before anything changes. */
const greedyLROptions = defineOptions<GreedyLROptions>()({
  type: 'GreedyLR',
  doc: "transformers' GreedyLR: raise the lr while the metric improves, lower it on a plateau, within [minLr, maxLr].",
  module: 'lrkit',
  stepPer: 'metric',
  cyclesMomentum: false,
  options: {
    mode: choice('mode', "'min' for losses, 'max' for accuracies.", ['min', 'max'], 'min'),
    factor: num('factor', 'lr * factor on a plateau, lr / factor on improvement; in (0, 1).', { min: 0, max: 1, minExclusive: true, maxExclusive: true }, 0.95),
    patience: int('patience', 'Good or bad steps tolerated before changing the lr.', 0, 10),
    threshold: num('threshold', 'Minimum significant change of the metric.', { min: 0 }, 1e-6),
    thresholdMode: choice('threshold_mode', 'Relative or absolute threshold.', ['rel', 'abs'], 'abs'),
    cooldown: int('cooldown', 'Steps to wait after a reduction.', 0, 0),
    warmup: int('warmup', 'Steps to wait after an increase.', 0, 0),
    minLr: perGroup('min_lr', 'Lower bound of the lr.', 0, 1e-3),
    maxLr: perGroup('max_lr', 'Upper bound of the lr.', 0, 1.0),
    eps: num('eps', 'Changes smaller than eps are skipped.', { min: 0 }, 1e-8),
    smooth: bool('smooth', 'Average the metric over the last windowSize steps first.', false),
    windowSize: int('window_size', 'Window of the average.', 1, 50),
    resetStart: int('reset_start', 'Reductions with every group at its minLr before everything resets to the start.', 1, 500),
  },
  example: { mode: 'min', factor: 0.5, patience: 3 },
});

const OPTIONS = ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'warmup', 'minLrs', 'maxLrs', 'eps', 'smooth', 'windowSize'] as const;

/**
 * Hugging Face transformers' `GreedyLR` (`get_scheduler('greedy')`): raises the lr (divides by `factor`) after
 * more than `patience` improving steps and lowers it (multiplies) after more than `patience` bad ones, within
 * [minLr, maxLr]; after `resetStart` reductions with every group at its floor it starts over from the initial lrs.
 * Operation by operation as transformers 5.x, checked against it.
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.1 });
 * const scheduler = new GreedyLR(optimizer, { mode: 'min', patience: 2 });
 * for (const validationLoss of [1, 0.9, 0.95, 0.97, 0.99, 1.01]) {
 *   optimizer.step();
 *   scheduler.step(validationLoss); // once per evaluation
 * }
 * scheduler.getLastLr()[0]! < 0.1; // true
 */
export class GreedyLR implements Scheduler {
  readonly type = 'GreedyLR';
  /** step() takes the metric. */
  readonly stepInput = 'metric';
  /** No step(epoch) (the metric is the input). */
  readonly acceptsEpoch = false;
  readonly optimizer: Optimizer;
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly warmup: number;
  readonly minLrs: readonly number[];
  readonly maxLrs: readonly number[];
  readonly eps: number;
  readonly smooth: boolean;
  readonly windowSize: number;
  private readonly resetStartOriginal: number;
  private readonly initLrs: readonly number[];
  lastEpoch = 0;
  best: number;
  numBadEpochs = 0;
  numGoodEpochs = 0;
  cooldownCounter = 0;
  warmupCounter = 0;
  resetStart: number;
  private window: number[] = [];
  private windowSum = 0;
  private readonly lastLr: number[];

  constructor(optimizer: Optimizer, options: GreedyLROptions = {}) {
    const groups = checkOptimizer('GreedyLR', optimizer).paramGroups.length;
    const o = greedyLROptions.normalize(options);
    this.optimizer = optimizer;
    this.factor = o.factor;
    this.patience = o.patience;
    this.threshold = o.threshold;
    this.thresholdMode = o.thresholdMode;
    this.mode = o.mode;
    this.cooldown = o.cooldown;
    this.warmup = o.warmup;
    this.minLrs = groupValues(['GreedyLR', 'minLr'], o.minLr, groups);
    this.maxLrs = groupValues(['GreedyLR', 'maxLr'], o.maxLr, groups);
    this.eps = o.eps;
    this.smooth = o.smooth;
    this.windowSize = o.windowSize;
    this.resetStart = o.resetStart;
    this.resetStartOriginal = this.resetStart;
    this.initLrs = optimizer.paramGroups.map((g) => g.lr);
    this.lastLr = [...this.initLrs];
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    lockFields(this, [...OPTIONS, 'resetStartOriginal', 'initLrs']);
  }

  isBetter(current: number, best: number): boolean {
    return improves(this.mode, this.thresholdMode, this.threshold, current, best);
  }

  /** Reports the metric for this step. */
  step(metric: number): void {
    if (typeof metric !== 'number') throw new OptionError('GreedyLR.step(metric)', metric, 'a number');
    checkCallOrder(this.optimizer);
    if (this.optimizer.paramGroups.length !== this.initLrs.length) {
      throw new ScheduleError(`GreedyLR: the optimizer has ${this.optimizer.paramGroups.length} param groups but the scheduler was built for ${this.initLrs.length}`);
    }
    let current = metric;
    if (this.smooth) current = this.average(current);
    this.lastEpoch += 1;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
      this.numGoodEpochs = 0;
    } else if (this.warmupCounter > 0) {
      this.warmupCounter -= 1;
      this.numBadEpochs = 0;
      this.numGoodEpochs = 0;
    } else {
      if (this.isBetter(current, this.best)) {
        this.best = current;
        this.numBadEpochs = 0;
        this.numGoodEpochs += 1;
      } else {
        this.numBadEpochs += 1;
        this.numGoodEpochs = 0;
      }
      if (this.numGoodEpochs > this.patience) {
        this.increaseLr();
        this.warmupCounter = this.warmup;
        this.numGoodEpochs = 0;
      } else if (this.numBadEpochs > this.patience) {
        this.reduceLr();
        this.cooldownCounter = this.cooldown;
        this.numBadEpochs = 0;
      }
    }
    this.optimizer.paramGroups.forEach((g, i) => (this.lastLr[i] = g.lr));
  }

  /** transformers' StreamingAverage: a running sum over the last windowSize values. */
  private average(value: number): number {
    this.window.push(value);
    this.windowSum += value;
    if (this.window.length > this.windowSize) this.windowSum -= this.window.shift() as number;
    return this.windowSum / this.window.length;
  }

  private reduceLr(): void {
    let allAtMin = true;
    this.optimizer.paramGroups.forEach((group: ParamGroup, i) => {
      const oldLr = group.lr;
      const newLr = Math.max(oldLr * this.factor, this.minLrs[i] as number);
      if (oldLr - newLr > this.eps) group.lr = newLr;
      if (group.lr > (this.minLrs[i] as number)) allAtMin = false;
    });
    if (allAtMin) {
      this.resetStart -= 1;
      if (this.resetStart <= 0) this.reset();
    }
  }

  private increaseLr(): void {
    this.optimizer.paramGroups.forEach((group: ParamGroup, i) => {
      const oldLr = group.lr;
      const newLr = Math.min(oldLr / this.factor, this.maxLrs[i] as number);
      if (newLr - oldLr > this.eps) group.lr = newLr;
    });
    this.resetStart = this.resetStartOriginal;
  }

  private reset(): void {
    this.optimizer.paramGroups.forEach((group, i) => (group.lr = this.initLrs[i] as number));
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.numBadEpochs = 0;
    this.numGoodEpochs = 0;
    this.cooldownCounter = 0;
    this.warmupCounter = 0;
    this.resetStart = this.resetStartOriginal;
    if (this.smooth) {
      this.window = [];
      this.windowSum = 0;
    }
  }

  /** GreedyLR is a class, not part of the JSON spec vocabulary: build it with `new GreedyLR(...)`. */
  toSpec(): SchedulerSpec {
    throw new OptionError('GreedyLR.toSpec()', this.type, 'a scheduler of the spec vocabulary (GreedyLR is built with new GreedyLR(optimizer, options))');
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): SchedulerState {
    return schedulerState(this.type, {
      lastEpoch: this.lastEpoch,
      best: encodeFloat(this.best),
      numBadEpochs: this.numBadEpochs,
      numGoodEpochs: this.numGoodEpochs,
      cooldownCounter: this.cooldownCounter,
      warmupCounter: this.warmupCounter,
      resetStart: this.resetStart,
      window: this.window.map(encodeFloat),
      windowSum: encodeFloat(this.windowSum),
      lastLr: this.lastLr.map(encodeFloat),
      options: optionsState(this, OPTIONS),
    });
  }

  loadStateDict(state: unknown, path = 'state'): void {
    const reader = openState(path, state, this.type);
    const lastEpoch = reader.integer('lastEpoch');
    const best = reader.float('best');
    const numBadEpochs = reader.integer('numBadEpochs');
    const numGoodEpochs = reader.integer('numGoodEpochs');
    const cooldownCounter = reader.integer('cooldownCounter');
    const warmupCounter = reader.integer('warmupCounter');
    const resetStart = reader.integer('resetStart');
    const window = reader.floats('window');
    const windowSum = reader.float('windowSum');
    const lastLr = reader.floats('lastLr', this.lastLr.length);
    if (reader.has('options')) checkSavedOptions(reader, this, OPTIONS);
    Object.assign(this, { lastEpoch, best, numBadEpochs, numGoodEpochs, cooldownCounter, warmupCounter, resetStart, window, windowSum });
    lastLr.forEach((v, i) => (this.lastLr[i] = v));
  }
}
