import type { Optimizer } from '../optim/Optimizer.js';
import { LRScheduler, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import type { Where } from '../errors.js';
import { defineOptions, lastEpoch, num, optionsToSpec, torchEpoch } from './defineOptions.js';

export interface ExponentialLROptions extends LastEpochOption {
  /** Multiplicative factor per step, > 0. */
  gamma: number;
}

/** ExponentialLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const exponentialLROptions = defineOptions<ExponentialLROptions>()({
  type: 'ExponentialLR',
  doc: 'Multiply the lr by gamma every step (smooth decay).',
  ...torchEpoch,
  options: { gamma: num('gamma', 'Multiplicative factor per step (> 0).', { min: 0, minExclusive: true }), lastEpoch: lastEpoch() },
  example: { gamma: 0.95 },
});

/**
 * PyTorch `ExponentialLR`: multiply the lr by `gamma` every step.
 *
 * @example
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.95 });
 */
export class ExponentialLR extends LRScheduler {
  readonly type = 'ExponentialLR';
  protected override readonly followsAddedGroups = true;
  readonly gamma: number;

  private readonly options: Required<ExponentialLROptions>;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: ExponentialLROptions, where: Where = 'ExponentialLR') {
    const o = exponentialLROptions.normalize(options, where);
    super(optimizer, o.lastEpoch, where);
    this.options = o;
    this.gamma = o.gamma;
    this.lockOptions(['gamma']);
    this.initialStep();
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(exponentialLROptions, this.options);
  }

  protected computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      // PyTorch 2.x: the constructor's initial step never decays (so resuming with lastEpoch keeps the lr).
      out[i] = this.isInitial ? lr : lr * this.gamma;
    }
  }

  /** The closed form inline: one power per step shared by all groups (same arithmetic as lrAt). */
  protected override previewInto(columns: Float64Array[], steps: number): void {
    const gamma = this.gamma;
    for (let t = 0; t < steps; t++) {
      const factor = gamma ** t;
      for (let g = 0; g < columns.length; g++) (columns[g] as Float64Array)[t] = (this.baseLrs[g] as number) * factor;
    }
  }

  protected override closedFormLr(out: number[]): void {
    const factor = this.gamma ** this.lastEpoch;
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * factor;
  }
}
