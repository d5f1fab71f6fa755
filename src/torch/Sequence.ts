import { OptionError, StateError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { bisectRight } from '../bisect.js';
import { encodeFloat, openState, schedulerState, type SchedulerState } from '../state.js';
import { checkCallOrder, nextEpoch, type Chainable, type Scheduler } from './LRScheduler.js';
import { loadChildren, readGroupLrs } from './composites.js';

/** Whether a sequence phase is restarted and undone like PyTorch's chainable children. */
function isChainable(s: Scheduler): s is Chainable {
  return s.stepInput === 'none';
}

/**
 * The sequencing core of SequentialLR and PlateauSequentialLR (PyTorch's SequentialLR mechanics, written once):
 * construction resets the lrs to `initialLr`, undoes the initial steps the chainable children took and re-runs
 * the first one's; each step finds the active phase by the milestones and, at a milestone, restarts a chainable
 * phase at its epoch 0 (`updateLr(0)`). A phase stepped on a metric (PlateauSequentialLR only) is never
 * restarted: it continues from the lrs in the groups and gets the metric. Both classes share this state format.
 */
export abstract class Sequence<C extends Scheduler> {
  abstract readonly type: string;
  readonly optimizer: Optimizer;
  readonly schedulers: readonly C[];
  readonly milestones: readonly number[];
  lastEpoch: number;
  protected readonly lastLr: number[];

  /** Children and milestones must be validated by the subclass; every group must carry `initialLr`. */
  protected constructor(optimizer: Optimizer, children: readonly C[], milestones: readonly number[], lastEpoch: number) {
    this.optimizer = optimizer;
    this.schedulers = children;
    this.milestones = milestones;
    this.lastEpoch = lastEpoch + 1;
    for (const group of optimizer.paramGroups) group.lr = group.initialLr as number;
    for (const child of children) if (isChainable(child)) child.undoInitialStep();
    const first = children[0] as Scheduler;
    if (isChainable(first)) first.initialStep();
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  /** One step of the sequence; `metric` goes to a phase stepped on a metric (and is required there). */
  protected advance(metric: number | undefined): void {
    checkCallOrder(this.optimizer);
    const epoch = nextEpoch(this.type, this.lastEpoch);
    const idx = bisectRight(this.milestones, epoch);
    const child = this.schedulers[idx] as Scheduler;
    if (isChainable(child)) {
      this.lastEpoch = epoch;
      if (idx > 0 && this.milestones[idx - 1] === epoch) child.updateLr(0);
      else child.step();
    } else {
      if (typeof metric !== 'number') throw new OptionError(`${this.type}.step(metric)`, metric, `a number (phase ${idx} is ${child.type})`);
      this.lastEpoch = epoch;
      (child as Scheduler & { step(metric: number): void }).step(metric);
    }
    readGroupLrs(this.optimizer, this.lastLr);
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): SchedulerState {
    return schedulerState(this.type, { lastEpoch: this.lastEpoch, lastLr: this.lastLr.map(encodeFloat), schedulers: this.schedulers.map((s) => s.stateDict()) });
  }

  loadStateDict(state: unknown, path = 'state'): void {
    const reader = openState(path, state, this.type);
    const lastEpoch = reader.integer('lastEpoch');
    const lastLr = reader.floats('lastLr', this.lastLr.length);
    const states = reader.list('schedulers');
    if (states.length !== this.schedulers.length) {
      throw new StateError(`${path}.schedulers`, `expected ${this.schedulers.length} child states, got ${states.length}`);
    }
    loadChildren(this.schedulers, states, `${path}.schedulers`);
    this.lastEpoch = lastEpoch;
    lastLr.forEach((v, i) => (this.lastLr[i] = v));
  }
}
