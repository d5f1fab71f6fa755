import type { Optimizer } from '../optim/Optimizer.js';
import { LRScheduler, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import type { Where } from '../errors.js';
import { defineOptions, etaMin, int, lastEpoch, optionsToSpec, torchEpoch } from './defineOptions.js';

export interface CosineAnnealingLROptions extends LastEpochOption {
  /** Half-period of the cosine, in steps. A positive integer. */
  tMax: number;
  /** Minimum lr. Default 0. */
  etaMin?: number;
}

/** CosineAnnealingLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const cosineAnnealingLROptions = defineOptions<CosineAnnealingLROptions>()({
  type: 'CosineAnnealingLR',
  doc: 'Cosine from the initial lr to etaMin over tMax steps (keeps oscillating past tMax).',
  ...torchEpoch,
  options: { tMax: int('T_max', 'Half period, in steps.', 1), etaMin, lastEpoch: lastEpoch() },
  example: { tMax: 100, etaMin: 0 },
});

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

  private readonly options: Required<CosineAnnealingLROptions>;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions, where: Where = 'CosineAnnealingLR') {
    const o = cosineAnnealingLROptions.normalize(options, where);
    super(optimizer, o.lastEpoch, where);
    this.options = o;
    this.tMax = o.tMax;
    this.etaMin = o.etaMin;
    this.lockOptions(['tMax', 'etaMin']);
    this.initialStep();
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(cosineAnnealingLROptions, this.options);
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

  /** The closed form inline: one cosine per step shared by all groups, no dispatch or buffer (same arithmetic as lrAt). */
  protected override previewInto(columns: Float64Array[], steps: number): void {
    const { tMax, etaMin } = this;
    for (let t = 0; t < steps; t++) {
      const c = Math.cos((Math.PI * t) / tMax);
      for (let g = 0; g < columns.length; g++) (columns[g] as Float64Array)[t] = etaMin + ((((this.baseLrs[g] as number) - etaMin) * (1 + c)) / 2);
    }
  }

  protected override closedFormLr(out: number[]): void {
    const { tMax, etaMin } = this;
    const c = Math.cos((Math.PI * this.lastEpoch) / tMax);
    for (let i = 0; i < out.length; i++) out[i] = etaMin + ((this.baseLrs[i] as number) - etaMin) * (1 + c) / 2;
  }
}
