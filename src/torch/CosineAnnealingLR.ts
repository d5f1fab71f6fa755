import type { Optimizer } from '../optim/Optimizer.js';
import { finiteNumber, positiveInteger } from '../validate.js';
import { LRScheduler, type LastEpochOption } from './LRScheduler.js';
import { orDefault, readOptions } from './options.js';

export interface CosineAnnealingLROptions extends LastEpochOption {
  /** Half-period of the cosine, in steps. A positive integer. */
  tMax: number;
  /** Minimum lr. Default 0. */
  etaMin?: number;
}

/**
 * PyTorch `CosineAnnealingLR` (chainable recurrence). Past `tMax` it keeps oscillating with period
 * `2 * tMax`, exactly like PyTorch; it is not clamped.
 *
 * @example
 * const scheduler = new CosineAnnealingLR(optimizer, { tMax: 100, etaMin: 1e-5 });
 */
export class CosineAnnealingLR extends LRScheduler {
  readonly type = 'CosineAnnealingLR';
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    const { opts } = readOptions('CosineAnnealingLR', optimizer, options, ['tMax', 'etaMin', 'lastEpoch']);
    const tMax = positiveInteger('CosineAnnealingLR.tMax', opts.tMax);
    const etaMin = finiteNumber('CosineAnnealingLR.etaMin', orDefault(opts.etaMin, 0.0));
    super(optimizer, opts.lastEpoch as number | undefined, 'CosineAnnealingLR');
    this.tMax = tMax;
    this.etaMin = etaMin;
    this.initialStep();
  }

  // The operand order below is PyTorch's, so results are bit-identical wherever Math.cos matches libm.
  protected computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const e = this.lastEpoch;
    const { tMax, etaMin } = this;
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      const base = this.baseLrs[i] as number;
      if (this.isInitial) out[i] = lr;
      else if (this.stepCount === 1 && e > 0) out[i] = etaMin + ((base - etaMin) * (1 + Math.cos((e * Math.PI) / tMax))) / 2;
      else if ((e - 1 - tMax) % (2 * tMax) === 0) out[i] = lr + ((base - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
      else out[i] = ((1 + Math.cos((Math.PI * e) / tMax)) / (1 + Math.cos((Math.PI * (e - 1)) / tMax))) * (lr - etaMin) + etaMin;
    }
  }

  protected override closedFormLr(out: number[]): void {
    const { tMax, etaMin } = this;
    const c = Math.cos((Math.PI * this.lastEpoch) / tMax);
    for (let i = 0; i < out.length; i++) out[i] = etaMin + ((this.baseLrs[i] as number) - etaMin) * (1 + c) / 2;
  }
}
