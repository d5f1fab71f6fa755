import type { Optimizer } from '../optim/Optimizer.js';
import type { JsonValue, StateReader } from '../state.js';
import { StateError } from '../errors.js';
import { at, type Where } from '../errors.js';
import { defineOptions, lambda, lastEpoch, optionsToSpec, torchEpoch, type SchedulerOptions } from './defineOptions.js';
import { checkOptimizer, LRScheduler, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import { resolveFactors, type FactorFunction, type ResolvedFactor } from './lambdas.js';

export interface LambdaLROptions extends LastEpochOption {
  /** Factor of the initial lr as a function of the epoch (or an expression in `epoch`); one per group allowed. */
  lrLambda: FactorFunction | FactorFunction[];
}

/** LambdaLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const lambdaLROptions = defineOptions<LambdaLROptions>()({
  type: 'LambdaLR',
  doc: 'lr = initial lr * lrLambda(epoch), with lrLambda a safe expression in epoch.',
  ...torchEpoch,
  options: { lrLambda: lambda('lr_lambda', 'Factor of the initial lr, an expression in epoch (one per group allowed).', 'epoch'), lastEpoch: lastEpoch() },
  example: { lrLambda: '0.95 ** epoch' },
});

/** MultiplicativeLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const multiplicativeLROptions = defineOptions<LambdaLROptions>()({
  type: 'MultiplicativeLR',
  doc: 'Each step multiplies the lr by lrLambda(epoch), a safe expression in epoch.',
  ...torchEpoch,
  options: { lrLambda: lambda('lr_lambda', 'Per-step factor, an expression in epoch (one per group allowed).', 'epoch'), lastEpoch: lastEpoch() },
  example: { lrLambda: '0.97' },
});

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

  private readonly definition: SchedulerOptions<Required<LambdaLROptions>>;
  private readonly options: Required<LambdaLROptions>;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: LambdaLROptions, where?: Where) {
    const definition = new.target === LambdaLR ? lambdaLROptions : multiplicativeLROptions;
    const scope = where ?? definition.type;
    const o = definition.normalize(options, scope);
    const groups = checkOptimizer(scope, optimizer).paramGroups.length;
    const factors = resolveFactors(at(scope, 'lrLambda'), o.lrLambda, groups, 'epoch');
    super(optimizer, o.lastEpoch, scope);
    this.definition = definition;
    this.options = o;
    this.factors = factors;
    if (new.target === LambdaLR) this.initialStep();
  }

  /** The spec, with the lambdas as their expression strings; a JavaScript-function lambda has no JSON form and throws an OptionError. */
  toSpec(): SchedulerSpec {
    return optionsToSpec(this.definition, this.options);
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
