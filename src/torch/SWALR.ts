import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { LRScheduler, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import { at, type Where } from '../errors.js';
import { checkOptimizer } from './LRScheduler.js';
import { choice, defineOptions, groupValues, int, lastEpoch, optionsToSpec, perGroup, torchEpoch } from './defineOptions.js';

export interface SWALROptions extends LastEpochOption {
  /** Target lr of stochastic weight averaging (per group allowed). */
  swaLr: number | number[];
  /** Steps of annealing towards swaLr. Default 10. */
  annealEpochs?: number;
  /** Default 'cos'. */
  annealStrategy?: 'cos' | 'linear';
}

/** SWALR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const swalrOptions = defineOptions<SWALROptions>()({
  type: 'SWALR',
  doc: 'Anneal each group to swaLr over annealEpochs, then hold (stochastic weight averaging).',
  ...torchEpoch,
  module: 'torch.optim.swa_utils',
  options: {
    swaLr: perGroup('swa_lr', 'Target lr of SWA.', 0),
    annealEpochs: int('anneal_epochs', 'Steps of annealing.', 0, 10),
    annealStrategy: choice('anneal_strategy', 'Annealing shape.', ['cos', 'linear'], 'cos'),
    lastEpoch: lastEpoch(),
  },
  example: { swaLr: 0.05, annealEpochs: 20 },
});

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

  private readonly options: Required<SWALROptions>;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: SWALROptions, where: Where = 'SWALR') {
    const o = swalrOptions.normalize(options, where);
    const swaLrs = groupValues(at(where, 'swaLr'), o.swaLr, checkOptimizer(where, optimizer).paramGroups.length);
    optimizer.paramGroups.forEach((group, i) => (group.swaLr = swaLrs[i]));
    super(optimizer, o.lastEpoch, where);
    this.options = o;
    this.annealEpochs = o.annealEpochs;
    this.annealStrategy = o.annealStrategy;
    this.lockOptions(['annealEpochs', 'annealStrategy']);
    this.initialStep();
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(swalrOptions, this.options);
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
