import type { Optimizer } from '../optim/Optimizer.js';
import { numberInRange, positiveInteger } from '../validate.js';
import { LRScheduler, type LastEpochOption } from './LRScheduler.js';
import { orDefault, readOptions } from './options.js';

export interface LinearLROptions extends LastEpochOption {
  /** Factor at step 0, in (0, 1]. Default 1/3. */
  startFactor?: number;
  /** Factor reached at `totalIters`, in [0, 1]. Default 1. */
  endFactor?: number;
  /** Steps of the linear change. A positive integer. Default 5. */
  totalIters?: number;
}

/**
 * PyTorch `LinearLR`: the factor moves linearly from `startFactor` to `endFactor` over `totalIters` steps
 * (the usual linear warmup).
 *
 * @example
 * const warmup = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 */
export class LinearLR extends LRScheduler {
  readonly type = 'LinearLR';
  protected override readonly followsAddedGroups = true;
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;

  constructor(optimizer: Optimizer, options: LinearLROptions = {}) {
    const { opts } = readOptions('LinearLR', optimizer, options, ['startFactor', 'endFactor', 'totalIters', 'lastEpoch']);
    const startFactor = numberInRange('LinearLR.startFactor', orDefault(opts.startFactor, 1 / 3), { min: 0, max: 1, minExclusive: true });
    const endFactor = numberInRange('LinearLR.endFactor', orDefault(opts.endFactor, 1.0), { min: 0, max: 1 });
    const totalIters = positiveInteger('LinearLR.totalIters', orDefault(opts.totalIters, 5));
    super(optimizer, opts.lastEpoch as number | undefined, 'LinearLR');
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.lockOptions(['startFactor', 'endFactor', 'totalIters']);
    this.initialStep();
  }

  protected computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const e = this.lastEpoch;
    const { startFactor: s, endFactor: f, totalIters: n } = this;
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      if (e === 0) out[i] = lr * s;
      else if (this.isInitial || e > n) out[i] = lr;
      else out[i] = lr * (1.0 + (f - s) / (n * s + (e - 1) * (f - s)));
    }
  }

  protected override closedFormLr(out: number[]): void {
    const { startFactor: s, endFactor: f, totalIters: n } = this;
    const factor = s + ((f - s) * Math.min(n, this.lastEpoch)) / n;
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * factor;
  }
}
