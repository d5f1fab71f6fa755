import { at, NoClosedFormError, OptionError, StateError, type Where } from '../errors.js';
import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { warmupCurve, WARMUP_MODES, type WarmupMode } from '../combinators/warmup.js';
import { encodeFloat, openState, schedulerState, type SchedulerState } from '../state.js';
import { numberInRange } from '../validate.js';
import { choice, defineOptions, int, num } from '../torch/defineOptions.js';
import { checkCallOrder, type Scheduler, type SchedulerSpec, type StepInput } from '../torch/LRScheduler.js';
import { childSpec, countNesting } from '../torch/composites.js';

/**
 * Options of {@link WarmupLR}.
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.1 });
 * const options: WarmupLROptions = { steps: 4, startFactor: 0, mode: 'linear' };
 * const scheduler = new WarmupLR(new StepLR(optimizer, { stepSize: 10 }), options);
 * scheduler.getLastLr(); // [0]
 */
export interface WarmupLROptions {
  /** Warmup length in steps, a positive integer. */
  steps: number;
  /** Start of the warmup as a fraction of each group's target lr, >= 0 (> 0 for 'exponential'). Default 1/3, like LinearLR. */
  startFactor?: number;
  /** Default 'linear'. */
  mode?: WarmupMode;
}

/** WarmupLR's options as data (defaults, validation, schema, docs, codegen); `scheduler` is the wrapped one (in code: the first argument). */
export const warmupLROptions = defineOptions<WarmupLROptions & { scheduler: Scheduler }>()({
  type: 'WarmupLR',
  doc: 'lrkit: warmup in front of any scheduler (the wrapped scheduler starts after the warmup).',
  module: 'lrkit',
  stepPer: 'epoch',
  cyclesMomentum: false,
  options: {
    scheduler: {
      type: {
        kind: 'custom',
        schema: { $ref: '#/$defs/scheduler' },
        expectation: 'a scheduler spec',
        form: 'scheduler',
        check: (path, value) => {
          if (value === null || typeof value !== 'object' || typeof (value as Partial<Scheduler>).step !== 'function') throw new OptionError(path, value, 'a scheduler');
          return value as never;
        },
      },
      doc: 'The wrapped scheduler.',
      pytorch: '',
    },
    steps: int('', 'Warmup steps.', 1),
    startFactor: num('', 'Start as a fraction of the target.', { min: 0 }, 1 / 3),
    mode: choice('', 'Warmup shape.', WARMUP_MODES, 'linear'),
  },
  example: { scheduler: { type: 'CosineAnnealingLR', tMax: 90 }, steps: 10, startFactor: 0.01 },
  check: (o, path) => {
    numberInRange(at(path, 'startFactor'), o.startFactor, { min: 0, minExclusive: o.mode === 'exponential' });
  },
});

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
 * const optimizer = createOptimizer({ lr: 0.1 });
 * const plateau = new ReduceLROnPlateau(optimizer, { patience: 2 });
 * const scheduler = new WarmupLR(plateau, { steps: 5, startFactor: 0.1 });
 * scheduler.getLastLr(); // [0.010000000000000002]
 * for (const valLoss of [0.9, 0.8, 0.7, 0.6, 0.5]) {
 *   optimizer.step();
 *   scheduler.step(valLoss); // warmup: the metric is ignored
 * }
 * scheduler.getLastLr(); // [0.1]
 * optimizer.step();
 * scheduler.step(0.45); // from now on: ReduceLROnPlateau.step(0.45)
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

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(scheduler: Scheduler, options: WarmupLROptions, where: Where = 'WarmupLR') {
    if (scheduler === null || typeof scheduler !== 'object' || typeof (scheduler as Partial<Scheduler>).step !== 'function') {
      throw new OptionError(at(where, 'scheduler'), scheduler, 'a scheduler');
    }
    if (options !== null && typeof options === 'object' && 'scheduler' in options) {
      throw new OptionError(at(where, 'scheduler'), (options as { scheduler: unknown }).scheduler, 'the wrapped scheduler as the first argument, not an option');
    }
    const raw = options !== null && typeof options === 'object' && !Array.isArray(options) ? { ...options, scheduler } : options;
    const o = warmupLROptions.normalize(raw, where);
    this.steps = o.steps;
    this.mode = o.mode;
    this.startFactor = o.startFactor;
    this.scheduler = scheduler;
    countNesting(where, this, [scheduler]);
    this.optimizer = scheduler.optimizer;
    this.stepInput = scheduler.stepInput;
    this.targets = this.optimizer.paramGroups.map((g) => g.lr);
    this.lastLr = [...this.targets];
    this.write();
  }

  /** The spec, with the wrapped scheduler's spec. */
  toSpec(): SchedulerSpec {
    return { type: this.type, scheduler: childSpec([this.type, 'scheduler'], this.scheduler), steps: this.steps, startFactor: this.startFactor, mode: this.mode };
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
    if (typeof inner.lrAt !== 'function') throw new NoClosedFormError(this.type, `past the warmup it is ${this.scheduler.type}'s, which has none`);
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
