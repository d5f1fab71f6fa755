import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { plainObject } from '../validate.js';
import { ChainedScheduler } from '../torch/ChainedScheduler.js';
import { ConstantLR } from '../torch/ConstantLR.js';
import { CosineAnnealingLR } from '../torch/CosineAnnealingLR.js';
import { CosineAnnealingWarmRestarts } from '../torch/CosineAnnealingWarmRestarts.js';
import { CyclicLR } from '../torch/CyclicLR.js';
import { ExponentialLR } from '../torch/ExponentialLR.js';
import { LambdaLR } from '../torch/LambdaLR.js';
import { LinearLR } from '../torch/LinearLR.js';
import type { Chainable, Scheduler } from '../torch/LRScheduler.js';
import { MultiplicativeLR } from '../torch/MultiplicativeLR.js';
import { MultiStepLR } from '../torch/MultiStepLR.js';
import { OneCycleLR } from '../torch/OneCycleLR.js';
import { PolynomialLR } from '../torch/PolynomialLR.js';
import { ReduceLROnPlateau } from '../torch/ReduceLROnPlateau.js';
import { SequentialLR } from '../torch/SequentialLR.js';
import { StepLR } from '../torch/StepLR.js';
import { SWALR } from '../torch/SWALR.js';
import { PlateauSequentialLR } from '../stateful/PlateauSequentialLR.js';
import { ScheduleLR } from '../stateful/ScheduleLR.js';
import { WarmupLR } from '../stateful/WarmupLR.js';
import { scheduleFromSpec } from './buildSchedule.js';
import { isScheduleType, SCHEDULE_DEFINITIONS } from './scheduleDefinitions.js';
import { recordSpec } from './recordedSpecs.js';

/** A scheduler described as JSON: `type` is the PyTorch class name, the other keys its options. */
export interface SchedulerSpec {
  type: string;
  [option: string]: unknown;
}

type Factory = (optimizer: Optimizer, options: Record<string, unknown>, path: string) => Scheduler;

// Options are passed through untouched: each constructor validates its own, and errors are re-labelled
// with the JSON path below.
const FACTORIES: Record<string, Factory> = {
  LambdaLR: (o, x) => new LambdaLR(o, x as never),
  MultiplicativeLR: (o, x) => new MultiplicativeLR(o, x as never),
  StepLR: (o, x) => new StepLR(o, x as never),
  MultiStepLR: (o, x) => new MultiStepLR(o, x as never),
  ConstantLR: (o, x) => new ConstantLR(o, x as never),
  LinearLR: (o, x) => new LinearLR(o, x as never),
  ExponentialLR: (o, x) => new ExponentialLR(o, x as never),
  PolynomialLR: (o, x) => new PolynomialLR(o, x as never),
  CosineAnnealingLR: (o, x) => new CosineAnnealingLR(o, x as never),
  CosineAnnealingWarmRestarts: (o, x) => new CosineAnnealingWarmRestarts(o, x as never),
  CyclicLR: (o, x) => new CyclicLR(o, x as never),
  OneCycleLR: (o, x) => new OneCycleLR(o, x as never),
  ReduceLROnPlateau: (o, x) => new ReduceLROnPlateau(o, x as never),
  SWALR: (o, x) => new SWALR(o, x as never),
  SequentialLR: (o, x, path) => {
    const { schedulers, ...rest } = x;
    return new SequentialLR(o, { ...(rest as object), schedulers: buildChildren(o, schedulers, `${path}.schedulers`) } as never);
  },
  ChainedScheduler: (o, x, path) => {
    const { schedulers, ...rest } = x;
    const extra = Object.keys(rest);
    if (extra.length > 0) throw new OptionError(`${path}.${extra[0]}`, rest[extra[0] as string], 'no such option (ChainedScheduler takes only schedulers)');
    return new ChainedScheduler(buildChildren(o, schedulers, `${path}.schedulers`));
  },
  // lrkit's stateful bridges (issue 3): pure schedules on an optimizer, warmup for any scheduler, plateau-aware sequences.
  ScheduleLR: (o, x, path) => {
    const { schedule, ...rest } = x;
    const built = Array.isArray(schedule)
      ? schedule.map((s, i) => scheduleFromSpec(s, `${path}.schedule[${i}]`))
      : scheduleFromSpec(schedule, `${path}.schedule`);
    return new ScheduleLR(o, { ...(rest as object), schedule: built } as never);
  },
  WarmupLR: (o, x, path) => {
    const { scheduler, ...rest } = x;
    return new WarmupLR(buildScheduler(o, scheduler, `${path}.scheduler`), rest as never);
  },
  PlateauSequentialLR: (o, x, path) => {
    const { schedulers, ...rest } = x;
    if (!Array.isArray(schedulers) || schedulers.length === 0) throw new OptionError(`${path}.schedulers`, schedulers, 'a non-empty array of scheduler specs');
    const children = schedulers.map((s, i) => buildScheduler(o, s, `${path}.schedulers[${i}]`));
    return new PlateauSequentialLR(o, { ...(rest as object), schedulers: children } as never);
  },
};

