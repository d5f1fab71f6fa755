import { at, OptionError, type Where } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { defineOptions, lastEpoch, milestones, optionsToSpec, schedulers } from '../torch/defineOptions.js';
import { checkOptimizer, type Chainable, type Scheduler, type SchedulerSpec, type StepInput } from '../torch/LRScheduler.js';
import { checkMilestones, childSpec, countNesting } from '../torch/composites.js';
import { Sequence } from '../torch/Sequence.js';

/**
 * Options of {@link PlateauSequentialLR}: as {@link SequentialLROptions}, and a child may be a {@link ReduceLROnPlateau}.
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.1 });
 * const options: PlateauSequentialLROptions = { schedulers: [new ConstantLR(optimizer, { factor: 0.5, totalIters: 2 }), new ReduceLROnPlateau(optimizer)], milestones: [2] };
 * new PlateauSequentialLR(optimizer, options).getLastLr(); // [0.05]
 */
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
  stepPer: 'epoch',
  cyclesMomentum: false,
  options: { schedulers: schedulers('Scheduler specs, run in order (ReduceLROnPlateau allowed).', ''), milestones: milestones(''), lastEpoch: lastEpoch('') },
  example: { schedulers: [{ type: 'LinearLR', startFactor: 0.1, totalIters: 5 }, { type: 'ReduceLROnPlateau', patience: 3 }], milestones: [5] },
});

/**
 * PyTorch's SequentialLR, plus phases stepped on a metric (pytorch/pytorch#68978): e.g. warmup, then
 * reduce on plateau. A thin layer over SequentialLR's sequencing core ({@link Sequence}): chainable phases
 * behave exactly as in SequentialLR (construction resets lrs to `initialLr`, undoes the children's initial
 * steps and re-runs the first one's; at a milestone the next phase restarts at its epoch 0). A phase stepped
 * on a metric (`stepInput: 'metric'`: ReduceLROnPlateau, or a WarmupLR over one) continues from the lrs the
 * previous phase left (the initial lrs when it is first) and sees its first metric at its milestone step.
 * `step(metric)` passes the metric to such a phase and ignores it in the others; the sequence's own
 * `stepInput` is `'metric'` when any phase takes one.
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.1 });
 * const warm = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 * const plateau = new ReduceLROnPlateau(optimizer, { patience: 3 });
 * // Milestone 6, not 5: LinearLR reaches its peak at its 5th step, and ReduceLROnPlateau keeps the lr it takes over.
 * const scheduler = new PlateauSequentialLR(optimizer, { schedulers: [warm, plateau], milestones: [6] });
 * for (let epoch = 0; epoch < 10; epoch++) {
 *   optimizer.step();
 *   scheduler.step(1 / (epoch + 1)); // the validation loss, passed on to ReduceLROnPlateau after the milestone
 * }
 * scheduler.getLastLr(); // [0.1]
 */
export class PlateauSequentialLR extends Sequence<Scheduler> implements Scheduler {
  readonly type = 'PlateauSequentialLR';
  readonly stepInput: StepInput;
  readonly acceptsEpoch = false;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: PlateauSequentialLROptions, where: Where = 'PlateauSequentialLR') {
    checkOptimizer(where, optimizer);
    const opts = plateauSequentialLROptions.normalize(options, where);
    const children = opts.schedulers;
    children.forEach((c: unknown, i) => {
      const child = c as Partial<Chainable> | null;
      if (child === null || typeof child !== 'object' || typeof child.step !== 'function') throw new OptionError(at(where, 'schedulers', i), c, 'a scheduler');
      const chainable = child.stepInput === 'none' && typeof child.initialStep === 'function';
      if (!chainable && (child as Partial<Scheduler>).stepInput !== 'metric') {
        throw new OptionError(at(where, 'schedulers', i), child.type, 'a chainable scheduler or one stepped on a metric (ReduceLROnPlateau)');
      }
      if (child.optimizer !== optimizer) throw new OptionError(at(where, 'schedulers', i, 'optimizer'), child.type, 'the same optimizer as the PlateauSequentialLR');
    });
    const milestones = checkMilestones(where, opts.milestones, children.length);
    const lastEpoch = opts.lastEpoch;
    // ReduceLROnPlateau does not set initialLr; a sequence made only of plateaus needs it here.
    for (const group of optimizer.paramGroups) if (group.initialLr === undefined) group.initialLr = group.lr;
    super(optimizer, children as Scheduler[], milestones, lastEpoch);
    this.stepInput = this.schedulers.some((c) => c.stepInput === 'metric') ? 'metric' : 'none';
    countNesting(where, this, this.schedulers);
  }

  /** The spec, with each phase's spec. */
  toSpec(): SchedulerSpec {
    return { ...optionsToSpec(plateauSequentialLROptions, { milestones: this.milestones }), schedulers: this.schedulers.map((c, i) => childSpec([this.type, 'schedulers', i], c)) } as SchedulerSpec;
  }

  /** One step; `metric` is required while a phase stepped on a metric is active. */
  step(metric?: number): void {
    this.advance(metric);
  }
}
