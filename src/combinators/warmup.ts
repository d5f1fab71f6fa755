import { at, OptionError } from '../errors.js';
import { bool, choice, defineDefinition, instantiate, num, scheduleOption } from '../schedules/define.js';
import type { Schedule, ScheduleLike } from '../schedules/Schedule.js';

/**
 * Shape of a warmup: straight line, geometric ramp, or a constant low value (Goyal et al.'s "constant warmup").
 *
 * @example
 * const mode: WarmupMode = 'exponential';
 * warmupCurve(mode, 0.01, 1, 1, 2); // 0.1
 */
export type WarmupMode = 'linear' | 'exponential' | 'constant';

export const WARMUP_MODES: readonly WarmupMode[] = ['linear', 'exponential', 'constant'];

/**
 * The warmup curve at step `t` of `steps`, from `from` towards `to`. This is the only warmup
 * arithmetic in lrkit: the pure combinator and the stateful {@link WarmupLR} both call it.
 * Linear uses timm's form `from + t * ((to - from) / steps)`.
 *
 * @example
 * warmupCurve('linear', 0, 1, 5, 10); // 0.5
 */
export function warmupCurve(mode: WarmupMode, from: number, to: number, t: number, steps: number): number {
  if (mode === 'constant' || t <= 0) return from;
  // A geometric ramp between equal values is flat (this also covers warming up to a target lr of 0, where to/from is 0/0).
  if (mode === 'exponential') return from === to ? from : from * (to / from) ** (t / steps);
  return from + t * ((to - from) / steps);
}

/**
 * Options of {@link schedules | schedules.warmup}.
 *
 * @example
 * const options: WarmupOptions = { steps: 4, from: 0, mode: 'linear' };
 * schedules.warmup(schedules.constant({ value: 1 }), options)(2); // 0.5
 */
export interface WarmupOptions {
  /** Length of the warmup, >= 0 (0 disables it). */
  steps: number;
  /** Value at step 0. Default 0 (must be > 0 for 'exponential'). */
  from?: number;
  /** Default 'linear'. */
  mode?: WarmupMode;
  /** Value the warmup heads for. Default: where the schedule continues (its value at step 0, or at `steps` without prefix). */
  to?: number;
  /**
   * true (Hugging Face, Optax, Keras): the schedule starts after the warmup, on its own clock.
   * false (timm's default): the warmup replaces the schedule's first `steps` steps. Default true.
   */
  prefix?: boolean;
}

export const warmupDefinition = defineDefinition({
  type: 'warmup',
  doc: 'Prepends a warmup (linear, exponential or constant) to any schedule.',
  example: { schedule: { type: 'cosine', from: 0.1, steps: 90 }, steps: 10 },
  options: {
    schedule: scheduleOption('The schedule after the warmup.'),
    steps: num('Length of the warmup (0 disables it).', { min: 0 }),
    from: num('Value at step 0.', { default: 0 }),
    mode: choice('Shape of the warmup.', WARMUP_MODES, 'linear'),
    to: num('Value the warmup heads for (default: where the schedule continues).', { optional: true }),
    prefix: bool('Start the schedule after the warmup on its own clock (false: the warmup covers its first steps).', true),
  },
  build: (o, scope) => {
    const schedule = o.schedule;
    const steps = o.steps;
    const from = o.from;
    const mode = o.mode;
    const prefix = o.prefix;
    const to = o.to ?? schedule(prefix ? 0 : steps);
    if (mode === 'exponential' && !(from > 0 && to > 0)) {
      throw new OptionError(at(scope, 'from'), from, `a positive start and target for an exponential warmup (target ${to})`);
    }
    return (t) => {
      if (t < steps) return warmupCurve(mode, from, to, Math.max(t, 0), steps);
      return schedule(prefix ? t - steps : t);
    };
  },
});

/**
 * Warmup for any schedule, written once.
 *
 * @example
 * const s = schedules.warmup(schedules.cosine({ from: 0.1, steps: 90 }), { steps: 10 });
 * s(5);  // 0.05
 * s(10); // 0.1, the cosine's step 0
 */
export function warmup(schedule: ScheduleLike, options: WarmupOptions): Schedule {
  return instantiate(warmupDefinition, { ...options, schedule });
}
