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
  protected override readonly followsAddedGroups = true;
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    const { opts } = readOptions('CosineAnnealingLR', optimizer, options, ['tMax', 'etaMin', 'lastEpoch']);
    const tMax = positiveInteger('CosineAnnealingLR.tMax', opts.tMax);
    const etaMin = finiteNumber('CosineAnnealingLR.etaMin', orDefault(opts.etaMin, 0.0));
    super(optimizer, opts.lastEpoch as number | undefined, 'CosineAnnealingLR');
    this.tMax = tMax;
    this.etaMin = etaMin;
    this.lockOptions(['tMax', 'etaMin']);
    this.initialStep();
  }

  // The recurrence needs cos(pi * e / tMax) and cos(pi * (e - 1) / tMax); the second is the first of the previous
  // step, computed from the same float operands, so it is reused when the steps are consecutive (bit-identical).
  private cosEpoch = -1;
  private cosValue = NaN;

  // The operand order below is PyTorch's, so results are bit-identical wherever Math.cos matches libm.
  protected computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const e = this.lastEpoch;
    const { tMax, etaMin } = this;
    const mode = this.isInitial ? 0 : this.stepCount === 1 && e > 0 ? 1 : (e - 1 - tMax) % (2 * tMax) === 0 ? 2 : 3;
    if (mode === 1 || mode === 2) this.requireBaseLrs();
    let ratio = 0;
    if (mode === 3) {
      const cosNow = Math.cos((Math.PI * e) / tMax);
      const cosPrev = this.cosEpoch === e - 1 ? this.cosValue : Math.cos((Math.PI * (e - 1)) / tMax);
      this.cosEpoch = e;
      this.cosValue = cosNow;
      ratio = (1 + cosNow) / (1 + cosPrev);
    }
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      const base = this.baseLrs[i] as number;
      if (mode === 0) out[i] = lr;
      else if (mode === 1) out[i] = etaMin + ((base - etaMin) * (1 + Math.cos((e * Math.PI) / tMax))) / 2;
      else if (mode === 2) out[i] = lr + ((base - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
      else out[i] = ratio * (lr - etaMin) + etaMin;
    }
  }

  protected override closedFormLr(out: number[]): void {
    const { tMax, etaMin } = this;
    const c = Math.cos((Math.PI * this.lastEpoch) / tMax);
    for (let i = 0; i < out.length; i++) out[i] = etaMin + ((this.baseLrs[i] as number) - etaMin) * (1 + c) / 2;
  }
}
