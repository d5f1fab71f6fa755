import type { Optimizer } from '../optim/Optimizer.js';
import { LRScheduler, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import type { Where } from '../errors.js';
import { defineOptions, int, lastEpoch, num, optionsToSpec, torchEpoch } from './defineOptions.js';

export interface PolynomialLROptions extends LastEpochOption {
  /** Steps over which the lr decays to 0. A positive integer. Default 5. */
  totalIters?: number;
  /** Power of the polynomial, >= 0. Default 1. */
  power?: number;
}

/** PolynomialLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const polynomialLROptions = defineOptions<PolynomialLROptions>()({
  type: 'PolynomialLR',
  doc: 'Decay the lr polynomially to 0 over totalIters.',
  ...torchEpoch,
  options: { totalIters: int('total_iters', 'Steps of decay.', 1, 5), power: num('power', 'Power of the polynomial (>= 0).', { min: 0 }, 1), lastEpoch: lastEpoch() },
  example: { totalIters: 80, power: 2 },
});

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

  private readonly options: Required<PolynomialLROptions>;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: PolynomialLROptions = {}, where: Where = 'PolynomialLR') {
    const o = polynomialLROptions.normalize(options, where);
    super(optimizer, o.lastEpoch, where);
    this.options = o;
    this.totalIters = o.totalIters;
    this.power = o.power;
    this.lockOptions(['totalIters', 'power']);
    this.initialStep();
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(polynomialLROptions, this.options);
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

  /** Step by step up to `totalIters`, then one constant run. */
  protected override previewInto(columns: Float64Array[], steps: number): void {
    const decay = Math.min(steps, this.totalIters);
    super.previewInto(columns, decay);
    if (decay < steps) this.fillRun(columns, decay, steps, new Array<number>(columns.length).fill(0));
  }

  protected override closedFormLr(out: number[]): void {
    const factor = (1.0 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters) ** this.power;
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * factor;
  }
}
