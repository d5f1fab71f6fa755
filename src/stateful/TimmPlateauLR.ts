import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { openState, schedulerState, type SchedulerState } from '../state.js';
import { nonNegativeInteger, numberInRange, oneOf } from '../validate.js';
import { checkOptimizer, lockFields, type Scheduler, type SchedulerSpec } from '../torch/LRScheduler.js';
import { knownKeys, plainObject } from '../validate.js';
import { ReduceLROnPlateau } from '../torch/ReduceLROnPlateau.js';


/** Reads the options object: a plain object with known keys only (the optimizer is checked too). */
function readOptions(where: string, optimizer: Optimizer, options: unknown, allowed: readonly string[]): { opts: Record<string, unknown>; groups: number } {
  const groups = checkOptimizer(where, optimizer).paramGroups.length;
  const opts = plainObject(`${where}.options`, options ?? {});
  knownKeys(where, opts, allowed);
  return { opts, groups };
}

function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

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

/**
 * timm's `PlateauLRScheduler` (noise off): a linear warmup over epochs `0..warmupT`, then PyTorch's
 * ReduceLROnPlateau stepped with the metric. Driven as timm's train loop drives it: `step(epoch, metric)` at the
 * end of each epoch, with the epoch that starts next. Checked against timm 1.0.29.
 *
 * @example
 * const scheduler = new TimmPlateauLR(optimizer, { decayRate: 0.5, patienceT: 5, warmupT: 3, mode: 'max' });
 * scheduler.step(epoch + 1, validationAccuracy);
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
    const { opts } = readOptions('TimmPlateauLR', optimizer, options, ['decayRate', 'patienceT', 'threshold', 'cooldownT', 'warmupT', 'warmupLrInit', 'lrMin', 'mode']);
    this.warmupT = numberInRange('TimmPlateauLR.warmupT', orDefault(opts.warmupT, 0), { min: 0 });
    this.warmupLrInit = numberInRange('TimmPlateauLR.warmupLrInit', orDefault(opts.warmupLrInit, 0), { min: 0 });
    const mode = oneOf('TimmPlateauLR.mode', orDefault(opts.mode, 'max'), ['min', 'max'] as const);
    nonNegativeInteger('TimmPlateauLR.patienceT', orDefault(opts.patienceT, 10));
    this.optimizer = optimizer;
    // timm's Scheduler base: initial_lr set if absent, then every group starts at it.
    for (const group of optimizer.paramGroups) if (group.initialLr === undefined) group.initialLr = group.lr;
    const base = optimizer.paramGroups.map((g) => g.initialLr as number);
    for (const [i, group] of optimizer.paramGroups.entries()) group.lr = base[i] as number;
    this.plateau = new ReduceLROnPlateau(optimizer, {
      patience: orDefault(opts.patienceT, 10) as number,
      factor: orDefault(opts.decayRate, 0.1) as number,
      threshold: orDefault(opts.threshold, 1e-4) as number,
      cooldown: orDefault(opts.cooldownT, 0) as number,
      mode,
      minLr: orDefault(opts.lrMin, 0) as number,
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
