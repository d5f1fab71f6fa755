import type { Where } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { LambdaLR, type LambdaLROptions } from './LambdaLR.js';
import type { ResolvedFactor } from './lambdas.js';

export type MultiplicativeLROptions = LambdaLROptions;

/**
 * PyTorch `MultiplicativeLR`: each step multiplies the current lr by `lrLambda(epoch)`.
 *
 * @example
 * const scheduler = new MultiplicativeLR(optimizer, { lrLambda: () => 0.95 });
 */
export class MultiplicativeLR extends LambdaLR {
  override readonly type: string = 'MultiplicativeLR';

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: MultiplicativeLROptions, where?: Where) {
    super(optimizer, options, where);
    this.initialStep();
  }

  protected override computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      out[i] = this.isInitial ? lr : lr * (this.factors[i] as ResolvedFactor).fn(this.lastEpoch);
    }
  }

  /** The running product: step t multiplies step t - 1's value by lrLambda(t), the same products in the same order as `lrAt`. */
  protected override previewInto(columns: Float64Array[], steps: number): void {
    for (let g = 0; g < columns.length; g++) {
      const column = columns[g] as Float64Array;
      const factor = (this.factors[g] as ResolvedFactor).fn;
      let lr = this.baseLrs[g] as number;
      for (let t = 0; t < steps; t++) {
        if (t > 0) lr = lr * factor(t);
        column[t] = lr;
      }
    }
  }

  /** `initialLr * lrLambda(1) * ... * lrLambda(step)`, the product the chainable steps accumulate. */
  protected override closedFormAt(out: number[]): void {
    for (let i = 0; i < out.length; i++) {
      let lr = this.baseLrs[i] as number;
      for (let e = 1; e <= this.lastEpoch; e++) lr = lr * (this.factors[i] as ResolvedFactor).fn(e);
      out[i] = lr;
    }
  }
}
