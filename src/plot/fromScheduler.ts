import { OptionError } from '../errors.js';
import { createOptimizer, type CreateOptimizerOptions, type PlainOptimizer } from '../optim/createOptimizer.js';
import type { ParamGroup } from '../optim/Optimizer.js';
import type { LRScheduler, Scheduler } from '../torch/LRScheduler.js';
import { ReduceLROnPlateau } from '../torch/ReduceLROnPlateau.js';
import { checkSteps, type CurveSource, type StepReader } from './CurveSource.js';

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
  /** ReduceLROnPlateau's metric for step i (1-based, like trace rows): an array or a function. */
  metrics?: readonly number[] | ((step: number) => number);
  /** Epoch passed to `step(epoch)` for step i (1-based); `null` entries use a plain `step()`. */
  epochs?: ReadonlyArray<number | null>;
}

/** The momentum-like value a group carries: `betas[0]` for Adam, else `momentum` (0 when absent). */
export function momentumOf(group: ParamGroup): number {
  return Array.isArray(group.betas) ? (group.betas[0] as number) : (group.momentum ?? 0);
}

/**
 * A curve from a PyTorch-layer scheduler: every pass builds a fresh {@link createOptimizer} and the
 * scheduler, records the groups right after construction (step 0), then calls `optimizer.step()` and
 * `scheduler.step()` for each further step — exactly the rows of `lrkit trace`.
 *
 * @example
 * const source = fromScheduler({
 *   name: 'StepLR', optimizer: { lr: 0.1, momentum: 0.9 }, steps: 100,
 *   build: (opt) => new StepLR(opt, { stepSize: 30 }),
 * });
 */
export function fromScheduler(options: FromSchedulerOptions): CurveSource {
  const { name, build, metrics, epochs } = options;
  const steps = checkSteps(`${name}.steps`, options.steps);
  if (Array.isArray(metrics) && metrics.length < steps) throw new OptionError('metrics', metrics, `an array with at least one entry per step (${steps})`);
  if (Array.isArray(epochs) && epochs.length < steps) throw new OptionError('epochs', epochs, `an array with at least one entry per step (${steps})`);
  // Build once up front so configuration errors surface when the source is made, not mid-plot.
  const probe = build(createOptimizer(options.optimizer));
  const groups = probe.optimizer.paramGroups.length;
  // ReduceLROnPlateau, and lrkit schedulers that pass metrics on to one (WarmupLR, PlateauSequentialLR).
  const takesMetric = (s: Scheduler) => s instanceof ReduceLROnPlateau || (s as { takesMetrics?: boolean }).takesMetrics === true;
  if (takesMetric(probe) && metrics === undefined && steps > 0) {
    throw new OptionError('metrics', undefined, 'one metric per step for ReduceLROnPlateau');
  }
  return {
    name,
    steps,
    groups,
    hasMomentum: true,
    open(): StepReader {
      const optimizer = createOptimizer(options.optimizer);
      const scheduler = build(optimizer);
      const plateau = takesMetric(scheduler) ? (scheduler as unknown as { step(metric: number): void }) : null;
      const metricAt = typeof metrics === 'function' ? metrics : (i: number) => (metrics as readonly number[])[i - 1] as number;
      return (step, lr, momentum) => {
        if (step > 0) {
          optimizer.step();
          if (plateau !== null) plateau.step(metricAt(step));
          else if (epochs !== undefined && epochs[step - 1] !== null && epochs[step - 1] !== undefined) (scheduler as LRScheduler).step(epochs[step - 1] as number);
          else (scheduler as { step(): void }).step();
        }
        const gs = optimizer.paramGroups;
        for (let g = 0; g < gs.length; g++) {
          const group = gs[g] as ParamGroup;
          lr[g] = group.lr;
          momentum[g] = momentumOf(group);
        }
      };
    },
  };
}
