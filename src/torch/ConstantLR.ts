import type { Optimizer } from '../optim/Optimizer.js';
import { LRScheduler, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import type { Where } from '../errors.js';
import { defineOptions, int, lastEpoch, num, optionsToSpec, torchEpoch } from './defineOptions.js';

export interface ConstantLROptions extends LastEpochOption {
  /** Factor applied until `totalIters`, in (0, 1]. Default 1/3. */
  factor?: number;
  /** Number of steps the factor applies. Default 5. */
  totalIters?: number;
}

/** ConstantLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). PyTorch accepts factor 0 and then divides by zero; lrkit rejects it. */
export const constantLROptions = defineOptions<ConstantLROptions>()({
  type: 'ConstantLR',
  doc: 'Scale the lr by a constant factor until totalIters, then restore it.',
  ...torchEpoch,
  options: { factor: num('factor', 'Factor until totalIters, in (0, 1].', { min: 0, max: 1, minExclusive: true }, 1 / 3), totalIters: int('total_iters', 'Steps the factor applies for.', 0, 5), lastEpoch: lastEpoch() },
  example: { factor: 0.5, totalIters: 10 },
});

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

  private readonly options: Required<ConstantLROptions>;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: ConstantLROptions = {}, where: Where = 'ConstantLR') {
    const o = constantLROptions.normalize(options, where);
    super(optimizer, o.lastEpoch, where);
    this.options = o;
    this.factor = o.factor;
    this.totalIters = o.totalIters;
    this.lockOptions(['factor', 'totalIters']);
    this.initialStep();
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(constantLROptions, this.options);
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

  /** Two constant runs: before and from `totalIters`. */
  protected override previewInto(columns: Float64Array[], steps: number): void {
    const buffer = new Array<number>(columns.length).fill(0);
    const split = Math.min(steps, this.totalIters);
    if (split > 0) this.fillRun(columns, 0, split, buffer);
    if (split < steps) this.fillRun(columns, split, steps, buffer);
  }

  protected override closedFormLr(out: number[]): void {
    const reached = this.lastEpoch >= this.totalIters ? 1 : 0;
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * (this.factor + reached * (1 - this.factor));
  }
}
