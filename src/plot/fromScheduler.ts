import { OptionError } from '../errors.js';
import { createOptimizer, type CreateOptimizerOptions, type PlainOptimizer } from '../optim/createOptimizer.js';
import type { ParamGroup } from '../optim/Optimizer.js';
import { checkStepInputs, momentumOf, Run, type RunSetup } from '../spec/drive.js';
import type { Scheduler } from '../torch/LRScheduler.js';
import { checkSteps, type CurveSource, type StepReader } from './CurveSource.js';

export { momentumOf };

/** Options of {@link fromScheduler}. */
export interface FromSchedulerOptions {
  /** Legend label. */
  name: string;
  /** The plain optimizer the scheduler is attached to (its groups become the curves). */
  optimizer: CreateOptimizerOptions;
  /** Builds the scheduler on a fresh optimizer; called once per pass. */
  build: (optimizer: PlainOptimizer) => Scheduler;
  /** Number of `scheduler.step()` calls. */
  steps: number;
  /** The metric for step i (1-based, like trace rows) of a scheduler stepped on one: an array or a function. */
  metrics?: readonly number[] | ((step: number) => number);
  /** Epoch passed to `step(epoch)` for step i (1-based); `null` entries use a plain `step()`. */
  epochs?: ReadonlyArray<number | null>;
}

/**
 * A curve source over a run (see `Run`, the stepping loop shared with `lrkit trace`): each pass starts a fresh
 * run and reads every group's lr and momentum after construction and after each step.
 */
export function runSource(name: string, steps: number, groups: number, setup: RunSetup): CurveSource {
  return {
    name,
    steps,
    groups,
    hasMomentum: true,
    open(): StepReader {
      const run = new Run(setup);
      return (step, lr, momentum) => {
        if (step > 0) run.next();
        const gs = run.optimizer.paramGroups;
        for (let g = 0; g < gs.length; g++) {
          const group = gs[g] as ParamGroup;
          lr[g] = group.lr;
          momentum[g] = momentumOf(group);
        }
      };
    },
  };
}

/**
 * A curve from a PyTorch-layer scheduler: every pass builds a fresh {@link createOptimizer} and the
 * scheduler, records the groups right after construction (step 0), then calls `optimizer.step()` and
 * the scheduler's step (with the metric or epoch its protocol takes) for each further step — exactly the
 * rows of `lrkit trace`.
 *
 * @example
 * const source = fromScheduler({
 *   name: 'StepLR', optimizer: { lr: 0.1, momentum: 0.9 }, steps: 100,
 *   build: (opt) => new StepLR(opt, { stepSize: 30 }),
 * });
 */
export function fromScheduler(options: FromSchedulerOptions): CurveSource {
  const { name, build, metrics, epochs } = options;
  if (typeof build !== 'function') throw new OptionError(`${name}.build`, build, 'a function of the optimizer');
  const steps = checkSteps(`${name}.steps`, options.steps);
  const setup: RunSetup = {
    build: () => {
      const optimizer = createOptimizer(options.optimizer);
      return { optimizer, scheduler: build(optimizer) };
    },
    inputs: { metrics, epochs },
  };
  // Build once up front so configuration errors surface when the source is made, not mid-plot.
  const probe = setup.build();
  checkStepInputs(probe.scheduler, steps, { metrics, epochs });
  return runSource(name, steps, probe.optimizer.paramGroups.length, setup);
}
