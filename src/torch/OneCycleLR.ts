import { OptionError, ScheduleError } from '../errors.js';
import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { boolean, finiteNumber, integerAtLeast, numberInRange, oneOf, perGroup, positiveInteger } from '../validate.js';
import { LRScheduler, type LastEpochOption } from './LRScheduler.js';
import { cycledMomentumKey, writeMomentum } from './momentum.js';
import { orDefault, readOptions } from './options.js';

export interface OneCycleLROptions extends LastEpochOption {
  /** Peak lr (per group allowed). */
  maxLr: number | number[];
  /** Total steps of the cycle; or give `epochs` and `stepsPerEpoch`. */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the lr, in [0, 1]. Default 0.3. */
  pctStart?: number;
  /** Default 'cos'. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (or Adam's beta1) inversely to the lr. Default true. */
  cycleMomentum?: boolean;
  /** Default 0.85. */
  baseMomentum?: number | number[];
  /** Default 0.95. */
  maxMomentum?: number | number[];
  /** initialLr = maxLr / divFactor. Default 25. */
  divFactor?: number;
  /** minLr = initialLr / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
  /** Use the original paper's three phases instead of fastai's two. Default false. */
  threePhase?: boolean;
}

type LrKey = 'initialLr' | 'maxLr' | 'minLr';
type MomentumKey = 'maxMomentum' | 'baseMomentum';
interface Phase {
  endStep: number;
  startLr: LrKey;
  endLr: LrKey;
  startMomentum: MomentumKey;
  endMomentum: MomentumKey;
}

/**
 * Reads one of the group keys OneCycleLR keeps (PyTorch's `group[phase["start_lr"]]`) with named property
 * loads: a computed `group[key]` would go through V8's generic keyed load and box the double every step.
 */
function groupValue(group: ParamGroup, key: LrKey | MomentumKey): number {
  switch (key) {
    case 'initialLr':
      return group.initialLr as number;
    case 'maxLr':
      return group.maxLr as number;
    case 'minLr':
      return group.minLr as number;
    case 'maxMomentum':
      return group.maxMomentum as number;
    default:
      return group.baseMomentum as number;
  }
}

/**
 * PyTorch `OneCycleLR` (the 1cycle policy), with momentum or beta1 cycling. It may be stepped
 * exactly `totalSteps` times after construction; one more step throws like PyTorch 2.x.
 *
 * @example
 * const scheduler = new OneCycleLR(optimizer, { maxLr: [0.1, 0.01], totalSteps: 1000 });
 */
export class OneCycleLR extends LRScheduler {
  readonly type = 'OneCycleLR';
  readonly totalSteps: number;
  readonly annealStrategy: 'cos' | 'linear';
  readonly cycleMomentum: boolean;
  private readonly phases: readonly Phase[];
  private readonly momentumKey: 'momentum' | 'betas';

