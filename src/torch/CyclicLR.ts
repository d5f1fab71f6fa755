import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { boolean, integerAtLeast, numberInRange, oneOf, perGroup, positiveInteger, finiteNumber } from '../validate.js';
import { LRScheduler, type LastEpochOption } from './LRScheduler.js';
import { resolveFactor, type FactorFunction, type ResolvedFactor } from './lambdas.js';
import { cycledMomentumKey, writeMomentum } from './momentum.js';
import { orDefault, readOptions } from './options.js';

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

  constructor(optimizer: Optimizer, options: CyclicLROptions) {
    const { opts, groups } = readOptions('CyclicLR', optimizer, options, [
      'baseLr', 'maxLr', 'stepSizeUp', 'stepSizeDown', 'mode', 'gamma', 'scaleFn', 'scaleMode',
      'cycleMomentum', 'baseMomentum', 'maxMomentum', 'lastEpoch',
    ]);
    const lastEpoch = integerAtLeast('CyclicLR.lastEpoch', orDefault(opts.lastEpoch, -1), -1);
    const nonNegative = (name: string, v: unknown) => numberInRange(name, v, { min: 0 });
    const baseLrs = perGroup('CyclicLR.baseLr', opts.baseLr, groups, nonNegative);
    const maxLrs = perGroup('CyclicLR.maxLr', opts.maxLr, groups, nonNegative);
    const stepSizeUp = positiveInteger('CyclicLR.stepSizeUp', orDefault(opts.stepSizeUp, 2000));
    const stepSizeDown = opts.stepSizeDown === undefined || opts.stepSizeDown === null ? stepSizeUp : integerAtLeast('CyclicLR.stepSizeDown', opts.stepSizeDown, 0);
    const customScale = opts.scaleFn === undefined || opts.scaleFn === null ? null : resolveFactor('CyclicLR.scaleFn', opts.scaleFn, 'x');
    const mode = customScale === null ? oneOf('CyclicLR.mode', orDefault(opts.mode, 'triangular'), ['triangular', 'triangular2', 'exp_range'] as const) : String(orDefault(opts.mode, 'triangular'));
    const gamma = numberInRange('CyclicLR.gamma', orDefault(opts.gamma, 1.0), { min: 0, minExclusive: true });
    let scaleMode = oneOf('CyclicLR.scaleMode', orDefault(opts.scaleMode, 'cycle'), ['cycle', 'iterations'] as const);
    const cycleMomentum = boolean('CyclicLR.cycleMomentum', orDefault(opts.cycleMomentum, true));
    const momentumKey = cycleMomentum ? cycledMomentumKey('CyclicLR', optimizer) : 'momentum';
    const baseMomentums = cycleMomentum ? perGroup('CyclicLR.baseMomentum', orDefault(opts.baseMomentum, 0.8), groups, finiteNumber) : [];
    const maxMomentums = cycleMomentum ? perGroup('CyclicLR.maxMomentum', orDefault(opts.maxMomentum, 0.9), groups, finiteNumber) : [];

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
    super(optimizer, lastEpoch, 'CyclicLR');
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
