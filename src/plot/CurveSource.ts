import { OptionError } from '../errors.js';
import { MAX_TRACE_STEPS } from '../spec/trace.js';
import { integerAtLeast } from '../validate.js';

/**
 * Writes the values of one step: `lr[g]` (and `momentum[g]` when the source has momentum) for each group.
 * It is called with steps 0, 1, 2, ... in order, once per pass.
 */
export type StepReader = (step: number, lr: number[], momentum: number[]) => void;

/**
 * Anything that can be plotted: a named curve (or one curve per param group) with `steps + 1` points,
 * optionally with a momentum curve per group. Sources are re-playable: `open()` starts a fresh pass.
 * Adapters: {@link fromFunction} (a pure `(step) => lr`), `fromScheduler` (a PyTorch-layer scheduler on a
 * plain optimizer) and `fromTraceSpec` (a trace spec, docs/trace-spec.md).
 *
 * @example
 * const source: CurveSource = fromFunction('halving', (t) => 0.1 * 0.5 ** Math.floor(t / 10), 100);
 */
export interface CurveSource {
  /** Legend label. */
  readonly name: string;
  /** Last step; the curve has `steps + 1` points (0..steps). */
  readonly steps: number;
  /** Number of param groups, i.e. curves. */
  readonly groups: number;
  /** Whether `momentum` is filled (SGD momentum, or Adam's beta1). */
  readonly hasMomentum: boolean;
  /** Starts a fresh pass over the steps. */
  open(): StepReader;
}

/** Most steps a plotted source may have: the trace limit, the same everywhere (plots decimate, so it bounds time, not memory). */
export const MAX_PLOT_STEPS = MAX_TRACE_STEPS;

/** Validates `steps` for a plot source. */
export function checkSteps(option: string, steps: unknown): number {
  const n = integerAtLeast(option, steps, 0);
  if (n > MAX_PLOT_STEPS) throw new OptionError(option, steps, `at most ${MAX_PLOT_STEPS}`);
  return n;
}

/**
 * A curve from a pure schedule function of the step (an lrkit schedule, a recipe, or your own).
 *
 * @example
 * const warmup = fromFunction('warmup', (t) => 0.1 * Math.min(1, (t + 1) / 100), 1000);
 */
export function fromFunction(name: string, fn: (step: number) => number, steps: number): CurveSource {
  if (typeof fn !== 'function') throw new OptionError(`${name}.fn`, fn, 'a function of the step');
  const n = checkSteps(`${name}.steps`, steps);
  return {
    name,
    steps: n,
    groups: 1,
    hasMomentum: false,
    open: () => (step, lr) => {
      lr[0] = fn(step);
    },
  };
}
