import { OptionError } from '../errors.js';
import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { boolean, integerAtLeast, knownKeys, numberInRange, oneOf, plainObject } from '../validate.js';
import { createSmoother, type SmoothingKind } from './smoothing.js';
import { DEFAULT_SUGGESTION, suggestLrs, type SuggestionSet, type SuggestionName, type SuggestOptions } from './suggest.js';
import type { OptimizerFamily } from './suggestions.js';
import { sweepLr, type SweepMode } from './sweep.js';

/** What `trainStep` is told about the step it must perform. */
export interface TrainStepInfo {
  /** 0-based iteration of the sweep. */
  iteration: number;
  /** The lr already written to every param group for this step. */
  lr: number;
}

/** One finder iteration, as reported to `onIteration`. */
export interface FinderRecord {
  iteration: number;
  lr: number;
  loss: number;
  smoothedLoss: number;
}

/**
 * Saves and restores whatever the finder's training changes besides the param groups: model weights and
 * the optimizer's internal state (momentum buffers, Adam moments, step counters).
 */
export interface FinderCheckpoint<S = unknown> {
  save(): S | Promise<S>;
  /** May return a promise; other return values are ignored. */
  restore(saved: S): unknown;
}

/** Options of {@link findLr}. Defaults follow fastai's `lr_find` unless stated. */
export interface FindLrOptions<S = unknown> {
  /** Performs one optimization step with the lr in the optimizer's param groups and returns the loss. */
  trainStep: (info: TrainStepInfo) => number | Promise<number>;
  /** The optimizer whose param groups' `lr` the sweep writes (every group gets the same lr). */
  optimizer: Optimizer;
  /** Default 1e-7. */
  startLr?: number;
  /** Default 10. */
  endLr?: number;
  /** Planned iterations (the sweep may stop earlier). Default 100. */
  numIter?: number;
  /** Default `'exp'`. */
  mode?: SweepMode;
  /** Default `'debiased'` (fastai, Lightning); `'ema'` is pytorch-lr-finder's. */
  smoothing?: SmoothingKind;
  /** Smoothing factor in [0, 1). Default 0.98 for `'debiased'`, 0.95 for `'ema'` (pytorch-lr-finder's smooth_f 0.05). */
  beta?: number;
  /** Stop when the smoothed loss exceeds this × the best smoothed loss so far. Default 4 (fastai, Lightning). */
  divergeThreshold?: number;
  /** Stop on divergence. Default true. Non-finite losses always stop the sweep. */
  stopOnDivergence?: boolean;
  /**
   * Also count as divergence a smoothed loss back at the sweep's first loss (at least `0.95 x` it) after it
   * had fallen below `0.8 x` that loss: a network broken by a too-large lr settles near the loss of a guess
   * (ln 10 for ten classes), often below `divergeThreshold x` the best loss, and would otherwise sweep on to
   * `endLr`, where slope-reading rules pick from the broken tail.
   * Default true (lrkit's; fastai, pytorch-lr-finder and Lightning stop on the threshold only). Needs
   * `stopOnDivergence`.
   */
  stopAtStartLoss?: boolean;
  /** Saves state before the sweep and restores it afterwards (also when a step throws). */
  checkpoint?: FinderCheckpoint<S>;
  /** The rule whose lr becomes `suggestedLr`. Default `'centredMinimum'` (see docs/finder-study.md). */
  suggest?: SuggestionName;
  /** Trimming and rule options for the suggestions (see `suggestLrs`). */
  suggestOptions?: Omit<SuggestOptions, 'suggest' | 'numIter'>;
  /** Called after every iteration (progress bars, logging). */
  onIteration?: (record: FinderRecord) => void;
}

/** Why the sweep ended. */
export type StopReason = 'completed' | 'diverged' | 'backToStart' | 'nonFinite';

/** The outcome of a range test. */
export interface FindLrResult extends SuggestionSet {
  /** lr of every completed iteration. */
  lrs: number[];
  /** Raw loss returned by `trainStep`. */
  losses: number[];
  /** Smoothed loss (what divergence and the suggestions use). */
  smoothedLosses: number[];
  stopReason: StopReason;
  /** Lowest smoothed loss seen, and its iteration. */
  bestLoss: number;
  bestIndex: number;
  /** The settings the sweep ran with, defaults filled in. */
  settings: {
    startLr: number;
    endLr: number;
    numIter: number;
    mode: SweepMode;
    smoothing: SmoothingKind;
    beta: number;
    divergeThreshold: number;
    stopOnDivergence: boolean;
    stopAtStartLoss: boolean;
  };
}

