import { at, NoClosedFormError, OptionError, type Where } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { integerAtLeast } from '../validate.js';
import { defineOptions, lastEpoch, milestones, optionsToSpec, schedulers, torchEpoch } from './defineOptions.js';
import { checkOptimizer, duringInitialization, type Chainable, type SchedulerSpec } from './LRScheduler.js';
import { bisectRight } from '../bisect.js';
import { cannotRestart, checkChildren, checkMilestones, childSpec, countNesting } from './composites.js';
import { Sequence } from './Sequence.js';

/**
 * Options of {@link SequentialLR}: the children (built on the same optimizer) and the steps at which each next one takes over.
 *
 * @example
 * const optimizer = createOptimizer({ lr: 1 });
 * const options: SequentialLROptions = { schedulers: [new ConstantLR(optimizer, { factor: 0.5, totalIters: 2 }), new StepLR(optimizer, { stepSize: 1, gamma: 0.1 })], milestones: [2] };
 * new SequentialLR(optimizer, options).getLastLr(); // [0.5]
 */
export interface SequentialLROptions {
  /** Schedulers built on the same optimizer, run one after another. */
  schedulers: Chainable[];
  /** Steps at which the next scheduler takes over; one fewer than schedulers, strictly increasing. */
  milestones: number[];
  lastEpoch?: number;
}

/** SequentialLR's options as data (defaults, validation, schema, docs, codegen, `toSpec`). */
export const sequentialLROptions = defineOptions<SequentialLROptions>()({
  type: 'SequentialLR',
  doc: 'Run schedulers one after another, switching at the milestones (e.g. warmup then cosine).',
  ...torchEpoch,
  options: { schedulers: schedulers('Scheduler specs, run in order.'), milestones: milestones('milestones'), lastEpoch: lastEpoch() },
  example: { schedulers: [{ type: 'LinearLR', startFactor: 0.01, totalIters: 10 }, { type: 'CosineAnnealingLR', tMax: 90 }], milestones: [10] },
});

/**
 * PyTorch `SequentialLR`. Construction resets the lrs to `initialLr`, undoes the initial steps its
 * children took, and re-runs the first child's; at each milestone the next child restarts at epoch 0
 * (closed form where it has one).
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.1 });
 * const warmup = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 * const decay = new ExponentialLR(optimizer, { gamma: 0.9 });
 * const scheduler = new SequentialLR(optimizer, { schedulers: [warmup, decay], milestones: [5] });
 * scheduler.getLastLr(); // [0.010000000000000002]
 */
export class SequentialLR extends Sequence<Chainable> implements Chainable {
  readonly type = 'SequentialLR';
  readonly stepInput = 'none';
  readonly acceptsEpoch = false;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: SequentialLROptions, where: Where = 'SequentialLR') {
    checkOptimizer(where, optimizer);
    const o = sequentialLROptions.normalize(options, where);
    const { children } = checkChildren('SequentialLR', where, o.schedulers, optimizer);
    const milestones = checkMilestones(where, o.milestones, children.length);
    optimizer.paramGroups.forEach((group, i) => {
      if (typeof group.initialLr !== 'number') {
        throw new OptionError(at(where, 'optimizer', 'paramGroups', i, 'initialLr'), group.initialLr, 'a number (set by the child schedulers)');
      }
    });
    super(optimizer, children, milestones, o.lastEpoch);
    countNesting(where, this, children);
  }

  /** The spec, with each child's spec. */
  toSpec(): SchedulerSpec {
    return { ...optionsToSpec(sequentialLROptions, { milestones: this.milestones }), schedulers: this.schedulers.map((c, i) => childSpec([this.type, 'schedulers', i], c)) } as SchedulerSpec;
  }

  /** PyTorch's recursive undo: composites undo their children, not themselves. */
  undoInitialStep(): void {
    for (const child of this.schedulers) child.undoInitialStep();
  }

  initialStep(): void {
    duringInitialization(() => this.step());
  }

  updateLr(_epoch: number): void {
    cannotRestart(this.type);
  }

  step(): void {
    this.advance(undefined);
  }

  /**
   * Closed form of the sequence: the active child's `lrAt(step - milestone)` (a child restarts at its epoch 0
   * at its milestone, as in PyTorch). Children must have `lrAt`.
   */
  lrAt(step: number): number[] {
    integerAtLeast('SequentialLR.lrAt(step)', step, 0);
    const idx = bisectRight(this.milestones, step);
    const child = this.schedulers[idx] as Chainable & Partial<{ lrAt(step: number): number[] }>;
    if (typeof child.lrAt !== 'function') throw new NoClosedFormError(this.type, `its child ${child.type} has none`);
    return child.lrAt(idx === 0 ? step : step - (this.milestones[idx - 1] as number));
  }

  /** `lrAt(0) .. lrAt(steps - 1)`, one Float64Array per group: each child's preview over its segment. */
  preview(steps: number): Float64Array[] {
    integerAtLeast('SequentialLR.preview(steps)', steps, 0);
    const columns = this.optimizer.paramGroups.map(() => new Float64Array(steps));
    for (let i = 0; i < this.schedulers.length; i++) {
      const from = i === 0 ? 0 : (this.milestones[i - 1] as number);
      const to = i < this.milestones.length ? Math.min(steps, this.milestones[i] as number) : steps;
      if (from >= steps) break;
      const child = this.schedulers[i] as Chainable & Partial<{ preview(steps: number): Float64Array[] }>;
      if (typeof child.preview !== 'function') throw new NoClosedFormError(this.type, `its child ${child.type} has none`);
      child.preview(to - from).forEach((part, g) => (columns[g] as Float64Array).set(part, from));
    }
    return columns;
  }
}
