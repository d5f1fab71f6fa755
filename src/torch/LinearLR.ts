import type { Optimizer } from '../optim/Optimizer.js';
import { LRScheduler, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import type { Where } from '../errors.js';
import { defineOptions, int, lastEpoch, num, optionsToSpec, torchEpoch } from './defineOptions.js';

export interface LinearLROptions extends LastEpochOption {
  /** Factor at step 0, in (0, 1]. Default 1/3. */
  startFactor?: number;
  /** Factor reached at `totalIters`, in [0, 1]. Default 1. */
  endFactor?: number;
  /** Steps of the linear change. A positive integer. Default 5. */
  totalIters?: number;
}

/** LinearLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const linearLROptions = defineOptions<LinearLROptions>()({
  type: 'LinearLR',
  doc: 'Linearly change the lr factor from startFactor to endFactor over totalIters (warmup).',
  ...torchEpoch,
  options: {
    startFactor: num('start_factor', 'Factor at step 0, in (0, 1].', { min: 0, max: 1, minExclusive: true }, 1 / 3),
    endFactor: num('end_factor', 'Factor at totalIters, in [0, 1].', { min: 0, max: 1 }, 1),
    totalIters: int('total_iters', 'Steps of the linear change.', 1, 5),
    lastEpoch: lastEpoch(),
  },
  example: { startFactor: 0.1, endFactor: 1, totalIters: 10 },
});

/**
 * PyTorch `LinearLR`: the factor moves linearly from `startFactor` to `endFactor` over `totalIters` steps
 * (the usual linear warmup).
 *
 * @example
 * const warmup = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 */
export class LinearLR extends LRScheduler {
  readonly type = 'LinearLR';
  protected override readonly followsAddedGroups = true;
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;

  private readonly options: Required<LinearLROptions>;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: LinearLROptions = {}, where: Where = 'LinearLR') {
    const o = linearLROptions.normalize(options, where);
    super(optimizer, o.lastEpoch, where);
    this.options = o;
    this.startFactor = o.startFactor;
    this.endFactor = o.endFactor;
    this.totalIters = o.totalIters;
    this.lockOptions(['startFactor', 'endFactor', 'totalIters']);
    this.initialStep();
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(linearLROptions, this.options);
  }

  protected computeLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const e = this.lastEpoch;
    const { startFactor: s, endFactor: f, totalIters: n } = this;
    for (let i = 0; i < out.length; i++) {
      const lr = (groups[i] as { lr: number }).lr;
      if (e === 0) out[i] = lr * s;
      else if (this.isInitial || e > n) out[i] = lr;
      else out[i] = lr * (1.0 + (f - s) / (n * s + (e - 1) * (f - s)));
    }
  }

  /** Step by step up to `totalIters`, then one constant run. */
  protected override previewInto(columns: Float64Array[], steps: number): void {
    const ramp = Math.min(steps, this.totalIters);
    super.previewInto(columns, ramp);
    if (ramp < steps) this.fillRun(columns, ramp, steps, new Array<number>(columns.length).fill(0));
  }

  protected override closedFormLr(out: number[]): void {
    const { startFactor: s, endFactor: f, totalIters: n } = this;
    const factor = s + ((f - s) * Math.min(n, this.lastEpoch)) / n;
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * factor;
  }
}