const KEYS = [
  'trainStep', 'optimizer', 'startLr', 'endLr', 'numIter', 'mode', 'smoothing', 'beta', 'divergeThreshold',
  'stopOnDivergence', 'stopAtStartLoss', 'checkpoint', 'suggest', 'suggestOptions', 'onIteration',
];

/**
 * The LR range test (Smith 2015, as popularised by fastai): trains for up to `numIter` steps while the lr
 * grows from `startLr` to `endLr`, records lr, raw and smoothed loss, stops once the smoothed loss exceeds
 * `divergeThreshold` × its best value or any loss is NaN/Inf, then restores the param groups (and, with
 * `checkpoint`, the model and optimizer state) and suggests learning rates by six reference rules.
 *
 * @example
 * const result = await findLr({
 *   optimizer,
 *   trainStep: () => trainOneBatch(optimizer.paramGroups[0].lr),
 *   checkpoint: { save: () => model.getWeights(), restore: (w) => model.setWeights(w) },
 * });
 * console.log(result.suggestedLr, result.suggestions);
 */
export async function findLr<S = unknown>(options: FindLrOptions<S>): Promise<FindLrResult> {
  const opts = plainObject('findLr.options', options);
  knownKeys('findLr', opts, KEYS);
  if (typeof opts.trainStep !== 'function') throw new OptionError('findLr.trainStep', opts.trainStep, 'a function performing one training step and returning the loss');
  const trainStep = opts.trainStep as FindLrOptions['trainStep'];
  const optimizer = readOptimizer(opts.optimizer);
  const startLr = numberInRange('findLr.startLr', opts.startLr ?? 1e-7, { min: 0, minExclusive: true });
  const endLr = numberInRange('findLr.endLr', opts.endLr ?? 10, { min: 0, minExclusive: true });
  if (endLr <= startLr) throw new OptionError('findLr.endLr', endLr, `a number greater than startLr (${startLr})`);
  const numIter = integerAtLeast('findLr.numIter', opts.numIter ?? 100, 2);
  const mode = oneOf('findLr.mode', opts.mode ?? 'exp', ['exp', 'linear'] as const);
  const smoothing = oneOf('findLr.smoothing', opts.smoothing ?? 'debiased', ['debiased', 'ema'] as const);
  const beta = numberInRange('findLr.beta', opts.beta ?? (smoothing === 'debiased' ? 0.98 : 0.95), { min: 0, max: 1, maxExclusive: true });
  const divergeThreshold = numberInRange('findLr.divergeThreshold', opts.divergeThreshold ?? 4, { min: 1, minExclusive: true });
  const stopOnDivergence = boolean('findLr.stopOnDivergence', opts.stopOnDivergence ?? true);
  const stopAtStartLoss = boolean('findLr.stopAtStartLoss', opts.stopAtStartLoss ?? true);
  const checkpoint = opts.checkpoint === undefined ? undefined : readCheckpoint(opts.checkpoint);
  const onIteration = opts.onIteration;
  if (onIteration !== undefined && typeof onIteration !== 'function') throw new OptionError('findLr.onIteration', onIteration, 'a function');
  const suggestOptions = opts.suggestOptions === undefined ? {} : plainObject('findLr.suggestOptions', opts.suggestOptions);
  if ('suggest' in suggestOptions || 'numIter' in suggestOptions) {
    throw new OptionError('findLr.suggestOptions', suggestOptions, 'no suggest or numIter key (give them to findLr itself)');
  }
  const suggestSettings: SuggestOptions = { ...suggestOptions, suggest: (opts.suggest as SuggestionName | undefined) ?? DEFAULT_SUGGESTION, numIter };
  const centred = (suggestOptions.centredMinimum ?? {}) as Record<string, unknown>;
  if (typeof centred === 'object' && centred !== null && centred.family === undefined) {
    suggestSettings.centredMinimum = { ...centred, family: optimizerFamily(optimizer) };
  }
  // Validate the suggestion options before training, so a typo does not cost a whole sweep.
  suggestLrs({ lrs: [], smoothedLosses: [] }, suggestSettings, 'findLr');

  const sweep = { startLr, endLr, numIter, mode };
  const smoother = createSmoother(smoothing, beta);
  const lrs: number[] = [];
  const losses: number[] = [];
  const smoothedLosses: number[] = [];
  let stopReason: StopReason = 'completed';
  let bestLoss = Infinity;
  let bestIndex = -1;
  let startLoss = NaN;

  const savedGroups = snapshotGroups(optimizer);
  const saved = checkpoint === undefined ? undefined : await checkpoint.save();
  try {
    for (let iteration = 0; iteration < numIter; iteration++) {
      const lr = sweepLr(iteration, sweep);
      for (const group of optimizer.paramGroups) group.lr = lr;
      const loss: unknown = await trainStep({ iteration, lr });
      if (typeof loss !== 'number') {
        throw new OptionError('findLr.trainStep', loss, `the loss as a number from trainStep (iteration ${iteration})`);
      }
      const smoothed = smoother.update(loss);
      lrs.push(lr);
      losses.push(loss);
      smoothedLosses.push(smoothed);
      onIteration?.({ iteration, lr, loss, smoothedLoss: smoothed });
      if (!Number.isFinite(loss) || !Number.isFinite(smoothed)) {
        stopReason = 'nonFinite';
        break;
      }
      // fastai's order: update the best loss first, then compare against it.
      if (smoothed < bestLoss) {
        bestLoss = smoothed;
        bestIndex = iteration;
      }
      if (iteration === 0) startLoss = smoothed;
      if (stopOnDivergence && smoothed > divergeThreshold * bestLoss) {
        stopReason = 'diverged';
        break;
      }
      if (stopOnDivergence && stopAtStartLoss && bestLoss < 0.8 * startLoss && smoothed >= 0.95 * startLoss) {
        stopReason = 'backToStart';
        break;
      }
    }
  } finally {
    restoreGroups(optimizer, savedGroups);
    if (checkpoint !== undefined) await checkpoint.restore(saved as S);
  }
  const suggestions = suggestLrs({ lrs, smoothedLosses, losses }, suggestSettings, 'findLr');
  return {
    lrs,
    losses,
    smoothedLosses,
    stopReason,
    bestLoss,
    bestIndex,
    settings: { startLr, endLr, numIter, mode, smoothing, beta, divergeThreshold, stopOnDivergence, stopAtStartLoss },
    ...suggestions,
  };
}

