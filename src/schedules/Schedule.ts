import { OptionError } from '../errors.js';
import { integerAtLeast } from '../validate.js';
import type { JsonValue } from '../state.js';

/**
 * The JSON description of a schedule: `type` names the primitive, combinator or recipe, the rest are its options.
 *
 * @example
 * const spec: ScheduleSpec = { type: 'cosine', from: 0.1, steps: 100 };
 * scheduleFromSpec(spec)(50); // 0.05
 * schedules.cosine({ from: 0.1, steps: 100 }).spec?.type; // 'cosine'
 */
export interface ScheduleSpec {
  type: string;
  [option: string]: JsonValue;
}

/**
 * A pure schedule: a function of the step count with no side effects. Schedules built by lrkit
 * carry their (normalized) JSON `spec`, which is what makes them serializable, comparable and
 * exportable as code; a plain function has no spec.
 *
 * @example
 * const s: Schedule = schedules.linear({ from: 1, to: 0, steps: 10 });
 * s(5); // 0.5
 * s.spec?.type; // 'linear'
 */
export interface Schedule {
  (step: number): number;
  /** The normalized JSON description, or undefined when the schedule contains a plain function. */
  readonly spec: ScheduleSpec | undefined;
  /** Levels of schedules in it: 1 for a primitive, 1 + the deepest inner schedule for a combinator. */
  readonly nesting: number;
}

/**
 * What combinators accept: an lrkit schedule or any plain `(step) => value` function.
 *
 * @example
 * const mine: ScheduleLike = (step) => 0.1 / (1 + step);
 * schedules.warmup(mine, { steps: 5 })(5); // 0.1
 */
export type ScheduleLike = Schedule | ((step: number) => number);

/**
 * Wraps a function as a {@link Schedule} carrying `spec`.
 *
 * @example
 * const half = defineSchedule((t) => 0.5, { type: 'constant', value: 0.5 });
 */
export function defineSchedule(fn: (step: number) => number, spec: ScheduleSpec | undefined, nesting = 1): Schedule {
  const schedule = (step: number): number => fn(step);
  Object.defineProperty(schedule, 'spec', { value: spec === undefined ? undefined : Object.freeze(spec), enumerable: true });
  Object.defineProperty(schedule, 'nesting', { value: nesting });
  return schedule as Schedule;
}

/** The nesting of a schedule-like value (a plain function counts as 1). */
export function nestingOf(schedule: ScheduleLike): number {
  const n = (schedule as Partial<Schedule>).nesting;
  return typeof n === 'number' ? n : 1;
}

/** The spec of a schedule-like value, or undefined for a plain function. */
export function specOf(schedule: ScheduleLike): ScheduleSpec | undefined {
  return (schedule as Partial<Schedule>).spec;
}

/** Checks that `value` is a schedule (any function of one number). */
export function checkSchedule(option: string, value: unknown): ScheduleLike {
  if (typeof value !== 'function') throw new OptionError(option, value, 'a schedule (a function of the step)');
  return value as ScheduleLike;
}

/**
 * A schedule's values at steps `0 .. steps - 1`, as a Float64Array: the same name and shape as a scheduler's
 * `preview(steps)` (which gives one such array per param group).
 *
 * @example
 * previewSchedule(schedules.linear({ from: 1, to: 0, steps: 4 }), 5); // Float64Array [1, 0.75, 0.5, 0.25, 0]
 */
export function previewSchedule(schedule: ScheduleLike, steps: number): Float64Array {
  integerAtLeast('preview(steps)', steps, 0);
  checkSchedule('preview(schedule)', schedule);
  const out = new Float64Array(steps);
  for (let i = 0; i < steps; i++) out[i] = schedule(i);
  return out;
}

/**
 * Evaluates a schedule at steps `0 .. steps - 1`, as a plain array.
 *
 * @deprecated One name for sampling: use `schedules.preview(schedule, steps)` (a Float64Array, like
 * `scheduler.preview(steps)`); `sample` will be removed in the next release.
 * @example
 * sample(schedules.linear({ from: 1, to: 0, steps: 4 }), 5); // [1, 0.75, 0.5, 0.25, 0]
 */
export function sample(schedule: ScheduleLike, steps: number): number[] {
  return Array.from(previewSchedule(schedule, steps));
}
