import { at, OptionError, StateError, type Where } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { bisectRight } from '../bisect.js';
import { encodeFloat, openState, STATE_VERSION, type SchedulerState } from '../state.js';
import { defineOptions, lastEpoch, milestones, optionsToSpec, schedulers } from '../torch/defineOptions.js';
import { checkCallOrder, checkOptimizer, nextEpoch, type Chainable, type Scheduler, type SchedulerSpec } from '../torch/LRScheduler.js';
import { ReduceLROnPlateau } from '../torch/ReduceLROnPlateau.js';
import { checkMilestones, loadChildren, readGroupLrs } from '../torch/composites.js';

export interface PlateauSequentialLROptions {
  /** Schedulers on the same optimizer, run one after another; any of them may be a ReduceLROnPlateau. */
  schedulers: Scheduler[];
  /** Steps at which the next scheduler takes over; one fewer than schedulers, strictly increasing. */
  milestones: number[];
  lastEpoch?: number;
}

/** PlateauSequentialLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const plateauSequentialLROptions = defineOptions<PlateauSequentialLROptions>()({
  type: 'PlateauSequentialLR',
  doc: 'lrkit: SequentialLR that accepts ReduceLROnPlateau phases (e.g. warmup then plateau; needs metrics).',
  module: 'lrkit',
  stepPer: 'metric',
  cyclesMomentum: false,
  options: { schedulers: schedulers('Scheduler specs, run in order (ReduceLROnPlateau allowed).', ''), milestones: milestones(''), lastEpoch: lastEpoch('') },
  example: { schedulers: [{ type: 'LinearLR', startFactor: 0.1, totalIters: 5 }, { type: 'ReduceLROnPlateau', patience: 3 }], milestones: [5] },
});

/**
 * PyTorch's SequentialLR, plus ReduceLROnPlateau phases (pytorch/pytorch#68978): e.g. warmup, then
 * reduce on plateau. `step(metric)` takes the metric at every step; it is passed to a plateau phase and
 * ignored by the others. Chainable phases behave exactly as in SequentialLR (construction resets lrs to
 * `initialLr`, undoes the children's initial steps and re-runs the first one's; at a milestone the next
 * phase restarts at its epoch 0). A plateau phase starts from the lrs the previous phase left and sees its
 * first metric at its milestone step.
 *
 * @example
 * const warm = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 * const plateau = new ReduceLROnPlateau(optimizer, { patience: 3 });
 * const scheduler = new PlateauSequentialLR(optimizer, { schedulers: [warm, plateau], milestones: [5] });
 * scheduler.step(valLoss);
 */
export class PlateauSequentialLR implements Scheduler {
  readonly type = 'PlateauSequentialLR';
  readonly optimizer: Optimizer;
  readonly schedulers: readonly Scheduler[];
  readonly milestones: readonly number[];
  /** Always true: step() takes the metric. */
  readonly takesMetrics = true;
  lastEpoch: number;
  private readonly lastLr: number[];

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: PlateauSequentialLROptions, where: Where = 'PlateauSequentialLR') {
    checkOptimizer(where, optimizer);
    const opts = plateauSequentialLROptions.normalize(options, where);
    const children = opts.schedulers;
    children.forEach((c: unknown, i) => {
      const child = c as Partial<Chainable> | null;
      if (child === null || typeof child !== 'object' || typeof child.step !== 'function') throw new OptionError(at(where, 'schedulers', i), c, 'a scheduler');
      if (!(child instanceof ReduceLROnPlateau) && typeof child.initialStep !== 'function') {
        throw new OptionError(at(where, 'schedulers', i), child.type, 'a chainable scheduler or a ReduceLROnPlateau');
      }
      if (child.optimizer !== optimizer) throw new OptionError(at(where, 'schedulers', i, 'optimizer'), child.type, 'the same optimizer as the PlateauSequentialLR');
    });
    const milestones = checkMilestones(where, opts.milestones, children.length);
    const lastEpoch = opts.lastEpoch;
    // ReduceLROnPlateau does not set initialLr; a sequence made only of plateaus needs it here.
    for (const group of optimizer.paramGroups) if (group.initialLr === undefined) group.initialLr = group.lr;
    this.optimizer = optimizer;
    this.schedulers = children as Scheduler[];
    this.milestones = milestones;
    this.lastEpoch = lastEpoch + 1;
    for (const group of optimizer.paramGroups) group.lr = group.initialLr as number;
    for (const child of this.schedulers) if (!isPlateau(child)) (child as Chainable).undoInitialStep();
    const first = this.schedulers[0] as Scheduler;
    if (!isPlateau(first)) (first as Chainable).initialStep();
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  /** One step; `metric` is required while a ReduceLROnPlateau phase is active. */
  /** The spec, with each phase's spec. */
  toSpec(): SchedulerSpec {
    return { ...optionsToSpec(plateauSequentialLROptions, { milestones: this.milestones }), schedulers: this.schedulers.map((c) => c.toSpec()) } as SchedulerSpec;
  }

  step(metric?: number): void {
    checkCallOrder(this.optimizer);
    const epoch = nextEpoch(this.type, this.lastEpoch);
    const idx = bisectRight(this.milestones, epoch);
    const child = this.schedulers[idx] as Scheduler;
    if (isPlateau(child)) {
      if (typeof metric !== 'number') throw new OptionError('PlateauSequentialLR.step(metric)', metric, `a number (phase ${idx} is ReduceLROnPlateau)`);
      this.lastEpoch = epoch;
      child.step(metric);
    } else {
      this.lastEpoch = epoch;
      if (idx > 0 && this.milestones[idx - 1] === epoch) (child as Chainable).updateLr(0);
      else (child as Chainable).step();
    }
    readGroupLrs(this.optimizer, this.lastLr);
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): SchedulerState {
    return {
      format: 'lrkit.scheduler',
      version: STATE_VERSION,
      type: this.type,
      lastEpoch: this.lastEpoch,
      lastLr: this.lastLr.map(encodeFloat),
      schedulers: this.schedulers.map((s) => s.stateDict()),
    };
  }

  loadStateDict(state: unknown, path = 'state'): void {
    const reader = openState(path, state, this.type);
    const lastEpoch = reader.integer('lastEpoch');
    const lastLr = reader.floats('lastLr', this.lastLr.length);
    const states = reader.list('schedulers');
    if (states.length !== this.schedulers.length) throw new StateError(`${path}.schedulers`, `expected ${this.schedulers.length} child states, got ${states.length}`);
    loadChildren(this.schedulers, states, `${path}.schedulers`);
    this.lastEpoch = lastEpoch;
    lastLr.forEach((v, i) => (this.lastLr[i] = v));
  }
}

function isPlateau(s: Scheduler): s is ReduceLROnPlateau {
  return s instanceof ReduceLROnPlateau;
}
