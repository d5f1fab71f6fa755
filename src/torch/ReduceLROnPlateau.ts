import { OptionError, ScheduleError } from '../errors.js';
import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { encodeFloat, openState, schedulerState, type SchedulerState } from '../state.js';
import { at, type Where } from '../errors.js';
import { integerAtLeast, numberInRange } from '../validate.js';
import { choice, defineOptions, groupValues, int, num, optionsToSpec, perGroup, torchEpoch } from './defineOptions.js';
import { improves } from './improves.js';
import { checkCallOrder, checkOptimizer, checkSavedOptions, lockFields, nextEpoch, optionsState, type Scheduler, type SchedulerSpec } from './LRScheduler.js';

/**
 * Options of {@link ReduceLROnPlateau} (PyTorch `mode`, `factor`, `patience`, `threshold`, `cooldown`, `min_lr`, ...).
 *
 * @example
 * const options: ReduceLROnPlateauOptions = { mode: 'max', factor: 0.5, patience: 0, minLr: 0.01 };
 * const optimizer = createOptimizer({ lr: 0.1 });
 * const scheduler = new ReduceLROnPlateau(optimizer, options);
 * for (const accuracy of [0.8, 0.7]) {
 *   optimizer.step();
 *   scheduler.step(accuracy);
 * }
 * scheduler.getLastLr(); // [0.05]
 */
export interface ReduceLROnPlateauOptions {
  /** 'min': reduce when the metric stops decreasing; 'max': when it stops increasing. Default 'min'. */
  mode?: 'min' | 'max';
  /** new lr = lr * factor, in [0, 1). Default 0.1. */
  factor?: number;
  /** Bad steps tolerated before reducing. Default 10. */
  patience?: number;
  /** Minimum significant improvement. Default 1e-4. */
  threshold?: number;
  /** 'rel': relative to the best value; 'abs': absolute. Default 'rel'. */
  thresholdMode?: 'rel' | 'abs';
  /** Steps to wait after a reduction before counting bad steps again. Default 0. */
  cooldown?: number;
  /** Lower bound of the lr (per group allowed). Default 0. */
  minLr?: number | number[];
  /** Reductions smaller than eps are skipped. Default 1e-8. */
  eps?: number;
  /**
   * What a NaN or infinite metric does. 'compare' (default) is PyTorch's behaviour: the metric is compared as
   * it is, so NaN is never better (a bad step), +Infinity is worse in 'min' mode and -Infinity becomes the best.
   * 'error' throws a ScheduleError naming the step, for runs where a diverged loss should stop training.
   */
  nonFiniteMetric?: 'compare' | 'error';
}

/** ReduceLROnPlateau's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const reduceLROnPlateauOptions = defineOptions<ReduceLROnPlateauOptions>()({
  type: 'ReduceLROnPlateau',
  doc: 'Reduce the lr when a metric stops improving (needs one metric per step).',
  ...torchEpoch,
  options: {
    mode: choice('mode', "'min' for losses, 'max' for accuracies.", ['min', 'max'], 'min'),
    factor: num('factor', 'new lr = lr * factor, in [0, 1).', { min: 0, max: 1, maxExclusive: true }, 0.1),
    patience: int('patience', 'Bad steps tolerated before reducing.', 0, 10),
    threshold: num('threshold', 'Minimum significant improvement.', { min: 0 }, 1e-4),
    thresholdMode: choice('threshold_mode', 'Relative or absolute threshold.', ['rel', 'abs'], 'rel'),
    cooldown: int('cooldown', 'Steps to wait after a reduction.', 0, 0),
    minLr: perGroup('min_lr', 'Lower bound of the lr.', 0, 0),
    eps: num('eps', 'Reductions smaller than eps are skipped.', { min: 0 }, 1e-8),
    nonFiniteMetric: choice('', "lrkit only: 'compare' (PyTorch: NaN is a bad step) or 'error' (throw on NaN/Infinity).", ['compare', 'error'], 'compare'),
  },
  example: { mode: 'min', factor: 0.5, patience: 5 },
});

/**
 * PyTorch `ReduceLROnPlateau`: reduce the lr when a metric has stopped improving. It does not step at
 * construction. Non-finite metrics follow `nonFiniteMetric` (PyTorch's comparison by default).
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.1 });
 * const scheduler = new ReduceLROnPlateau(optimizer, { mode: 'min', patience: 2 });
 * for (const validationLoss of [1, 0.9, 0.9, 0.9, 0.9]) {
 *   optimizer.step();
 *   scheduler.step(validationLoss); // once per epoch, after validation
 * }
 * scheduler.getLastLr(); // [0.010000000000000002]
 */
