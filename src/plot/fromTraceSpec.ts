import { OptionError } from '../errors.js';
import { createOptimizer, type CreateOptimizerOptions } from '../optim/createOptimizer.js';
import { buildScheduler } from '../spec/buildScheduler.js';
import { LRScheduler } from '../torch/LRScheduler.js';
import { ReduceLROnPlateau } from '../torch/ReduceLROnPlateau.js';
import { integerAtLeast, knownKeys, plainObject } from '../validate.js';
import { checkSteps, type CurveSource } from './CurveSource.js';
import { fromScheduler } from './fromScheduler.js';

/** Options of {@link fromTraceSpec}. */
export interface FromTraceSpecOptions {
  /** Legend label. Default: the scheduler type. */
  name?: string;
  /** Overrides the spec's `steps` (e.g. to preview a longer run). */
  steps?: number;
}

function numberList(path: string, value: unknown, steps: number, allowNull: boolean): Array<number | null> {
  if (!Array.isArray(value) || value.length < steps) throw new OptionError(path, value, `an array with at least one entry per step (${steps})`);
  value.forEach((v, i) => {
    if (!(typeof v === 'number' || (allowNull && v === null))) throw new OptionError(`${path}[${i}]`, v, allowNull ? 'a number or null' : 'a number');
  });
  return value as Array<number | null>;
}

/** Re-labels `createOptimizer.x` errors as `optimizer.x`, the path inside the spec. */
function checkedOptimizer(spec: Record<string, unknown>): CreateOptimizerOptions {
  try {
    createOptimizer(spec as never);
  } catch (error) {
    if (error instanceof OptionError && error.option.startsWith('createOptimizer.')) {
      throw new OptionError(`optimizer.${error.option.slice('createOptimizer.'.length)}`, error.value, error.expectation);
    }
    throw error;
  }
  return spec as unknown as CreateOptimizerOptions;
}

/**
 * A curve from a trace spec (DESIGN §5: `optimizer`, `scheduler`, `steps`, optional `metrics` / `epochs`;
 * `resumeAt` is accepted and has no effect on the curve). Unlike `runTrace` it streams, so a 10^7-step
 * spec plots in constant memory, and it produces exactly `runTrace`'s rows. Errors name the JSON path.
 *
 * @example
 * const source = fromTraceSpec({ optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 30 }, steps: 100 });
 */
export function fromTraceSpec(spec: unknown, options: FromTraceSpecOptions = {}): CurveSource {
  const s = plainObject('spec', spec);
  knownKeys('spec', s, ['optimizer', 'scheduler', 'steps', 'metrics', 'epochs', 'resumeAt']);
  const optimizer = checkedOptimizer(plainObject('optimizer', s.optimizer));
  const steps = options.steps === undefined ? checkSteps('steps', s.steps) : checkSteps('steps', options.steps);
  const metrics = s.metrics === undefined ? undefined : (numberList('metrics', s.metrics, steps, false) as number[]);
  const epochs = s.epochs === undefined ? undefined : numberList('epochs', s.epochs, steps, true);
  if (s.resumeAt !== undefined) integerAtLeast('resumeAt', s.resumeAt, 0);
  const probe = buildScheduler(createOptimizer(optimizer), s.scheduler);
  // As runTrace: ReduceLROnPlateau, and lrkit schedulers that pass metrics on to one (WarmupLR, PlateauSequentialLR).
  const isPlateau = probe instanceof ReduceLROnPlateau || (probe as { takesMetrics?: boolean }).takesMetrics === true;
  if (isPlateau && metrics === undefined && steps > 0) throw new OptionError('metrics', undefined, 'one metric per step for ReduceLROnPlateau');
  if (!isPlateau && metrics !== undefined) throw new OptionError('metrics', metrics, 'no metrics (only ReduceLROnPlateau takes them)');
  if (epochs !== undefined && !(probe instanceof LRScheduler)) throw new OptionError('epochs', epochs, `no epochs (${probe.type} has no step(epoch))`);
  return fromScheduler({
    name: options.name ?? probe.type,
    optimizer,
    steps,
    metrics,
    epochs,
    build: (opt) => buildScheduler(opt, s.scheduler),
  });
}
