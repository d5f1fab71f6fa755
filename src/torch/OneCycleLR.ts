import { at, OptionError, ScheduleError, type Where } from '../errors.js';
import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { bool, choice, defineOptions, groupValues, lastEpoch, num, optionalInt, optionsToSpec, perGroup } from './defineOptions.js';
import { checkOptimizer, LRScheduler, type LastEpochOption, type SchedulerSpec } from './LRScheduler.js';
import { cycledMomentumKey, writeMomentum } from './momentum.js';

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

type LengthKeys = 'totalSteps' | 'epochs' | 'stepsPerEpoch';
type OneCycleLRSettings = Required<Omit<OneCycleLROptions, LengthKeys>> & Pick<OneCycleLROptions, LengthKeys>;

/** OneCycleLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const oneCycleLROptions = defineOptions<OneCycleLROptions, OneCycleLRSettings>()({
  type: 'OneCycleLR',
  doc: 'The 1cycle policy: warm up to maxLr, anneal far below the start; cycles momentum inversely.',
  module: 'torch.optim.lr_scheduler',
  stepPer: 'batch',
  cyclesMomentum: true,
  options: {
    maxLr: perGroup('max_lr', 'Peak lr (e.g. from the LR finder).', 0),
    totalSteps: optionalInt('total_steps', 'Steps of the cycle (or give epochs and stepsPerEpoch).', 1),
    epochs: optionalInt('epochs', 'Epochs (with stepsPerEpoch, instead of totalSteps).', 1),
    stepsPerEpoch: optionalInt('steps_per_epoch', 'Batches per epoch (with epochs).', 1),
    pctStart: num('pct_start', 'Fraction of the cycle spent increasing the lr, in [0, 1].', { min: 0, max: 1 }, 0.3),
    annealStrategy: choice('anneal_strategy', 'Annealing shape.', ['cos', 'linear'], 'cos'),
    cycleMomentum: bool('cycle_momentum', 'Cycle momentum (or beta1) inversely to the lr.', true),
    baseMomentum: perGroup('base_momentum', 'Momentum at the lr peak.', undefined, 0.85),
    maxMomentum: perGroup('max_momentum', 'Momentum at the start and end.', undefined, 0.95),
    divFactor: num('div_factor', 'initial lr = maxLr / divFactor.', { min: 0, minExclusive: true }, 25),
    finalDivFactor: num('final_div_factor', 'min lr = initial lr / finalDivFactor.', { min: 0, minExclusive: true }, 1e4),
    threePhase: bool('three_phase', "Use the paper's three phases instead of fastai's two.", false),
    lastEpoch: lastEpoch(),
  },
  example: { maxLr: 0.1, totalSteps: 100 },
  check: (o, path) => {
    if (o.totalSteps === undefined && (o.epochs === undefined || o.stepsPerEpoch === undefined)) {
      throw new OptionError(at(path, 'totalSteps'), undefined, 'a positive integer, or both epochs and stepsPerEpoch');
    }
  },
});

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

  private readonly options: OneCycleLRSettings;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: OneCycleLROptions, where: Where = 'OneCycleLR') {
    const o = oneCycleLROptions.normalize(options, where);
    const groups = checkOptimizer(where, optimizer).paramGroups.length;
    const { lastEpoch, pctStart, annealStrategy, divFactor, finalDivFactor, threePhase, cycleMomentum } = o;
    const totalSteps = o.totalSteps ?? (o.epochs as number) * (o.stepsPerEpoch as number);
    const maxLrs = groupValues(at(where, 'maxLr'), o.maxLr, groups);
    const momentumKey = cycleMomentum ? cycledMomentumKey(where, optimizer) : 'momentum';
    const maxMomentums = cycleMomentum ? groupValues(at(where, 'maxMomentum'), o.maxMomentum, groups) : [];
    const baseMomentums = cycleMomentum ? groupValues(at(where, 'baseMomentum'), o.baseMomentum, groups) : [];

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
            throw new OptionError(at(where, 'optimizer', 'paramGroups', i, key), group[key], `a number when resuming with lastEpoch ${lastEpoch}`);
          }
        }
      });
    }
    super(optimizer, lastEpoch, where);
    this.options = o;
    this.totalSteps = totalSteps;
    this.annealStrategy = annealStrategy;
    this.cycleMomentum = cycleMomentum;
    this.momentumKey = momentumKey;
    this.phases = phases;
    this.lockOptions(['totalSteps', 'annealStrategy', 'cycleMomentum', 'phases']);
    this.initialStep();
  }

  toSpec(): SchedulerSpec {
    return optionsToSpec(oneCycleLROptions, this.options);
  }

  protected computeLr(out: number[]): void {
    this.evaluate(out, this.cycleMomentum);
  }

  /**
   * Phase by phase, with the phase's start and end values read once: the same arithmetic as `lrAt` without the
   * per-step phase search. Runs past totalSteps or with an empty phase take the step-by-step path, which throws
   * exactly where `lrAt` does.
   */
  protected override previewInto(columns: Float64Array[], steps: number): void {
    let start = 0.0;
    const empty = this.phases.some((phase) => {
      const zero = phase.endStep - start === 0;
      start = phase.endStep;
      return zero;
    });
    if (empty || steps - 1 > this.totalSteps) {
      super.previewInto(columns, steps);
      return;
    }
    const groups = this.optimizer.paramGroups;
    const last = this.phases.length - 1;
    const cos = this.annealStrategy === 'cos';
    for (let g = 0; g < columns.length; g++) {
      const column = columns[g] as Float64Array;
      const group = groups[g] as ParamGroup;
      let startStep = 0.0;
      let t = 0;
      for (let p = 0; p <= last && t < steps; p++) {
        const phase = this.phases[p] as Phase;
        const endStep = phase.endStep;
        const s0 = groupValue(group, phase.startLr);
        const e0 = groupValue(group, phase.endLr);
        // A step belongs to the first phase whose endStep it does not pass (the last phase takes the rest).
        for (; t < steps && (t <= endStep || p === last); t++) {
          const pct = (t - startStep) / (endStep - startStep);
          column[t] = cos ? e0 + ((s0 - e0) / 2.0) * (Math.cos(Math.PI * pct) + 1) : (e0 - s0) * pct + s0;
        }
        startStep = endStep;
      }
    }
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