export class ReduceLROnPlateau implements Scheduler {
  readonly type = 'ReduceLROnPlateau';
  readonly stepInput = 'metric';
  /** `step(metric, epoch)` takes an epoch only beside the metric, so not the `step(epoch)` form. */
  readonly acceptsEpoch = false;
  readonly optimizer: Optimizer;
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly eps: number;
  readonly nonFiniteMetric: 'compare' | 'error';
  lastEpoch = 0;
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  private readonly lastLr: number[];
  /** The single `minLr` given at construction (PyTorch's `default_min_lr`), or undefined when it was per group. */
  private readonly defaultMinLr: number | undefined;
  private minLrValues: readonly number[];
  /** The same values unfrozen, for reductions: V8 boxes every read of a frozen double array (allocates per step). */
  private minLrFloor: number[];

  private readonly options: Required<ReduceLROnPlateauOptions>;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: ReduceLROnPlateauOptions = {}, where: Where = 'ReduceLROnPlateau') {
    const o = reduceLROnPlateauOptions.normalize(options, where);
    this.optimizer = checkOptimizer(where, optimizer);
    this.options = o;
    this.nonFiniteMetric = o.nonFiniteMetric;
    this.factor = o.factor;
    this.defaultMinLr = Array.isArray(o.minLr) ? undefined : (o.minLr as number);
    this.minLrFloor = groupValues(at(where, 'minLr'), o.minLr, optimizer.paramGroups.length);
    this.minLrValues = Object.freeze([...this.minLrFloor]);
    this.patience = o.patience;
    this.cooldown = o.cooldown;
    this.eps = o.eps;
    this.mode = o.mode;
    this.threshold = o.threshold;
    this.thresholdMode = o.thresholdMode;
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
    this.best = this.modeWorse;
    lockFields(this, OPTION_FIELDS);
  }

  /**
   * The lower bound of each group's lr (a frozen array). Intentionally writable, as PyTorch's `min_lrs`: after
   * `add_param_group` with per-group `minLr`, assign one value per group before the next reduction. A new
   * array is validated (non-negative numbers) and frozen.
   */
  get minLrs(): readonly number[] {
    return this.minLrValues;
  }

  set minLrs(values: readonly number[]) {
    if (!Array.isArray(values) || values.length === 0) throw new OptionError('ReduceLROnPlateau.minLrs', values, 'a non-empty array of numbers >= 0, one per param group');
    this.minLrFloor = values.map((v, i) => numberInRange(`ReduceLROnPlateau.minLrs[${i}]`, v, { min: 0 }));
    this.minLrValues = Object.freeze([...this.minLrFloor]);
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(reduceLROnPlateauOptions, this.options);
  }

  private get modeWorse(): number {
    return this.mode === 'min' ? Infinity : -Infinity;
  }

  /** Whether the scheduler is waiting out its cooldown. */
  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  isBetter(a: number, best: number): boolean {
    return improves(this.mode, this.thresholdMode, this.threshold, a, best);
  }

  /** Reports the monitored metric for this step; `epoch` (deprecated in PyTorch) overrides the step index. */
  step(metric: number, epoch?: number): void {
    if (typeof metric !== 'number' || (this.nonFiniteMetric === 'error' && !Number.isFinite(metric))) this.rejectMetric(metric);
    checkCallOrder(this.optimizer);
    const current = metric;
    this.lastEpoch = epoch === undefined ? nextEpoch(this.type, this.lastEpoch) : integerAtLeast('ReduceLROnPlateau.step(epoch)', epoch, 0);
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.reduceLr();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.recordLastLr();
  }

  /** Throws the error for a metric `step()` cannot take (kept out of `step()` so the hot path stays small). */
  private rejectMetric(metric: unknown): never {
    if (typeof metric !== 'number') throw new OptionError('ReduceLROnPlateau.step(metric)', metric, 'a number');
    throw new ScheduleError(`ReduceLROnPlateau: metric is ${metric} at step ${this.lastEpoch + 1} (nonFiniteMetric: 'error')`);
  }

  /** Reads every group's lr into `getLastLr()`'s array (groups may have been added since construction). */
  private recordLastLr(): void {
    const groups = this.optimizer.paramGroups;
    if (this.lastLr.length !== groups.length) this.lastLr.length = groups.length;
    for (let i = 0; i < groups.length; i++) this.lastLr[i] = (groups[i] as ParamGroup).lr;
  }

  /**
   * PyTorch 2.x: a param group added after construction gets the single `minLr`; with per-group `minLr`
   * a reduction needs `minLrs` to be extended first (PyTorch raises RuntimeError there too).
   */
  private reduceLr(): void {
    const groups = this.optimizer.paramGroups;
    if (groups.length !== this.minLrValues.length) {
      if (this.defaultMinLr === undefined) {
        throw new ScheduleError(
          `ReduceLROnPlateau: the optimizer has ${groups.length} param groups but minLrs has ${this.minLrValues.length} (per-group minLr given at construction); ` +
            'assign scheduler.minLrs one value per group after adding a param group',
        );
      }
      this.minLrFloor = groups.map(() => this.defaultMinLr as number);
      this.minLrValues = Object.freeze([...this.minLrFloor]);
    }
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i] as ParamGroup;
      const oldLr = group.lr;
      const newLr = Math.max(oldLr * this.factor, this.minLrFloor[i] as number);
      if (oldLr - newLr > this.eps) group.lr = newLr;
    }
  }

  /** The options as saved in the state: `minLr` is the single value when one was given, else the per-group list. */
  private optionValues(): Record<(typeof STATE_OPTIONS)[number], unknown> {
    const { mode, factor, patience, threshold, thresholdMode, cooldown, eps } = this;
    return { mode, factor, patience, threshold, thresholdMode, cooldown, eps, minLr: this.defaultMinLr ?? [...this.minLrValues] };
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): SchedulerState {
    return schedulerState(this.type, {
      lastEpoch: this.lastEpoch,
      best: encodeFloat(this.best),
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      lastLr: this.lastLr.map(encodeFloat),
      options: optionsState(this.optionValues(), STATE_OPTIONS),
    });
  }

  loadStateDict(state: unknown, path = 'state'): void {
    const reader = openState(path, state, this.type);
    const lastEpoch = reader.integer('lastEpoch');
    const best = reader.float('best');
    const numBadEpochs = reader.integer('numBadEpochs');
    const cooldownCounter = reader.integer('cooldownCounter');
    const lastLr = reader.floats('lastLr', this.optimizer.paramGroups.length);
    if (reader.has('options')) checkSavedOptions(reader, { type: this.type, ...this.optionValues() }, STATE_OPTIONS);
    this.lastEpoch = lastEpoch;
    this.best = best;
    this.numBadEpochs = numBadEpochs;
    this.cooldownCounter = cooldownCounter;
    this.lastLr.length = lastLr.length;
    lastLr.forEach((v, i) => (this.lastLr[i] = v));
  }
}

/** Option fields fixed at construction (non-writable); `minLrs` stays assignable, as in PyTorch. */
const OPTION_FIELDS = ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'eps', 'nonFiniteMetric'] as const;
/** What the state carries and checks: the options that change the arithmetic (minLrs included). */
const STATE_OPTIONS = ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'eps', 'minLr'] as const;
