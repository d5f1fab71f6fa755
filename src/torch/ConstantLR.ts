import type { Optimizer } from '../optim/Optimizer.js';
import { nonNegativeInteger, numberInRange } from '../validate.js';
import { LRScheduler, type LastEpochOption } from './LRScheduler.js';
import { orDefault, readOptions } from './options.js';

export interface ConstantLROptions extends LastEpochOption {
  /** Factor applied until `totalIters`, in (0, 1]. Default 1/3. */
  factor?: number;
  /** Number of steps the factor applies. Default 5. */
  totalIters?: number;
}

/**
 * PyTorch `ConstantLR`: lr * factor until `totalIters`, then the lr itself.
 *
 * @example
 * const scheduler = new ConstantLR(optimizer, { factor: 0.5, totalIters: 4 });
 */
export class ConstantLR extends LRScheduler {
  readonly type = 'ConstantLR';
  protected override readonly followsAddedGroups = true;
  readonly factor: number;
  readonly totalIters: number;

  constructor(optimizer: Optimizer, options: ConstantLROptions = {}) {
    const { opts } = readOptions('ConstantLR', optimizer, options, ['factor', 'totalIters', 'lastEpoch']);
    // PyTorch accepts factor 0 and then divides by zero at totalIters; we reject it up front.
    const factor = numberInRange('ConstantLR.factor', orDefault(opts.factor, 1 / 3), { min: 0, max: 1, minExclusive: true });
    const totalIters = nonNegativeInteger('ConstantLR.totalIters', orDefault(opts.totalIters, 5));
    super(optimizer, opts.lastEpoch as number | undefined, 'ConstantLR');
    this.factor = factor;
    this.totalIters = totalIters;
    this.lockOptions(['factor', 'totalIters']);
    this.initialStep();
  }

  protected computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      if (this.lastEpoch === 0) out[i] = lr * this.factor;
      else if (this.lastEpoch !== this.totalIters) out[i] = lr;
      else out[i] = lr * (1.0 / this.factor);
    }
  }

  protected override closedFormLr(out: number[]): void {
    const reached = this.lastEpoch >= this.totalIters ? 1 : 0;
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * (this.factor + reached * (1 - this.factor));
  }
}
