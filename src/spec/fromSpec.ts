import { OptionError } from '../errors.js';
import type { PlainOptimizer } from '../optim/createOptimizer.js';
import type { Optimizer } from '../optim/Optimizer.js';
import type { Schedule, ScheduleSpec } from '../schedules/Schedule.js';
import type { Scheduler, SchedulerSpec } from '../torch/LRScheduler.js';
import { scheduleFromSpec } from './buildSchedule.js';
import { buildScheduler } from './buildScheduler.js';
import { isScheduleType } from './scheduleDefinitions.js';
import { parseTrace } from './trace.js';

/** What {@link fromSpec} builds from a trace spec. */
export interface BuiltSpec {
  optimizer: PlainOptimizer;
  scheduler: Scheduler;
  steps: number;
  metrics: number[] | undefined;
  epochs: Array<number | null> | undefined;
  resumeAt: number | undefined;
}

/**
 * Builds what a spec describes, the inverse of {@link toSpec}:
 * - a trace spec (the `lrkit trace` shape, docs/trace-spec.md, with any scheduler, schedule or recipe type in `scheduler`): its
 *   optimizer and scheduler, plus the run's steps, metrics, epochs and resumeAt;
 * - a scheduler spec (`{ type: 'StepLR', ... }`, as `toSpec(scheduler)` gives) with the optimizer to attach it to;
 * - a schedule spec (`{ type: 'cosine', ... }`, as `toSpec(schedule)` gives): the pure schedule (or, with an
 *   optimizer, a ScheduleLR driving it).
 * Errors are OptionErrors whose `path` locates the bad value, e.g. `scheduler.schedulers[1].gamma: expected a number in (0, inf), got "0.9x"`.
 *
 * @example
 * const { optimizer, scheduler } = fromSpec({ optimizer: { type: 'adam', lr: 1e-3 }, scheduler: { type: 'hf.cosine', lr: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1000 }, steps: 1000 });
 * const again = fromSpec(toSpec(scheduler), createOptimizer({ lr: 1e-3 }));
 * const schedule = fromSpec(toSpec(cosine({ from: 0.1, steps: 100 })));
 */
export function fromSpec(spec: SchedulerSpec | ScheduleSpec, optimizer: Optimizer): Scheduler;
export function fromSpec(spec: ScheduleSpec): Schedule;
export function fromSpec(spec: unknown): BuiltSpec;
export function fromSpec(spec: unknown, optimizer?: Optimizer): BuiltSpec | Scheduler | Schedule {
  const bare = spec !== null && typeof spec === 'object' && !Array.isArray(spec) && Object.prototype.hasOwnProperty.call(spec, 'type');
  if (optimizer !== undefined) return buildScheduler(optimizer, spec, ['spec']);
  if (bare) {
    const type = (spec as { type: unknown }).type;
    if (isScheduleType(type)) return scheduleFromSpec(spec, ['spec']);
    throw new OptionError(
      'optimizer',
      undefined,
      `an optimizer to attach the ${typeof type === 'string' ? type : 'scheduler'} to: fromSpec(spec, optimizer) (or a trace spec { optimizer, scheduler, steps })`,
    );
  }
  const { spec: t, built } = parseTrace(spec);
  return { ...built, steps: t.steps, metrics: t.metrics, epochs: t.epochs, resumeAt: t.resumeAt };
}
