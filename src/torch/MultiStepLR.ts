import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { nonNegativeInteger, numberInRange } from '../validate.js';
import { bisectRight } from '../bisect.js';
import { LRScheduler, type LastEpochOption } from './LRScheduler.js';
import { orDefault, readOptions } from './options.js';

export interface MultiStepLROptions extends LastEpochOption {
  /** Steps at which to decay, non-decreasing. A repeated milestone decays by `gamma` once per repetition (as in PyTorch). */
  milestones: number[];
  /** Multiplicative factor of decay. Default 0.1. */
  gamma?: number;
}

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

  constructor(optimizer: Optimizer, options: MultiStepLROptions) {
    const { opts } = readOptions('MultiStepLR', optimizer, options, ['milestones', 'gamma', 'lastEpoch']);
    const raw = opts.milestones;
    if (!Array.isArray(raw)) throw new OptionError('MultiStepLR.milestones', raw, 'an array of non-negative integers');
    const milestones = Array.from(raw, (m, i) => nonNegativeInteger(`MultiStepLR.milestones[${i}]`, m));
    for (let i = 1; i < milestones.length; i++) {
      if ((milestones[i] as number) < (milestones[i - 1] as number)) {
        throw new OptionError('MultiStepLR.milestones', raw, `non-decreasing milestones (milestones[${i}] = ${milestones[i]} < ${milestones[i - 1]})`);
      }
    }
    const gamma = numberInRange('MultiStepLR.gamma', orDefault(opts.gamma, 0.1), { min: 0, minExclusive: true });
    super(optimizer, opts.lastEpoch as number | undefined, 'MultiStepLR');
    this.milestones = Object.freeze(milestones);
    this.gamma = gamma;
    this.counts = new Map();
    for (const m of milestones) this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
    this.lockOptions(['milestones', 'gamma']);
    this.initialStep();
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

  protected override closedFormLr(out: number[]): void {
    const factor = this.gamma ** bisectRight(this.milestones, this.lastEpoch);
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * factor;
  }
}
