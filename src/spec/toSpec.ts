import { OptionError } from '../errors.js';
import { specOf, type Schedule, type ScheduleLike, type ScheduleSpec } from '../schedules/Schedule.js';
import type { Scheduler, SchedulerSpec } from '../torch/LRScheduler.js';

/**
 * The canonical JSON spec of a schedule or scheduler: every option explicit (defaults filled in), type names
 * the JavaScript ones (`hf.cosineWithRestarts`), so `toSpec(fromSpec(toSpec(x)))` equals `toSpec(x)` and builds
 * an identical schedule. Every lrkit schedule carries its spec and every scheduler knows its own
 * (`scheduler.toSpec()`), however it was built. Throws an OptionError for what has no JSON form (a plain
 * JavaScript function as a schedule or lambda).
 *
 * @example
 * toSpec(new StepLR(createOptimizer({ lr: 0.1 }), { stepSize: 10 })).type; // 'StepLR'
 * const spec = toSpec(schedules.cosine({ from: 0.1, steps: 100 })); // { type: 'cosine', from: 0.1, steps: 100, cycles: 0.5, ... }
 * scheduleFromSpec(spec)(50); // 0.05
 */
export function toSpec(x: Schedule | ScheduleLike): ScheduleSpec;
export function toSpec(x: Scheduler): SchedulerSpec;
export function toSpec(x: Schedule | ScheduleLike | Scheduler): ScheduleSpec | SchedulerSpec;
export function toSpec(x: Schedule | ScheduleLike | Scheduler): ScheduleSpec | SchedulerSpec {
  if (typeof x === 'function') {
    const spec = specOf(x);
    if (spec === undefined) throw new OptionError('toSpec(schedule)', x, 'a schedule built by lrkit (a plain function, or a combinator of one, has no spec)');
    return structuredClone(spec) as ScheduleSpec;
  }
  if (x === null || typeof x !== 'object' || typeof (x as Partial<Scheduler>).toSpec !== 'function') {
    throw new OptionError('toSpec(scheduler)', x, 'an lrkit schedule or scheduler');
  }
  return x.toSpec();
}
