import { OptionError } from '../errors.js';
import { PlainOptimizer } from '../optim/createOptimizer.js';
import type { ParamGroup } from '../optim/Optimizer.js';
import { LRScheduler, type Scheduler } from '../torch/LRScheduler.js';
import { ReduceLROnPlateau } from '../torch/ReduceLROnPlateau.js';
import { integerAtLeast, knownKeys, plainObject } from '../validate.js';
import { buildScheduler } from './buildScheduler.js';

/** Upper bound on `steps`, so a typo cannot make `lrkit trace` run for hours or exhaust memory. */
export const MAX_TRACE_STEPS = 10_000_000;

/** The trace result: one row per step (row 0 is right after construction), one column per param group. */
export interface TraceResult {
  lr: number[][];
  momentum: number[][];
}

export interface ParsedTrace {
  optimizerSpec: Record<string, unknown>;
  schedulerSpec: unknown;
  steps: number;
  metrics: number[] | undefined;
  epochs: Array<number | null> | undefined;
  resumeAt: number | undefined;
}

/** Validates a trace spec's shape (not the optimizer and scheduler options, which their builders check). */
export function parseTrace(spec: unknown): ParsedTrace {
  const s = plainObject('spec', spec);
  knownKeys('spec', s, ['optimizer', 'scheduler', 'steps', 'metrics', 'epochs', 'resumeAt']);
  const optimizerSpec = plainObject('optimizer', s.optimizer);
  const steps = integerAtLeast('steps', s.steps, 0);
  if (steps > MAX_TRACE_STEPS) throw new OptionError('steps', steps, `at most ${MAX_TRACE_STEPS}`);
  const metrics = s.metrics === undefined ? undefined : numberList('metrics', s.metrics, steps, false);
  const epochs = s.epochs === undefined ? undefined : numberList('epochs', s.epochs, steps, true);
  const resumeAt = s.resumeAt === undefined ? undefined : integerAtLeast('resumeAt', s.resumeAt, 0);
  if (resumeAt !== undefined && resumeAt > steps) throw new OptionError('resumeAt', resumeAt, `a step between 0 and steps (${steps})`);
  return { optimizerSpec, schedulerSpec: s.scheduler, steps, metrics, epochs, resumeAt };
}

function numberList(path: string, value: unknown, steps: number, allowNull: boolean): Array<number | null> & number[] {
  if (!Array.isArray(value) || value.length < steps) throw new OptionError(path, value, `an array with at least one entry per step (${steps})`);
  value.forEach((v, i) => {
    if (!(typeof v === 'number' || (allowNull && v === null))) throw new OptionError(`${path}[${i}]`, v, allowNull ? 'a number or null' : 'a number');
  });
  return value as Array<number | null> & number[];
}

/** Builds the trace's optimizer; errors name their path under `optimizer`. */
export function buildOptimizer(spec: Record<string, unknown>): PlainOptimizer {
  return new PlainOptimizer(spec as never, ['optimizer']);
}

function momentumOf(group: ParamGroup): number {
  return Array.isArray(group.betas) ? (group.betas[0] as number) : (group.momentum ?? 0);
}

/**
 * Checks that a trace's `metrics` and `epochs` fit its scheduler; returns whether each step takes a metric
 * (ReduceLROnPlateau, and lrkit schedulers that pass metrics on to one: WarmupLR, PlateauSequentialLR).
 *
 * @example
 * const t = parseTrace(spec);
 * const takesMetrics = checkStepInputs(t, buildScheduler(buildOptimizer(t.optimizerSpec), t.schedulerSpec));
 */
export function checkStepInputs(t: ParsedTrace, scheduler: Scheduler): boolean {
  const isPlateau = scheduler instanceof ReduceLROnPlateau || (scheduler as { takesMetrics?: boolean }).takesMetrics === true;
  if (isPlateau && t.metrics === undefined && t.steps > 0) throw new OptionError('metrics', undefined, 'one metric per step for ReduceLROnPlateau');
  if (!isPlateau && t.metrics !== undefined) throw new OptionError('metrics', t.metrics, 'no metrics (only ReduceLROnPlateau takes them)');
  if (t.epochs !== undefined && !(scheduler instanceof LRScheduler)) throw new OptionError('epochs', t.epochs, `no epochs (${scheduler.type} has no step(epoch))`);
  return isPlateau;
}

/**
 * Runs a trace spec (see DESIGN §5): builds the optimizer and scheduler, records every group's lr and
 * momentum (beta1 for Adam) after construction and after each step, and optionally round-trips all state
 * through JSON at `resumeAt`. Throws OptionError (with a JSON path) for bad specs.
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

/**
 * The streaming form of {@link runTrace}: calls `onRow(lrs, momenta)` after construction and after every
 * step, so a failing step still leaves the rows before it (used to compare error points with PyTorch).
 */
export function traceRows(spec: unknown, onRow: (lrs: number[], momenta: number[]) => void): void {
  const t = parseTrace(spec);
  let optimizer = buildOptimizer(t.optimizerSpec);
  let scheduler: Scheduler = buildScheduler(optimizer, t.schedulerSpec);
  const isPlateau = checkStepInputs(t, scheduler);

  const record = () => onRow(optimizer.paramGroups.map((g) => g.lr), optimizer.paramGroups.map(momentumOf));
  const resume = () => {
    const saved = JSON.stringify({ optimizer: optimizer.stateDict(), scheduler: scheduler.stateDict() });
    optimizer = buildOptimizer(t.optimizerSpec);
    scheduler = buildScheduler(optimizer, t.schedulerSpec);
    const parsed = JSON.parse(saved) as { optimizer: unknown; scheduler: unknown };
    optimizer.loadStateDict(parsed.optimizer);
    scheduler.loadStateDict(parsed.scheduler);
  };
  record();
  if (t.resumeAt === 0) resume();
  for (let i = 1; i <= t.steps; i++) {
    optimizer.step();
    if (isPlateau) (scheduler as { step(metric: number): void }).step(t.metrics?.[i - 1] as number);
    else if (t.epochs !== undefined && t.epochs[i - 1] !== null) (scheduler as LRScheduler).step(t.epochs[i - 1] as number);
    else (scheduler as { step(): void }).step();
    record();
    if (i === t.resumeAt) resume();
  }
}
