import type { Optimizer } from '../optim/Optimizer.js';
import { numberInRange } from '../validate.js';
import { LRScheduler, type LastEpochOption } from './LRScheduler.js';
import { readOptions } from './options.js';

export interface ExponentialLROptions extends LastEpochOption {
  /** Multiplicative factor per step, > 0. */
  gamma: number;
}

/**
 * PyTorch `ExponentialLR`: multiply the lr by `gamma` every step.
 *
 * @example
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.95 });
 */
export class ExponentialLR extends LRScheduler {
  readonly type = 'ExponentialLR';
  protected override readonly followsAddedGroups = true;
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: ExponentialLROptions) {
    const { opts } = readOptions('ExponentialLR', optimizer, options, ['gamma', 'lastEpoch']);
    const gamma = numberInRange('ExponentialLR.gamma', opts.gamma, { min: 0, minExclusive: true });
    super(optimizer, opts.lastEpoch as number | undefined, 'ExponentialLR');
    this.gamma = gamma;
    this.lockOptions(['gamma']);
    this.initialStep();
  }

  protected computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      // PyTorch 2.x: the constructor's initial step never decays (so resuming with lastEpoch keeps the lr).
      out[i] = this.isInitial ? lr : lr * this.gamma;
    }
  }

  protected override closedFormLr(out: number[]): void {
    const factor = this.gamma ** this.lastEpoch;
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * factor;
  }
}
