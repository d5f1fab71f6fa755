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

  /** `initialLr * lrLambda(1) * ... * lrLambda(step)`, the product the chainable steps accumulate. */
  protected override closedFormAt(out: number[]): void {
    for (let i = 0; i < out.length; i++) {
      let lr = this.baseLrs[i] as number;
      for (let e = 1; e <= this.lastEpoch; e++) lr = lr * (this.factors[i] as ResolvedFactor).fn(e);
      out[i] = lr;
    }
  }
}
