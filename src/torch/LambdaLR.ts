import type { Optimizer } from '../optim/Optimizer.js';
import type { JsonValue, StateReader } from '../state.js';
import { StateError } from '../errors.js';
import { knownKeys, plainObject } from '../validate.js';
import { checkOptimizer, LRScheduler, type LastEpochOption } from './LRScheduler.js';
import { resolveFactors, type FactorFunction, type ResolvedFactor } from './lambdas.js';

export interface LambdaLROptions extends LastEpochOption {
  /** Factor of the initial lr as a function of the epoch (or an expression in `epoch`); one per group allowed. */
  lrLambda: FactorFunction | FactorFunction[];
}

/**
 * PyTorch `LambdaLR`: `lr = initialLr * lrLambda(epoch)`.
 *
 * Expression strings are saved in `stateDict()` and checked on load; JavaScript functions cannot be
 * serialized, so the state says `"lrLambdas": "not-serializable"` and you must construct the scheduler with
 * the same functions before `loadStateDict()`.
 *
 * @example
 * const scheduler = new LambdaLR(optimizer, { lrLambda: (epoch) => 0.95 ** epoch });
 * const same = new LambdaLR(optimizer2, { lrLambda: '0.95 ** epoch' });
 */
export class LambdaLR extends LRScheduler {
  readonly type: string = 'LambdaLR';
  protected readonly factors: ResolvedFactor[];

  constructor(optimizer: Optimizer, options: LambdaLROptions) {
    const scope = new.target === LambdaLR ? 'LambdaLR' : 'MultiplicativeLR';
    const opts = plainObject(`${scope}.options`, options);
    knownKeys(scope, opts, ['lrLambda', 'lastEpoch']);
    const groups = checkOptimizer(scope, optimizer).paramGroups.length;
    const factors = resolveFactors(`${scope}.lrLambda`, opts.lrLambda, groups, 'epoch');
    super(optimizer, opts.lastEpoch as number | undefined, scope);
    this.factors = factors;
    if (new.target === LambdaLR) this.initialStep();
  }

  protected computeLr(out: number[]): void {
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * (this.factors[i] as ResolvedFactor).fn(this.lastEpoch);
  }

  protected override extraState(): Record<string, JsonValue> {
    const sources = this.factors.map((f) => f.source);
    return { lrLambdas: sources.every((s) => s !== null) ? (sources as string[]) : 'not-serializable' };
  }

  protected override readExtraState(reader: StateReader): () => void {
    if (reader.has('lrLambdas')) {
      const saved = reader.raw('lrLambdas');
      const mine = this.factors.map((f) => f.source);
      if (Array.isArray(saved) && JSON.stringify(saved) !== JSON.stringify(mine)) {
        throw new StateError(`${reader.path}.lrLambdas`, `the state was saved with lambdas ${JSON.stringify(saved)} but this scheduler has ${JSON.stringify(mine)}`);
      }
    }
    return () => {};
  }

  /** LambdaLR's closed form is its formula: `initialLr * lrLambda(step)`. */
  protected override closedFormAt(out: number[]): void {
    for (let i = 0; i < out.length; i++) out[i] = (this.baseLrs[i] as number) * (this.factors[i] as ResolvedFactor).fn(this.lastEpoch);
  }
}
