import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { nonNegativeInteger, numberInRange, oneOf, perGroup } from '../validate.js';
import { LRScheduler, type LastEpochOption } from './LRScheduler.js';
import { orDefault, readOptions } from './options.js';

export interface SWALROptions extends LastEpochOption {
  /** Target lr of stochastic weight averaging (per group allowed). */
  swaLr: number | number[];
  /** Steps of annealing towards swaLr. Default 10. */
  annealEpochs?: number;
  /** Default 'cos'. */
  annealStrategy?: 'cos' | 'linear';
}

/**
 * PyTorch `torch.optim.swa_utils.SWALR`: anneal each group's lr to `swaLr` over `annealEpochs`
 * steps, then hold it.
 *
 * @example
 * const swa = new SWALR(optimizer, { swaLr: 0.05, annealEpochs: 5 });
 */
export class SWALR extends LRScheduler {
  readonly type = 'SWALR';
  readonly annealEpochs: number;
  readonly annealStrategy: 'cos' | 'linear';

  constructor(optimizer: Optimizer, options: SWALROptions) {
    const { opts, groups } = readOptions('SWALR', optimizer, options, ['swaLr', 'annealEpochs', 'annealStrategy', 'lastEpoch']);
    const swaLrs = perGroup('SWALR.swaLr', opts.swaLr, groups, (n, v) => numberInRange(n, v, { min: 0 }));
    const annealStrategy = oneOf('SWALR.annealStrategy', orDefault(opts.annealStrategy, 'cos'), ['cos', 'linear'] as const);
    const annealEpochs = nonNegativeInteger('SWALR.annealEpochs', orDefault(opts.annealEpochs, 10));
    optimizer.paramGroups.forEach((group, i) => (group.swaLr = swaLrs[i]));
    super(optimizer, opts.lastEpoch as number | undefined, 'SWALR');
    this.annealEpochs = annealEpochs;
    this.annealStrategy = annealStrategy;
    this.lockOptions(['annealEpochs', 'annealStrategy']);
    this.initialStep();
  }

  private anneal(t: number): number {
    return this.annealStrategy === 'cos' ? (1 - Math.cos(Math.PI * t)) / 2 : t;
  }

  protected computeLr(out: number[]): void {
    let step = this.stepCount - 1;
    if (this.annealEpochs === 0) step = Math.max(1, step);
    const span = Math.max(1, this.annealEpochs);
    const prevAlpha = this.anneal(Math.max(0, Math.min(1, (step - 1) / span)));
    const alpha = this.anneal(Math.max(0, Math.min(1, step / span)));
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < out.length; i++) {
      const group = groups[i] as ParamGroup;
      const swaLr = group.swaLr as number;
      const prevLr = prevAlpha === 1 ? swaLr : (group.lr - prevAlpha * swaLr) / (1 - prevAlpha);
      out[i] = swaLr * alpha + prevLr * (1 - alpha);
    }
  }
}
