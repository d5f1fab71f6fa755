import type { Optimizer } from '../optim/Optimizer.js';
import { bisectRight } from '../bisect.js';
import { LRScheduler, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import type { Where } from '../errors.js';
import { defineOptions, gamma, lastEpoch, optionsToSpec, torchEpoch } from './defineOptions.js';

export interface MultiStepLROptions extends LastEpochOption {
  /** Steps at which to decay, non-decreasing. A repeated milestone decays by `gamma` once per repetition (as in PyTorch). */
  milestones: number[];
  /** Multiplicative factor of decay. Default 0.1. */
  gamma?: number;
}

/** MultiStepLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const multiStepLROptions = defineOptions<MultiStepLROptions>()({
  type: 'MultiStepLR',
  doc: 'Multiply the lr by gamma at each milestone.',
  ...torchEpoch,
  options: {
    milestones: { type: { kind: 'numberList', integer: true, min: 0, order: 'nonDecreasing' }, doc: 'Steps at which to decay (non-decreasing integers).', pytorch: 'milestones' },
    gamma,
    lastEpoch: lastEpoch(),
  },
  example: { milestones: [30, 60], gamma: 0.1 },
});

/**
 * PyTorch `MultiStepLR`: multiply the lr by `gamma` at each milestone.
 *
 * @example
 * const scheduler = new MultiStepLR(optimizer, { milestones: [30, 80], gamma: 0.1 });
 */
export class MultiStepLR extends LRScheduler {
  readonly type = 'MultiStepLR';
  protected override readonly followsAddedGroups = true;
  readonly milestones: readonly number[];
  readonly gamma: number;
  private readonly counts: Map<number, number>;

  private readonly options: Required<MultiStepLROptions>;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: MultiStepLROptions, where: Where = 'MultiStepLR') {
    const o = multiStepLROptions.normalize(options, where);
    super(optimizer, o.lastEpoch, where);
    this.options = o;
    this.gamma = o.gamma;
    this.milestones = Object.freeze([...o.milestones]);
    this.counts = new Map();
    for (const m of o.milestones) this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
    this.lockOptions(['milestones', 'gamma']);
    this.initialStep();
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(multiStepLROptions, this.options);
  }

  protected computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const count = this.counts.get(this.lastEpoch);
    const factor = count === undefined ? 1 : this.gamma ** count;
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      out[i] = count === undefined ? lr : lr * factor;
    }
  }

  /** The closed form is constant between milestones: one evaluation per run. */
  protected override previewInto(columns: Float64Array[], steps: number): void {
    const buffer = new Array<number>(columns.length).fill(0);
    let from = 0;
    for (const m of this.milestones) {
      if (m > from) this.fillRun(columns, from, Math.min(steps, m), buffer);
      from = Math.max(from, m);
      if (from >= steps) return;
    }
    this.fillRun(columns, from, steps, buffer);
  }

  protected override closedFormLr(out: number[]): void {
    const factor = this.gamma ** bisectRight(this.milestones, this.lastEpoch);
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * factor;
  }
}
