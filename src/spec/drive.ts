import { OptionError } from '../errors.js';
import type { PlainOptimizer } from '../optim/createOptimizer.js';
import type { ParamGroup } from '../optim/Optimizer.js';
import type { Scheduler } from '../torch/LRScheduler.js';

/**
 * What a run gives the scheduler at step i (1-based, as trace rows): `metrics[i - 1]` (or `metrics(i)`) when
 * its `stepInput` is `'metric'`, `epochs[i - 1]` for `step(epoch)` when it `acceptsEpoch` (`null`: plain `step()`).
 */
export interface StepInputs {
  readonly metrics?: ArrayLike<number> | ((step: number) => number);
  readonly epochs?: ArrayLike<number | null>;
}

/** A freshly built optimizer and the scheduler attached to it. */
export interface BuiltRun {
  optimizer: PlainOptimizer;
  scheduler: Scheduler;
}

/** How to make a run: a builder (called again to resume), the step inputs, and optionally where to resume. */
export interface RunSetup {
  build(): BuiltRun;
  inputs?: StepInputs;
  /** After this many steps, every state goes through JSON into a freshly built optimizer and scheduler. */
  resumeAt?: number;
}

/**
 * Checks that `inputs` fit the scheduler's protocol over `steps` steps: metrics exactly when it is stepped on
 * a metric, epochs only when it takes `step(epoch)`. Errors name the spec keys `metrics` / `epochs`.
 */
export function checkStepInputs(scheduler: Scheduler, steps: number, inputs: StepInputs): void {
  const { metrics, epochs } = inputs;
  if (scheduler.stepInput === 'metric' && metrics === undefined && steps > 0) {
    throw new OptionError('metrics', undefined, `one metric per step (${scheduler.type} is stepped on a metric)`);
  }
  if (scheduler.stepInput !== 'metric' && metrics !== undefined) {
    throw new OptionError('metrics', metrics, `no metrics (${scheduler.type} is not stepped on a metric)`);
  }
  for (const [key, list] of [['metrics', metrics], ['epochs', epochs]] as const) {
    if (list !== undefined && typeof list !== 'function' && list.length < steps) {
      throw new OptionError(key, list, `an array with at least one entry per step (${steps})`);
    }
  }
  if (epochs !== undefined && !scheduler.acceptsEpoch) throw new OptionError('epochs', epochs, `no epochs (${scheduler.type} has no step(epoch))`);
}

/**
 * Steps `scheduler` as step `i` (1-based) of a run, with the input its protocol takes: the one place that
 * decides between `step()`, `step(metric)` and `step(epoch)`.
 */
export function stepScheduler(scheduler: Scheduler, inputs: StepInputs, i: number): void {
  if (scheduler.stepInput === 'metric') {
    const metrics = inputs.metrics;
    const metric = typeof metrics === 'function' ? metrics(i) : (metrics?.[i - 1] as number);
    (scheduler as Scheduler & { step(metric: number): void }).step(metric);
    return;
  }
  const epoch = inputs.epochs?.[i - 1];
  if (epoch === undefined || epoch === null) (scheduler as Scheduler & { step(): void }).step();
  else if (scheduler.acceptsEpoch) (scheduler as Scheduler & { step(epoch: number): void }).step(epoch);
  else throw new OptionError(`epochs[${i - 1}]`, epoch, `null (${scheduler.type} has no step(epoch))`);
}

/** The momentum-like value a group carries: `betas[0]` for Adam, else `momentum` (0 when absent). */
export function momentumOf(group: ParamGroup): number {
  return Array.isArray(group.betas) ? (group.betas[0] as number) : (group.momentum ?? 0);
}

/**
 * A run of a scheduler on its optimizer, one step at a time: the one stepping loop behind `lrkit trace`,
 * `plot`, `compare`, the plot sources and the playground. Right after construction `step` is 0; each
 * `next()` calls `optimizer.step()` then the scheduler's step with its input, and at `resumeAt` round-trips
 * every state through JSON into a freshly built pair (which must give the same rows).
 *
 * @example
 * const run = new Run({ build: () => { const optimizer = createOptimizer({ lr: 0.1 }); return { optimizer, scheduler: new StepLR(optimizer, { stepSize: 2 }) }; } });
 * run.next(); run.optimizer.paramGroups[0].lr; // 0.1
 */
export class Run {
  optimizer: PlainOptimizer;
  scheduler: Scheduler;
  /** Steps taken so far. */
  step = 0;
  private readonly inputs: StepInputs;

  constructor(private readonly setup: RunSetup) {
    ({ optimizer: this.optimizer, scheduler: this.scheduler } = setup.build());
    this.inputs = setup.inputs ?? {};
    if (setup.resumeAt === 0) this.resume();
  }

  /** The groups as they are now (the row of step `this.step`). */
  get groups(): readonly ParamGroup[] {
    return this.optimizer.paramGroups;
  }

  next(): void {
    this.optimizer.step();
    this.step += 1;
    stepScheduler(this.scheduler, this.inputs, this.step);
    if (this.step === this.setup.resumeAt) this.resume();
  }

  private resume(): void {
    const saved = JSON.stringify({ optimizer: this.optimizer.stateDict(), scheduler: this.scheduler.stateDict() });
    const fresh = this.setup.build();
    const parsed = JSON.parse(saved) as { optimizer: unknown; scheduler: unknown };
    fresh.optimizer.loadStateDict(parsed.optimizer);
    fresh.scheduler.loadStateDict(parsed.scheduler);
    this.optimizer = fresh.optimizer;
    this.scheduler = fresh.scheduler;
  }
}

/**
 * Drives a run for `steps` steps: `onRow(0, groups)` right after construction, then `onRow(i, groups)` after
 * the i-th step. A failing step throws after the rows before it were delivered.
 *
 * @example
 * drive({ build }, 100, (step, groups) => console.log(step, groups[0].lr));
 */
export function drive(setup: RunSetup, steps: number, onRow: (step: number, groups: readonly ParamGroup[]) => void): void {
  const run = new Run(setup);
  onRow(0, run.groups);
  while (run.step < steps) {
    run.next();
    onRow(run.step, run.groups);
  }
}
