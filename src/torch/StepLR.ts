import type { Optimizer } from '../optim/Optimizer.js';
import { numberInRange, positiveInteger } from '../validate.js';
import { LRScheduler, type LastEpochOption } from './LRScheduler.js';
import { orDefault, readOptions } from './options.js';

export interface StepLROptions extends LastEpochOption {
  /** Period of decay, in steps. A positive integer. */
  stepSize: number;
  /** Multiplicative factor of decay. Default 0.1. */
  gamma?: number;
}

/**
 * PyTorch `StepLR`: multiply the lr by `gamma` every `stepSize` steps.
 *
 * @example
 * const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 });
 */
export class StepLR extends LRScheduler {
  readonly type = 'StepLR';
  protected override readonly followsAddedGroups = true;
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: Optimizer, options: StepLROptions) {
    const { opts } = readOptions('StepLR', optimizer, options, ['stepSize', 'gamma', 'lastEpoch']);
    const stepSize = positiveInteger('StepLR.stepSize', opts.stepSize);
    const gamma = numberInRange('StepLR.gamma', orDefault(opts.gamma, 0.1), { min: 0, minExclusive: true });
    super(optimizer, opts.lastEpoch as number | undefined, 'StepLR');
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.lockOptions(['stepSize', 'gamma']);
    this.initialStep();
  }

  protected computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const decay = this.lastEpoch !== 0 && this.lastEpoch % this.stepSize === 0;
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      out[i] = decay ? lr * this.gamma : lr;
    }
  }

  protected override closedFormLr(out: number[]): void {
    const factor = this.gamma ** Math.floor(this.lastEpoch / this.stepSize);
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * factor;
  }
}
