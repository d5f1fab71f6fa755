import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { openState, schedulerState, type SchedulerState } from '../state.js';
import { choice, defineOptions, int, num } from '../torch/defineOptions.js';
import { checkOptimizer, lockFields, type Scheduler, type SchedulerSpec } from '../torch/LRScheduler.js';
import { ReduceLROnPlateau } from '../torch/ReduceLROnPlateau.js';


/**
 * Options of {@link TimmPlateauLR} (timm `PlateauLRScheduler` arguments in lowerCamelCase: `decay_rate`, `patience_t`, `warmup_t`, ...).
 *
 * @example
 * const options: TimmPlateauLROptions = { decayRate: 0.1, patienceT: 10, warmupT: 5, warmupLrInit: 1e-4 };
 * new TimmPlateauLR(createOptimizer({ lr: 0.1 }), options).getLastLr(); // [0.0001]
 */
export interface TimmPlateauLROptions {
  /** Factor of a reduction (ReduceLROnPlateau's factor). Default 0.1. */
  decayRate?: number;
  /** Bad epochs tolerated before reducing. Default 10. */
  patienceT?: number;
  /** Minimum significant improvement (relative). Default 1e-4. */
  threshold?: number;
  /** Epochs to wait after a reduction. Default 0. */
  cooldownT?: number;
  /** Warmup epochs (the epochs `<= warmupT` follow the warmup line and ignore the metric). Default 0. */
  warmupT?: number;
  /** lr at epoch 0 of the warmup. Default 0. */
  warmupLrInit?: number;
  /** Lower bound of the lr. Default 0. */
  lrMin?: number;
  /** timm's default is 'max' (an accuracy), unlike PyTorch's 'min'. */
  mode?: 'min' | 'max';
}

/** The options as data: defaults and validation (timm's keyword names), checked before anything changes. */
const timmPlateauLROptions = defineOptions<TimmPlateauLROptions>()({
  type: 'TimmPlateauLR',
  doc: "timm's PlateauLRScheduler: a linear warmup over epochs, then ReduceLROnPlateau on the metric.",
  module: 'lrkit',
  stepPer: 'metric',
  cyclesMomentum: false,
  options: {
    decayRate: num('decay_rate', 'Factor of a reduction, in [0, 1).', { min: 0, max: 1, maxExclusive: true }, 0.1),
    patienceT: int('patience_t', 'Bad epochs tolerated before reducing.', 0, 10),
    threshold: num('threshold', 'Minimum significant improvement (relative).', { min: 0 }, 1e-4),
    cooldownT: int('cooldown_t', 'Epochs to wait after a reduction.', 0, 0),
    warmupT: num('warmup_t', 'Warmup epochs (timm accepts fractional ones).', { min: 0 }, 0),
    warmupLrInit: num('warmup_lr_init', 'lr at epoch 0 of the warmup.', { min: 0 }, 0),
    lrMin: num('lr_min', 'Lower bound of the lr.', { min: 0 }, 0),
    mode: choice('mode', "'max' (timm's default: an accuracy) or 'min'.", ['min', 'max'], 'max'),
  },
  example: { decayRate: 0.5, patienceT: 2, warmupT: 3 },
});

/**
 * timm's `PlateauLRScheduler` (noise off): a linear warmup over epochs `0..warmupT`, then PyTorch's
 * ReduceLROnPlateau stepped with the metric. Driven as timm's train loop drives it: `step(epoch, metric)` at the
 * end of each epoch, with the epoch that starts next. Checked against timm 1.0.29.
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.1 });
 * const scheduler = new TimmPlateauLR(optimizer, { decayRate: 0.5, patienceT: 1, mode: 'max' });
 * [0.5, 0.6, 0.6, 0.6].forEach((validationAccuracy, epoch) => {
 *   optimizer.step();
 *   scheduler.step(epoch + 1, validationAccuracy); // at the end of each epoch, with the epoch that starts next
 * });
 * scheduler.getLastLr()[0]! < 0.1; // true
 */
export class TimmPlateauLR implements Scheduler {
  readonly type = 'TimmPlateauLR';
  /** step() takes the metric. */
  readonly stepInput = 'metric';
  /** No step(epoch) (the metric is the input). */
  readonly acceptsEpoch = false;
  readonly optimizer: Optimizer;
  readonly warmupT: number;
  readonly warmupLrInit: number;
  /** The ReduceLROnPlateau that runs after the warmup. */
  readonly plateau: ReduceLROnPlateau;
  private readonly warmupSteps: readonly number[];

  constructor(optimizer: Optimizer, options: TimmPlateauLROptions = {}) {
    checkOptimizer('TimmPlateauLR', optimizer);
    const o = timmPlateauLROptions.normalize(options);
    this.warmupT = o.warmupT;
    this.warmupLrInit = o.warmupLrInit;
    this.optimizer = optimizer;
    // timm's Scheduler base: initial_lr set if absent, then every group starts at it.
    for (const group of optimizer.paramGroups) if (group.initialLr === undefined) group.initialLr = group.lr;
    const base = optimizer.paramGroups.map((g) => g.initialLr as number);
    for (const [i, group] of optimizer.paramGroups.entries()) group.lr = base[i] as number;
    this.plateau = new ReduceLROnPlateau(optimizer, {
      patience: o.patienceT,
      factor: o.decayRate,
      threshold: o.threshold,
      cooldown: o.cooldownT,
      mode: o.mode,
      minLr: o.lrMin,
    });
    if (this.warmupT) {
      this.warmupSteps = base.map((v) => (v - this.warmupLrInit) / this.warmupT);
      for (const group of optimizer.paramGroups) group.lr = this.warmupLrInit;
    } else {
      this.warmupSteps = base.map(() => 1);
    }
    lockFields(this, ['warmupT', 'warmupLrInit', 'warmupSteps']);
  }

  /** timm's `step(epoch, metric)`: epochs up to warmupT follow the warmup; later ones step the plateau with the metric (if given). */
  step(epoch: number, metric?: number): void {
    if (typeof epoch !== 'number' || !Number.isFinite(epoch)) throw new OptionError('TimmPlateauLR.step(epoch)', epoch, 'a finite number');
    if (epoch <= this.warmupT) {
      this.optimizer.paramGroups.forEach((g, i) => (g.lr = this.warmupLrInit + epoch * (this.warmupSteps[i] as number)));
    } else if (metric !== undefined) {
      this.plateau.step(metric);
    }
  }

  /** TimmPlateauLR is a class, not part of the JSON spec vocabulary: build it with `new TimmPlateauLR(...)`. */
  toSpec(): SchedulerSpec {
    throw new OptionError('TimmPlateauLR.toSpec()', this.type, 'a scheduler of the spec vocabulary (TimmPlateauLR is built with new TimmPlateauLR(optimizer, options))');
  }

  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  stateDict(): SchedulerState {
    return schedulerState(this.type, { plateau: this.plateau.stateDict() });
  }

  loadStateDict(state: unknown, path = 'state'): void {
    const reader = openState(path, state, this.type);
    this.plateau.loadStateDict(reader.raw('plateau'), `${path}.plateau`);
  }
}
