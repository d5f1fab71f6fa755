import type { Optimizer } from '../optim/Optimizer.js';
import type { Where } from '../errors.js';
import { LRScheduler, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import { defineOptions, gamma, int, lastEpoch, optionsToSpec, torchEpoch } from './defineOptions.js';

export interface StepLROptions extends LastEpochOption {
  /** Period of decay, in steps. A positive integer. */
  stepSize: number;
  /** Multiplicative factor of decay. Default 0.1. */
  gamma?: number;
}

/** StepLR's options as data: defaults, validation, schema, docs, codegen and `toSpec`. */
export const stepLROptions = defineOptions<StepLROptions>()({
  type: 'StepLR',
  doc: 'Multiply the lr by gamma every stepSize steps (staircase).',
  ...torchEpoch,
  options: { stepSize: int('step_size', 'Period of decay, in steps.', 1), gamma, lastEpoch: lastEpoch() },
  example: { stepSize: 30, gamma: 0.1 },
});

/**
 * PyTorch `StepLR`: multiply the lr by `gamma` every `stepSize` steps.
 *
 * @example
 * const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 });
 */
export class StepLR extends LRScheduler {
  readonly type = 'StepLR';
  protected override readonly followsAddedGroups = true;
  readonly stepSize: number;
  readonly gamma: number;

  private readonly options: Required<StepLROptions>;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: StepLROptions, where: Where = 'StepLR') {
    const o = stepLROptions.normalize(options, where);
    super(optimizer, o.lastEpoch, where);
    this.options = o;
    this.stepSize = o.stepSize;
    this.gamma = o.gamma;
    this.lockOptions(['stepSize', 'gamma']);
    this.initialStep();
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(stepLROptions, this.options);
  }

  protected computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const decay = this.lastEpoch !== 0 && this.lastEpoch % this.stepSize === 0;
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      out[i] = decay ? lr * this.gamma : lr;
    }
  }

  /** The closed form is constant on each run of `stepSize` steps: one evaluation per run. */
  protected override previewInto(columns: Float64Array[], steps: number): void {
    const buffer = new Array<number>(columns.length).fill(0);
    for (let from = 0; from < steps; from += this.stepSize) this.fillRun(columns, from, Math.min(steps, from + this.stepSize), buffer);
  }

  protected override closedFormLr(out: number[]): void {
    const factor = this.gamma ** Math.floor(this.lastEpoch / this.stepSize);
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * factor;
  }
}
