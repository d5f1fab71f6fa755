import type { Optimizer } from '../optim/Optimizer.js';
import { numberInRange, positiveInteger } from '../validate.js';
import { LRScheduler, type LastEpochOption } from './LRScheduler.js';
import { orDefault, readOptions } from './options.js';

export interface PolynomialLROptions extends LastEpochOption {
  /** Steps over which the lr decays to 0. A positive integer. Default 5. */
  totalIters?: number;
  /** Power of the polynomial, >= 0. Default 1. */
  power?: number;
}

/**
 * PyTorch `PolynomialLR`: `lr = initialLr * (1 - t / totalIters) ** power`, then 0.
 *
 * @example
 * const scheduler = new PolynomialLR(optimizer, { totalIters: 50, power: 0.9 });
 */
export class PolynomialLR extends LRScheduler {
  readonly type = 'PolynomialLR';
  protected override readonly followsAddedGroups = true;
  readonly totalIters: number;
  readonly power: number;

  constructor(optimizer: Optimizer, options: PolynomialLROptions = {}) {
    const { opts } = readOptions('PolynomialLR', optimizer, options, ['totalIters', 'power', 'lastEpoch']);
    const totalIters = positiveInteger('PolynomialLR.totalIters', orDefault(opts.totalIters, 5));
    const power = numberInRange('PolynomialLR.power', orDefault(opts.power, 1.0), { min: 0 });
    super(optimizer, opts.lastEpoch as number | undefined, 'PolynomialLR');
    this.totalIters = totalIters;
    this.power = power;
    this.lockOptions(['totalIters', 'power']);
    this.initialStep();
  }

  protected computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const e = this.lastEpoch;
    const n = this.totalIters;
    const keep = this.isInitial || e > n;
    const decay = keep ? 1 : ((1.0 - e / n) / (1.0 - (e - 1) / n)) ** this.power;
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      out[i] = keep ? lr : lr * decay;
    }
  }

  protected override closedFormLr(out: number[]): void {
    const factor = (1.0 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters) ** this.power;
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * factor;
  }
}