/** Deepest nesting of composite schedulers a spec may use (a guard against hostile input, not a design limit). */
export const MAX_NESTING = 16;

/** The scheduler types a spec may use: PyTorch class names and lrkit's stateful bridges. Any schedule type is accepted too (see SCHEDULE_DEFINITIONS). */
export const SCHEDULER_TYPES: readonly string[] = Object.keys(FACTORIES);

function buildChildren(optimizer: Optimizer, specs: unknown, path: string): Chainable[] {
  if (!Array.isArray(specs) || specs.length === 0) throw new OptionError(path, specs, 'a non-empty array of scheduler specs');
  return Array.from(specs, (s, i) => buildScheduler(optimizer, s, `${path}[${i}]`) as Chainable);
}

/**
 * Builds a PyTorch-layer scheduler from its JSON description, on `optimizer`. Errors name the JSON path,
 * e.g. `scheduler.schedulers[1].gamma: expected a number in (0, inf), got "0.9x"`.
 *
 * @example
 * buildScheduler(optimizer, { type: 'StepLR', stepSize: 10, gamma: 0.5 });
 */
export function buildScheduler(optimizer: Optimizer, spec: unknown, path = 'scheduler'): Scheduler {
  const depth = (path.match(/\.schedulers\[|\.scheduler\b/g) ?? []).length;
  if (depth > MAX_NESTING) throw new OptionError(path, spec, `at most ${MAX_NESTING} levels of nested schedulers`);
  const { type, ...options } = plainObject(path, spec);
  // A pure schedule or recipe where a scheduler is expected: drive it with ScheduleLR (absolute lrs).
  if (isScheduleType(type)) {
    const scheduler = new ScheduleLR(optimizer, { schedule: scheduleFromSpec(spec, path) });
    recordSpec(scheduler, spec);
    return scheduler;
  }
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(FACTORIES, type)) {
    throw new OptionError(`${path}.type`, type, `one of ${SCHEDULER_TYPES.join(', ')}, or a schedule type (${Object.keys(SCHEDULE_DEFINITIONS).join(', ')})`);
  }
  try {
    const scheduler = (FACTORIES[type] as Factory)(optimizer, options, path);
    recordSpec(scheduler, spec);
    return scheduler;
  } catch (error) {
    throw relabel(error, type, path);
  }
}

/** Rewrites `StepLR.gamma` into `scheduler.schedulers[1].gamma` so errors point into the JSON. */
function relabel(error: unknown, type: string, path: string): unknown {
  if (!(error instanceof OptionError) || !error.option.startsWith(`${type}.`)) return error;
  const rest = error.option.slice(type.length + 1);
  let where: string;
  if (rest === 'options') where = path;
  else if (rest.startsWith('optimizer.paramGroups')) where = `optimizer.groups${rest.slice('optimizer.paramGroups'.length)}`;
  else where = `${path}.${rest}`;
  return new OptionError(where, error.value, error.expectation);
}
