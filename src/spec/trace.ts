import { at, OptionError } from '../errors.js';
import { PlainOptimizer, type CreateOptimizerOptions } from '../optim/createOptimizer.js';
import { integerAtLeast, knownKeys, plainObject } from '../validate.js';
import { buildScheduler, type SchedulerSpec } from './buildScheduler.js';
import { checkStepInputs, drive, momentumOf, Run, type BuiltRun } from './drive.js';

/**
 * Most steps a trace spec may ask for, everywhere a spec is run (trace, plot, compare, code, the playground),
 * so a typo cannot make a run take hours.
 */
export const MAX_TRACE_STEPS = 10_000_000;

/**
 * A trace spec, the JSON contract of `lrkit trace` (documented in docs/trace-spec.md): the optimizer, the
 * scheduler (any scheduler, schedule or recipe type), the number of steps, the per-step inputs the scheduler's
 * protocol takes, and optionally a step at which every state is saved to JSON and loaded into a fresh run.
 */
export interface TraceSpec {
  optimizer: CreateOptimizerOptions;
  scheduler: SchedulerSpec;
  /** Steps after construction; the run has `steps + 1` rows. At most {@link MAX_TRACE_STEPS}. */
  steps: number;
  /** `metrics[i - 1]` is step i's metric; exactly when the scheduler's `stepInput` is `'metric'`. */
  metrics?: number[];
  /** `epochs[i - 1]` is passed to `step(epoch)` (`null`: plain `step()`); only when the scheduler `acceptsEpoch`. */
  epochs?: Array<number | null>;
  /** A step in 0..steps. */
  resumeAt?: number;
}

/** The trace result: one row per step (row 0 is right after construction), one column per param group. */
export interface TraceResult {
  lr: number[][];
  momentum: number[][];
}

const KEYS = ['optimizer', 'scheduler', 'steps', 'metrics', 'epochs', 'resumeAt'];

function numberList(path: string, value: unknown, steps: number, allowNull: boolean): Array<number | null> {
  if (!Array.isArray(value) || value.length < steps) throw new OptionError(path, value, `an array with at least one entry per step (${steps})`);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (!(typeof v === 'number' || (allowNull && v === null))) throw new OptionError(at(path, i), v, allowNull ? 'a number or null' : 'a number');
  }
  return value as Array<number | null>;
}

/** Builds the trace's optimizer; errors name their path under `optimizer` (the prefix is passed down). */
export function buildOptimizer(spec: CreateOptimizerOptions): PlainOptimizer {
  return new PlainOptimizer(spec, ['optimizer']);
}

/** A fresh optimizer and scheduler for a parsed spec. */
export function buildTrace(spec: TraceSpec): BuiltRun {
  const optimizer = buildOptimizer(spec.optimizer);
  return { optimizer, scheduler: buildScheduler(optimizer, spec.scheduler) };
}

/**
 * Parses and validates a trace spec and returns it with a first build of its optimizer and scheduler
 * (internal: {@link parseTraceSpec} is the public form).
 */
export function parseTrace(spec: unknown): { spec: TraceSpec; built: BuiltRun } {
  const s = plainObject('spec', spec);
  knownKeys('spec', s, KEYS);
  const optimizer = plainObject('optimizer', s.optimizer) as unknown as CreateOptimizerOptions;
  const steps = integerAtLeast('steps', s.steps, 0);
  if (steps > MAX_TRACE_STEPS) throw new OptionError('steps', steps, `at most ${MAX_TRACE_STEPS}`);
  const metrics = s.metrics === undefined ? undefined : (numberList('metrics', s.metrics, steps, false) as number[]);
  const epochs = s.epochs === undefined ? undefined : numberList('epochs', s.epochs, steps, true);
  const resumeAt = s.resumeAt === undefined ? undefined : integerAtLeast('resumeAt', s.resumeAt, 0);
  if (resumeAt !== undefined && resumeAt > steps) throw new OptionError('resumeAt', resumeAt, `a step between 0 and steps (${steps})`);
  const parsed: TraceSpec = {
    optimizer,
    scheduler: s.scheduler as SchedulerSpec,
    steps,
    ...(metrics !== undefined ? { metrics } : {}),
    ...(epochs !== undefined ? { epochs } : {}),
    ...(resumeAt !== undefined ? { resumeAt } : {}),
  };
  const built = buildTrace(parsed);
  checkStepInputs(built.scheduler, steps, parsed);
  return { spec: parsed, built };
}

/**
 * The one trace-spec parser: checks the shape and limits, builds the optimizer and scheduler once (so every
 * option is checked), and checks that `metrics` / `epochs` fit the scheduler's protocol (`stepInput`,
 * `acceptsEpoch`). Errors are OptionErrors whose option is the JSON path, e.g.
 * `scheduler.schedulers[1].gamma: expected a number in (0, inf), got "0.9x"`.
 *
 * @example
 * const spec = parseTraceSpec(JSON.parse(text)); // a TraceSpec, or an OptionError naming the path
 */
export function parseTraceSpec(spec: unknown): TraceSpec {
  return parseTrace(spec).spec;
}

/**
 * A run of a parsed spec (see {@link Run}): the stepping loop of `lrkit trace` and the plot sources.
 *
 * @example
 * const run = openTrace(parseTraceSpec(spec));
 * run.next();
 */
export function openTrace(spec: TraceSpec): Run {
  return new Run({ build: () => buildTrace(spec), inputs: spec, resumeAt: spec.resumeAt });
}

/**
 * Calls `onRow(lrs, momenta)` after construction and after every step of a trace spec (momentum is beta1 for
 * Adam), so a failing step still leaves the rows before it (used to compare error points with PyTorch).
 */
export function traceRows(spec: unknown, onRow: (lrs: number[], momenta: number[]) => void): void {
  const parsed = parseTraceSpec(spec);
  drive({ build: () => buildTrace(parsed), inputs: parsed, resumeAt: parsed.resumeAt }, parsed.steps, (_step, groups) =>
    onRow(groups.map((g) => g.lr), groups.map(momentumOf)),
  );
}

/**
 * Runs a trace spec (docs/trace-spec.md) and returns every row: each group's lr and momentum (beta1 for Adam)
 * after construction and after each step. Throws OptionError (with a JSON path) for bad specs.
 *
 * @example
 * runTrace({ optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 2 }, steps: 4 }).lr;
 * // [[0.1], [0.1], [0.01], [0.01], [0.001]]   (up to float rounding)
 */
export function runTrace(spec: unknown): TraceResult {
  const lr: number[][] = [];
  const momentum: number[][] = [];
  traceRows(spec, (lrs, momenta) => {
    lr.push(lrs);
    momentum.push(momenta);
  });
  return { lr, momentum };
}
