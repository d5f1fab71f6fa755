import { OptionError, StateError } from '../errors.js';
import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { warmupCurve, WARMUP_MODES, type WarmupMode } from '../combinators/warmup.js';
import { encodeFloat, openState, schedulerState, type SchedulerState } from '../state.js';
import { knownKeys, numberInRange, oneOf, plainObject, positiveInteger } from '../validate.js';
import { checkCallOrder, type Scheduler, type StepInput } from '../torch/LRScheduler.js';

export interface WarmupLROptions {
  /** Warmup length in steps, a positive integer. */
  steps: number;
  /** Start of the warmup as a fraction of each group's target lr, >= 0 (> 0 for 'exponential'). Default 1/3, like LinearLR. */
  startFactor?: number;
  /** Default 'linear'. */
  mode?: WarmupMode;
}

/**
 * Warmup in front of any stateful scheduler, ReduceLROnPlateau and composites included (the missing
 * piece of pytorch/pytorch#68978). The wrapped scheduler is built first, as usual; its step-0 lrs become
 * the warmup targets. For `steps` steps the lrs follow the warmup curve (the same function as the pure
 * {@link warmup} combinator) from `startFactor * target` to the target; at step `steps` the targets are
 * restored and from then on every `step(...)` is forwarded, so the wrapped scheduler runs on its own clock
 * (its step k happens at step `steps + k`). It is stepped like the wrapped scheduler (`stepInput`); a metric
 * given during the warmup is ignored; momentum written by the wrapped scheduler at construction is left as it is.
 *
 * @example
 * const plateau = new ReduceLROnPlateau(optimizer, { patience: 2 });
 * const scheduler = new WarmupLR(plateau, { steps: 5, startFactor: 0.1 });
 * scheduler.step(valLoss); // warmup for 5 steps, then ReduceLROnPlateau.step(valLoss)
 */
export class WarmupLR implements Scheduler {
  readonly type = 'WarmupLR';
  readonly optimizer: Optimizer;
  readonly scheduler: Scheduler;
  readonly steps: number;
  readonly startFactor: number;
  readonly mode: WarmupMode;
  /** The wrapped scheduler's: `'metric'` over ReduceLROnPlateau (or a sequence with a plateau phase). */
  readonly stepInput: StepInput;
  /** No `step(epoch)`: an epoch would mean different things before and after the warmup. */
  readonly acceptsEpoch = false;
  /** Steps taken so far. */
  t = 0;
  private targets: number[];
  private readonly lastLr: number[];

  constructor(scheduler: Scheduler, options: WarmupLROptions) {
    if (scheduler === null || typeof scheduler !== 'object' || typeof (scheduler as Partial<Scheduler>).step !== 'function') {
      throw new OptionError('WarmupLR.scheduler', scheduler, 'a scheduler');
    }
    const opts = plainObject('WarmupLR.options', options);
    knownKeys('WarmupLR', opts, ['steps', 'startFactor', 'mode']);
    this.steps = positiveInteger('WarmupLR.steps', opts.steps);
    this.mode = oneOf('WarmupLR.mode', opts.mode ?? 'linear', WARMUP_MODES);
    this.startFactor = numberInRange('WarmupLR.startFactor', opts.startFactor ?? 1 / 3, { min: 0, minExclusive: this.mode === 'exponential' });
    this.scheduler = scheduler;
    this.optimizer = scheduler.optimizer;
    this.stepInput = scheduler.stepInput;
    this.targets = this.optimizer.paramGroups.map((g) => g.lr);
    this.lastLr = [...this.targets];
    this.write();
  }

  private write(): void {
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < groups.length; i++) {
      const target = this.targets[i] as number;
      const lr = this.t >= this.steps ? target : warmupCurve(this.mode, this.startFactor * target, target, this.t, this.steps);
      (groups[i] as ParamGroup).lr = lr;
      this.lastLr[i] = lr;
    }
  }

  /**
   * One step; after the warmup the metric goes to the wrapped scheduler when it takes one (`stepInput`
   * `'metric'`). During the warmup the metric is not needed and is ignored.
   */
  step(metric?: number): void {
    if (this.stepInput === 'none' && metric !== undefined) {
      throw new OptionError('WarmupLR.step(metric)', metric, `no argument (${this.scheduler.type} is not stepped on a metric)`);
    }
    if (this.optimizer.paramGroups.length !== this.targets.length) {
      throw new OptionError('WarmupLR.optimizer.paramGroups', this.optimizer.paramGroups.length, `${this.targets.length} param groups, as when the scheduler was built`);
    }
    this.t += 1;
    if (this.t <= this.steps) {
      checkCallOrder(this.optimizer);
      this.write();
      return;
    }
    if (this.stepInput === 'metric') (this.scheduler as Scheduler & { step(metric: number): void }).step(metric as number);
    else (this.scheduler as Scheduler & { step(): void }).step();
    this.optimizer.paramGroups.forEach((g, i) => (this.lastLr[i] = g.lr));
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** Warmup lrs for steps inside the warmup, else the wrapped scheduler's `lrAt(step - steps)` when it has one. */
  lrAt(step: number): number[] {
    if (step < this.steps) return this.targets.map((target) => warmupCurve(this.mode, this.startFactor * target, target, step, this.steps));
    const inner = this.scheduler as Partial<{ lrAt(step: number): number[] }>;
    if (typeof inner.lrAt !== 'function') throw new OptionError('WarmupLR.lrAt', step, `a step inside the warmup (${this.scheduler.type} has no closed form)`);
    return inner.lrAt(step - this.steps);
  }

  stateDict(): SchedulerState {
    return schedulerState(this.type, {
      t: this.t,
      targets: this.targets.map(encodeFloat),
      lastLr: this.lastLr.map(encodeFloat),
      scheduler: this.scheduler.stateDict(),
    });
  }

  loadStateDict(state: unknown, path = 'state'): void {
    const reader = openState(path, state, this.type);
    const t = reader.integer('t');
    if (t < 0) throw new StateError(`${path}.t`, `expected a non-negative integer, got ${t}`);
    const targets = reader.floats('targets', this.targets.length);
    const lastLr = reader.floats('lastLr', this.lastLr.length);
    this.scheduler.loadStateDict(reader.raw('scheduler'), `${path}.scheduler`);
    this.t = t;
    this.targets = targets;
    lastLr.forEach((v, i) => (this.lastLr[i] = v));
  }
}