  constructor(optimizer: Optimizer, options: OneCycleLROptions) {
    const { opts, groups } = readOptions('OneCycleLR', optimizer, options, [
      'maxLr', 'totalSteps', 'epochs', 'stepsPerEpoch', 'pctStart', 'annealStrategy', 'cycleMomentum',
      'baseMomentum', 'maxMomentum', 'divFactor', 'finalDivFactor', 'threePhase', 'lastEpoch',
    ]);
    const lastEpoch = integerAtLeast('OneCycleLR.lastEpoch', orDefault(opts.lastEpoch, -1), -1);
    let totalSteps: number;
    if (opts.totalSteps !== undefined && opts.totalSteps !== null) {
      totalSteps = positiveInteger('OneCycleLR.totalSteps', opts.totalSteps);
    } else if (opts.epochs !== undefined && opts.stepsPerEpoch !== undefined) {
      totalSteps = positiveInteger('OneCycleLR.epochs', opts.epochs) * positiveInteger('OneCycleLR.stepsPerEpoch', opts.stepsPerEpoch);
    } else {
      throw new OptionError('OneCycleLR.totalSteps', opts.totalSteps, 'a positive integer, or both epochs and stepsPerEpoch');
    }
    const pctStart = numberInRange('OneCycleLR.pctStart', orDefault(opts.pctStart, 0.3), { min: 0, max: 1 });
    const annealStrategy = oneOf('OneCycleLR.annealStrategy', orDefault(opts.annealStrategy, 'cos'), ['cos', 'linear'] as const);
    const maxLrs = perGroup('OneCycleLR.maxLr', opts.maxLr, groups, (n, v) => numberInRange(n, v, { min: 0 }));
    const divFactor = numberInRange('OneCycleLR.divFactor', orDefault(opts.divFactor, 25.0), { min: 0, minExclusive: true });
    const finalDivFactor = numberInRange('OneCycleLR.finalDivFactor', orDefault(opts.finalDivFactor, 1e4), { min: 0, minExclusive: true });
    const threePhase = boolean('OneCycleLR.threePhase', orDefault(opts.threePhase, false));
    const cycleMomentum = boolean('OneCycleLR.cycleMomentum', orDefault(opts.cycleMomentum, true));
    const momentumKey = cycleMomentum ? cycledMomentumKey('OneCycleLR', optimizer) : 'momentum';
    const maxMomentums = cycleMomentum ? perGroup('OneCycleLR.maxMomentum', orDefault(opts.maxMomentum, 0.95), groups, finiteNumber) : [];
    const baseMomentums = cycleMomentum ? perGroup('OneCycleLR.baseMomentum', orDefault(opts.baseMomentum, 0.85), groups, finiteNumber) : [];

    const phases: Phase[] = threePhase
      ? [
          { endStep: pctStart * totalSteps - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: 2 * pctStart * totalSteps - 2, startLr: 'maxLr', endLr: 'initialLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
          { endStep: totalSteps - 1, startLr: 'initialLr', endLr: 'minLr', startMomentum: 'maxMomentum', endMomentum: 'maxMomentum' },
        ]
      : [
          { endStep: pctStart * totalSteps - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: totalSteps - 1, startLr: 'maxLr', endLr: 'minLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
        ];

    if (lastEpoch === -1) {
      optimizer.paramGroups.forEach((group, i) => {
        // Unlike other schedulers, OneCycleLR overwrites initialLr (PyTorch does the same).
        group.initialLr = (maxLrs[i] as number) / divFactor;
        group.maxLr = maxLrs[i];
        group.minLr = group.initialLr / finalDivFactor;
        if (cycleMomentum) {
          writeMomentum(group, momentumKey, maxMomentums[i] as number);
          group.maxMomentum = maxMomentums[i];
          group.baseMomentum = baseMomentums[i];
        }
      });
    } else {
      const needed = cycleMomentum ? ['maxLr', 'minLr', 'maxMomentum', 'baseMomentum'] : ['maxLr', 'minLr'];
      optimizer.paramGroups.forEach((group, i) => {
        for (const key of needed) {
          if (typeof group[key] !== 'number') {
            throw new OptionError(`OneCycleLR.optimizer.paramGroups[${i}].${key}`, group[key], `a number when resuming with lastEpoch ${lastEpoch}`);
          }
        }
      });
    }
    super(optimizer, lastEpoch, 'OneCycleLR');
    this.totalSteps = totalSteps;
    this.annealStrategy = annealStrategy;
    this.cycleMomentum = cycleMomentum;
    this.momentumKey = momentumKey;
    this.phases = phases;
    this.lockOptions(['totalSteps', 'annealStrategy', 'cycleMomentum', 'phases']);
    this.initialStep();
  }

  protected computeLr(out: number[]): void {
    this.evaluate(out, this.cycleMomentum);
  }

  /** The lr part of `get_lr` (OneCycleLR is a closed form); reads the groups' initialLr/maxLr/minLr, writes nothing. */
  protected override closedFormAt(out: number[]): void {
    this.evaluate(out, false);
  }

  /** PyTorch's `get_lr`: lrs into `out`, and the cycled momentum into the groups when `withMomentum`. */
  private evaluate(out: number[], withMomentum: boolean): void {
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps) {
      throw new ScheduleError(`OneCycleLR: Tried to step ${stepNum} times. The specified number of total steps is ${this.totalSteps}`);
    }
    const groups = this.optimizer.paramGroups;
    const last = this.phases.length - 1;
    const cos = this.annealStrategy === 'cos';
    for (let g = 0; g < out.length; g++) {
      const group = groups[g] as ParamGroup;
      let startStep = 0.0;
      for (let p = 0; p <= last; p++) {
        const phase = this.phases[p] as Phase;
        const endStep = phase.endStep;
        if (stepNum <= endStep || p === last) {
          if (endStep - startStep === 0) {
            throw new ScheduleError(`OneCycleLR phase ${p + 1} has zero length at step ${stepNum} (pctStart * totalSteps makes it empty; PyTorch raises ZeroDivisionError here)`);
          }
          const pct = (stepNum - startStep) / (endStep - startStep);
          // PyTorch's _annealing_cos / _annealing_linear, written inline: a helper returning a double would
          // box it on every step. cos: end + (start - end) / 2 * (cos(pi * pct) + 1); linear: (end - start) * pct + start.
          const cosOut = cos ? Math.cos(Math.PI * pct) + 1 : 0;
          const s0 = groupValue(group, phase.startLr);
          const e0 = groupValue(group, phase.endLr);
          out[g] = cos ? e0 + ((s0 - e0) / 2.0) * cosOut : (e0 - s0) * pct + s0;
          if (withMomentum) {
            const s1 = groupValue(group, phase.startMomentum);
            const e1 = groupValue(group, phase.endMomentum);
            const m = cos ? e1 + ((s1 - e1) / 2.0) * cosOut : (e1 - s1) * pct + s1;
            if (this.momentumKey === 'betas') (group.betas as number[])[0] = m;
            else group.momentum = m;
          }
          break;
        }
        startStep = phase.endStep;
      }
    }
  }
}