/**
 * The optimizer family `centredMinimum` scales for: `'adaptive'` when a param group has `betas` (Adam,
 * AdamW, Adamax) or the optimizer is a tfjs view over an adaptive tfjs optimizer (RMSProp, Adagrad,
 * Adadelta, Adam, Adamax); otherwise `'sgd'`.
 */
export function optimizerFamily(optimizer: Optimizer): OptimizerFamily {
  if (optimizer.paramGroups.some((g) => 'betas' in g)) return 'adaptive';
  const kinds = (optimizer as Optimizer & { kinds?: unknown }).kinds;
  if (Array.isArray(kinds) && kinds.some((k) => k !== 'SGD' && k !== 'Momentum')) return 'adaptive';
  return 'sgd';
}

function readOptimizer(value: unknown): Optimizer {
  const o = value as Partial<Optimizer> | null;
  if (typeof o !== 'object' || o === null || !Array.isArray(o.paramGroups) || o.paramGroups.length === 0) {
    throw new OptionError('findLr.optimizer', value, 'an optimizer with a non-empty paramGroups array');
  }
  o.paramGroups.forEach((g, i) => {
    if (typeof g !== 'object' || g === null || typeof g.lr !== 'number') throw new OptionError(`findLr.optimizer.paramGroups[${i}].lr`, g?.lr, 'a number');
  });
  return o as Optimizer;
}

function readCheckpoint(value: unknown): FinderCheckpoint {
  const c = plainObject('findLr.checkpoint', value);
  knownKeys('findLr.checkpoint', c, ['save', 'restore']);
  if (typeof c.save !== 'function') throw new OptionError('findLr.checkpoint.save', c.save, 'a function returning the state to restore');
  if (typeof c.restore !== 'function') throw new OptionError('findLr.checkpoint.restore', c.restore, 'a function taking the saved state');
  return c as unknown as FinderCheckpoint;
}

interface GroupSnapshot {
  viaStateDict: unknown;
  groups: ParamGroup[] | null;
}

/** The optimizer's own stateDict when it has one (it knows how to restore itself), else a deep copy of the groups. */
function snapshotGroups(optimizer: Optimizer): GroupSnapshot {
  const o = optimizer as Optimizer & { stateDict?: () => unknown; loadStateDict?: (s: unknown) => void };
  if (typeof o.stateDict === 'function' && typeof o.loadStateDict === 'function') return { viaStateDict: o.stateDict(), groups: null };
  return { viaStateDict: undefined, groups: optimizer.paramGroups.map((g) => structuredClone({ ...g })) };
}

function restoreGroups(optimizer: Optimizer, snapshot: GroupSnapshot): void {
  if (snapshot.groups === null) {
    (optimizer as Optimizer & { loadStateDict: (s: unknown) => void }).loadStateDict(snapshot.viaStateDict);
    return;
  }
  snapshot.groups.forEach((saved, i) => {
    const target = optimizer.paramGroups[i] as ParamGroup;
    for (const key of Object.keys(target)) if (!(key in saved)) delete target[key];
    Object.assign(target, saved);
  });
}
