import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { integerAtLeast, plainObject, knownKeys } from '../validate.js';
import { checkOptimizer, duringInitialization, type Chainable } from './LRScheduler.js';
import { bisectRight } from '../bisect.js';
import { cannotRestart, checkChildren, checkMilestones } from './composites.js';
import { Sequence } from './Sequence.js';

export interface SequentialLROptions {
  /** Schedulers built on the same optimizer, run one after another. */
  schedulers: Chainable[];
  /** Steps at which the next scheduler takes over; one fewer than schedulers, strictly increasing. */
  milestones: number[];
  lastEpoch?: number;
}

/**
 * PyTorch `SequentialLR`. Construction resets the lrs to `initialLr`, undoes the initial steps its
 * children took, and re-runs the first child's; at each milestone the next child restarts at epoch 0
 * (closed form where it has one).
 *
 * @example
 * const warmup = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 * const decay = new ExponentialLR(optimizer, { gamma: 0.9 });
 * const scheduler = new SequentialLR(optimizer, { schedulers: [warmup, decay], milestones: [5] });
 */
export class SequentialLR extends Sequence<Chainable> implements Chainable {
  readonly type = 'SequentialLR';
  readonly stepInput = 'none';
  readonly acceptsEpoch = false;

  constructor(optimizer: Optimizer, options: SequentialLROptions) {
    checkOptimizer('SequentialLR', optimizer);
    const opts = plainObject('SequentialLR.options', options);
    knownKeys('SequentialLR', opts, ['schedulers', 'milestones', 'lastEpoch']);
    const { children } = checkChildren('SequentialLR', opts.schedulers, optimizer);
    const milestones = checkMilestones('SequentialLR', opts.milestones, children.length);
    const lastEpoch = integerAtLeast('SequentialLR.lastEpoch', opts.lastEpoch ?? -1, -1);
    optimizer.paramGroups.forEach((group, i) => {
      if (typeof group.initialLr !== 'number') {
        throw new OptionError(`SequentialLR.optimizer.paramGroups[${i}].initialLr`, group.initialLr, 'a number (set by the child schedulers)');
      }
    });
    super(optimizer, children, milestones, lastEpoch);
  }

  /** PyTorch's recursive undo: composites undo their children, not themselves. */
  undoInitialStep(): void {
    for (const child of this.schedulers) child.undoInitialStep();
  }

  initialStep(): void {
    duringInitialization(() => this.step());
  }

  updateLr(_epoch: number): void {
    cannotRestart(this.type);
  }

  step(): void {
    this.advance(undefined);
  }

  /**
   * Closed form of the sequence: the active child's `lrAt(step - milestone)` (a child restarts at its epoch 0
   * at its milestone, as in PyTorch). Children must have `lrAt`.
   */
  lrAt(step: number): number[] {
    integerAtLeast('SequentialLR.lrAt(step)', step, 0);
    const idx = bisectRight(this.milestones, step);
    const child = this.schedulers[idx] as Chainable & Partial<{ lrAt(step: number): number[] }>;
    if (typeof child.lrAt !== 'function') throw new OptionError('SequentialLR.lrAt', child.type, 'children with a closed form');
    return child.lrAt(idx === 0 ? step : step - (this.milestones[idx - 1] as number));
  }

  /** `lrAt(0) .. lrAt(steps - 1)`. */
  preview(steps: number): number[][] {
    integerAtLeast('SequentialLR.preview(steps)', steps, 0);
    return Array.from({ length: steps }, (_, i) => this.lrAt(i));
  }
}
