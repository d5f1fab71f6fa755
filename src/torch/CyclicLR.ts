import { at, OptionError, type Where } from '../errors.js';
import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { oneOf } from '../validate.js';
import { bool, choice, defineOptions, groupValues, int, lambda, lastEpoch, num, optionalInt, optionsToSpec, perGroup } from './defineOptions.js';
import { checkOptimizer, LRScheduler, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import { resolveFactor, type FactorFunction, type ResolvedFactor } from './lambdas.js';
import { cycledMomentumKey, writeMomentum } from './momentum.js';

export type CyclicMode = 'triangular' | 'triangular2' | 'exp_range';

export interface CyclicLROptions extends LastEpochOption {
  /** Lower lr bound (per group allowed). Also written into the groups at construction. */
  baseLr: number | number[];
  /** Upper lr bound (per group allowed). */
  maxLr: number | number[];
  /** Steps in the increasing half of a cycle. Default 2000. */
  stepSizeUp?: number;
  /** Steps in the decreasing half. Default `stepSizeUp`. */
  stepSizeDown?: number;
  /** Built-in amplitude policy. Default 'triangular'. Ignored when `scaleFn` is given. */
  mode?: CyclicMode;
  /** For 'exp_range': amplitude scales by gamma ** iteration. Default 1. */
  gamma?: number;
  /** Custom amplitude scale in [0, 1], a function of the cycle or iteration (or an expression in `x`). */
  scaleFn?: FactorFunction;
  /** Whether `scaleFn` receives the cycle number or the iteration. Default 'cycle'. */
  scaleMode?: 'cycle' | 'iterations';
  /** Cycle momentum (or Adam's beta1) inversely to the lr. Default true. */
  cycleMomentum?: boolean;
  /** Default 0.8. */
  baseMomentum?: number | number[];
  /** Default 0.9. */
  maxMomentum?: number | number[];
}

type CyclicLRSettings = Required<Omit<CyclicLROptions, 'stepSizeDown' | 'scaleFn'>> & Pick<CyclicLROptions, 'stepSizeDown' | 'scaleFn'>;
const CYCLIC_MODES = ['triangular', 'triangular2', 'exp_range'] as const;

/** CyclicLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const cyclicLROptions = defineOptions<CyclicLROptions, CyclicLRSettings>()({
  type: 'CyclicLR',
  doc: 'Cycle the lr between baseLr and maxLr (triangular policies); cycles momentum inversely.',
  module: 'torch.optim.lr_scheduler',
  stepPer: 'batch',
  cyclesMomentum: true,
  options: {
    baseLr: perGroup('base_lr', 'Lower lr bound (written into the groups at construction).', 0),
    maxLr: perGroup('max_lr', 'Upper lr bound.', 0),
    stepSizeUp: int('step_size_up', 'Steps in the increasing half of a cycle.', 1, 2000),
    stepSizeDown: optionalInt('step_size_down', 'Steps in the decreasing half (default: stepSizeUp).', 0),
    mode: {
      // Any name is allowed with scaleFn (PyTorch ignores mode then); without it, one of the three (see check).
      type: { kind: 'custom', schema: { type: 'string' }, expectation: 'a mode', check: (path, v) => (typeof v === 'string' ? v : oneOf(path, v, CYCLIC_MODES)), form: 'enum', values: CYCLIC_MODES },
      doc: "Amplitude policy: 'triangular', 'triangular2' or 'exp_range' (any name with scaleFn).",
      pytorch: 'mode',
      default: 'triangular',
    },
    gamma: num('gamma', "For 'exp_range': amplitude *= gamma ** iteration.", { min: 0, minExclusive: true }, 1),
    scaleFn: lambda('scale_fn', 'Custom amplitude scale in [0, 1], an expression in x (overrides mode).', 'x', true),
    scaleMode: choice('scale_mode', 'Whether scaleFn receives the cycle or the iteration.', ['cycle', 'iterations'], 'cycle'),
    cycleMomentum: bool('cycle_momentum', 'Cycle momentum (or beta1) inversely to the lr.', true),
    baseMomentum: perGroup('base_momentum', 'Lower momentum bound.', undefined, 0.8),
    maxMomentum: perGroup('max_momentum', 'Upper momentum bound.', undefined, 0.9),
    lastEpoch: lastEpoch(),
  },
  example: { baseLr: 0.001, maxLr: 0.1, stepSizeUp: 20, mode: 'triangular2' },
  check: (o, path) => {
    if (o.scaleFn === undefined) oneOf(at(path, 'mode'), o.mode, CYCLIC_MODES);
    if (Array.isArray(o.scaleFn)) throw new OptionError(at(path, 'scaleFn'), o.scaleFn, 'one expression in x (PyTorch has one scale_fn, not one per group)');
  },
});

/**
 * PyTorch `CyclicLR` (Smith's cyclical learning rates), including momentum or beta1 cycling.
 *
 * @example
 * const scheduler = new CyclicLR(optimizer, { baseLr: 0.001, maxLr: 0.1, stepSizeUp: 200, mode: 'triangular2' });
 */
export class CyclicLR extends LRScheduler {
  readonly type = 'CyclicLR';
  readonly maxLrs: readonly number[];
  readonly totalSize: number;
  readonly stepRatio: number;
  readonly mode: CyclicMode | string;
  readonly gamma: number;
  readonly scaleMode: 'cycle' | 'iterations';
  readonly cycleMomentum: boolean;
  private readonly scale: (x: number) => number;
  private readonly customScale: ResolvedFactor | null;
  private readonly momentumKey: 'momentum' | 'betas';
  private readonly baseMomentums: readonly number[];
  private readonly maxMomentums: readonly number[];

  private readonly options: CyclicLRSettings;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: CyclicLROptions, where: Where = 'CyclicLR') {
    const o = cyclicLROptions.normalize(options, where);
    const groups = checkOptimizer(where, optimizer).paramGroups.length;
    const { lastEpoch, stepSizeUp, mode, gamma, cycleMomentum } = o;
    let scaleMode = o.scaleMode;
    const baseLrs = groupValues(at(where, 'baseLr'), o.baseLr, groups);
    const maxLrs = groupValues(at(where, 'maxLr'), o.maxLr, groups);
    const stepSizeDown = o.stepSizeDown ?? stepSizeUp;
    const customScale = o.scaleFn === undefined ? null : resolveFactor(at(where, 'scaleFn'), o.scaleFn, 'x');
    const momentumKey = cycleMomentum ? cycledMomentumKey(where, optimizer) : 'momentum';
    const baseMomentums = cycleMomentum ? groupValues(at(where, 'baseMomentum'), o.baseMomentum, groups) : [];
    const maxMomentums = cycleMomentum ? groupValues(at(where, 'maxMomentum'), o.maxMomentum, groups) : [];

    let scale: (x: number) => number;
    if (customScale !== null) scale = customScale.fn;
    else if (mode === 'triangular') {
      scale = () => 1.0;
      scaleMode = 'cycle';
    } else if (mode === 'triangular2') {
      scale = (x) => 1 / 2.0 ** (x - 1);
      scaleMode = 'cycle';
    } else {
      scale = (x) => gamma ** x;
      scaleMode = 'iterations';
    }

    // As PyTorch: a fresh run starts every group at baseLr (and momentum at its max) before attaching.
    if (lastEpoch === -1) {
      optimizer.paramGroups.forEach((group, i) => {
        group.lr = baseLrs[i] as number;
        if (cycleMomentum) {
          writeMomentum(group, momentumKey, maxMomentums[i] as number);
          group.maxMomentum = maxMomentums[i];
          group.baseMomentum = baseMomentums[i];
        }
      });
    }
    super(optimizer, lastEpoch, where);
    this.options = o;
    this.maxLrs = maxLrs;
    this.totalSize = stepSizeUp + stepSizeDown;
    this.stepRatio = stepSizeUp / this.totalSize;
    this.mode = mode;
    this.gamma = gamma;
    this.scaleMode = scaleMode;
    this.scale = scale;
    this.customScale = customScale;
    this.cycleMomentum = cycleMomentum;
    this.momentumKey = momentumKey;
    this.baseMomentums = baseMomentums;
    this.maxMomentums = maxMomentums;
    // PyTorch performs the initial step with baseLrs = the groups' initialLr and only then sets baseLrs.
    this.lockOptions(['maxLrs', 'totalSize', 'stepRatio', 'mode', 'gamma', 'scaleMode', 'cycleMomentum', 'baseMomentums', 'maxMomentums']);
    this.initialStep();
    this.baseLrs = baseLrs;
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(cyclicLROptions, this.options);
  }

  protected computeLr(out: number[]): void {
    this.evaluate(out, this.cycleMomentum);
  }

  /** The lr part of `get_lr` (CyclicLR is a closed form); momentum is not written. */
  protected override closedFormAt(out: number[]): void {
    this.evaluate(out, false);
  }

  /** PyTorch's `get_lr`: lrs into `out`, and the cycled momentum into the groups when `withMomentum`. */
  private evaluate(out: number[], withMomentum: boolean): void {
    const e = this.lastEpoch;
    const cycle = Math.floor(1 + e / this.totalSize);
    const x = 1.0 + e / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const scaled = this.scale(this.scaleMode === 'cycle' ? cycle : e);
    for (let i = 0; i < out.length; i++) {
      const base = this.baseLrs[i] as number;
      const baseHeight = ((this.maxLrs[i] as number) - base) * scaleFactor;
      out[i] = base + baseHeight * scaled;
    }
    if (withMomentum) {
      const groups = this.optimizer.paramGroups;
      for (let i = 0; i < out.length; i++) {
        const maxM = this.maxMomentums[i] as number;
        const baseHeight = (maxM - (this.baseMomentums[i] as number)) * scaleFactor;
        writeMomentum(groups[i] as ParamGroup, this.momentumKey, maxM - baseHeight * scaled);
      }
    }
  }

  /** The custom scale function's source, when it is an expression. */
  get scaleFnSource(): string | null {
    return this.customScale?.source ?? null;
  }

}
