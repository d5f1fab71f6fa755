import { at, OptionError, toPath, type Path, type Where } from '../errors.js';
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
import { checkNesting, scheduleFromSpec } from './buildSchedule.js';
import { isScheduleType, SCHEDULE_DEFINITIONS } from './scheduleDefinitions.js';

export type { SchedulerSpec } from '../torch/LRScheduler.js';

type Factory = (optimizer: Optimizer, options: Record<string, unknown>, path: Path, depth: number) => Scheduler;

// Each constructor validates its own options (its one definition) at the path it is given; composites'
// children are built first, each with its path and depth passed down.
const FACTORIES: Record<string, Factory> = {
  LambdaLR: (o, x, p) => new LambdaLR(o, x as never, p),
  MultiplicativeLR: (o, x, p) => new MultiplicativeLR(o, x as never, p),
  StepLR: (o, x, p) => new StepLR(o, x as never, p),
  MultiStepLR: (o, x, p) => new MultiStepLR(o, x as never, p),
  ConstantLR: (o, x, p) => new ConstantLR(o, x as never, p),
  LinearLR: (o, x, p) => new LinearLR(o, x as never, p),
  ExponentialLR: (o, x, p) => new ExponentialLR(o, x as never, p),
  PolynomialLR: (o, x, p) => new PolynomialLR(o, x as never, p),
  CosineAnnealingLR: (o, x, p) => new CosineAnnealingLR(o, x as never, p),
  CosineAnnealingWarmRestarts: (o, x, p) => new CosineAnnealingWarmRestarts(o, x as never, p),
  CyclicLR: (o, x, p) => new CyclicLR(o, x as never, p),
  OneCycleLR: (o, x, p) => new OneCycleLR(o, x as never, p),
  ReduceLROnPlateau: (o, x, p) => new ReduceLROnPlateau(o, x as never, p),
  SWALR: (o, x, p) => new SWALR(o, x as never, p),
  SequentialLR: (o, x, path, depth) => {
    const { schedulers, ...rest } = x;
    return new SequentialLR(o, { ...rest, schedulers: buildChildren(o, schedulers, at(path, 'schedulers'), depth) } as never, path);
  },
  ChainedScheduler: (o, x, path, depth) => {
    const { schedulers, ...rest } = x;
    const extra = Object.keys(rest);
    if (extra.length > 0) throw new OptionError(at(path, extra[0] as string), rest[extra[0] as string], 'no such option (ChainedScheduler takes only schedulers)');
    return new ChainedScheduler(buildChildren(o, schedulers, at(path, 'schedulers'), depth), o, path);
  },
  // lrkit's stateful bridges: pure schedules on an optimizer, warmup for any scheduler, plateau-aware sequences.
  ScheduleLR: (o, x, path, depth) => {
    const { schedule, ...rest } = x;
    const built = Array.isArray(schedule)
      ? schedule.map((s, i) => scheduleFromSpec(s, at(path, 'schedule', i), depth + 1))
      : schedule === undefined
        ? undefined
        : scheduleFromSpec(schedule, at(path, 'schedule'), depth + 1);
    return new ScheduleLR(o, { ...rest, schedule: built } as never, path);
  },
  WarmupLR: (o, x, path, depth) => {
    const { scheduler, ...rest } = x;
    return new WarmupLR(buildScheduler(o, scheduler, at(path, 'scheduler'), depth + 1), rest as never, path);
  },
  PlateauSequentialLR: (o, x, path, depth) => {
    const { schedulers, ...rest } = x;
    if (!Array.isArray(schedulers) || schedulers.length === 0) throw new OptionError(at(path, 'schedulers'), schedulers, 'a non-empty array of scheduler specs');
    const children = schedulers.map((s, i) => buildScheduler(o, s, at(path, 'schedulers', i), depth + 1));
    return new PlateauSequentialLR(o, { ...rest, schedulers: children } as never, path);
  },
};

export { MAX_NESTING } from './buildSchedule.js';

/** The scheduler types a spec may use: PyTorch class names and lrkit's stateful bridges. Any schedule type is accepted too (see SCHEDULE_DEFINITIONS). */
export const SCHEDULER_TYPES: readonly string[] = Object.keys(FACTORIES);

function buildChildren(optimizer: Optimizer, specs: unknown, path: Path, depth: number): Chainable[] {
  if (!Array.isArray(specs) || specs.length === 0) throw new OptionError(path, specs, 'a non-empty array of scheduler specs');
  return Array.from(specs, (s, i) => buildScheduler(optimizer, s, at(path, i), depth + 1) as Chainable);
}

/**
 * Builds a PyTorch-layer scheduler from its JSON description, on `optimizer`. Errors name the JSON path,
 * e.g. `scheduler.schedulers[1].gamma: expected a number in (0, inf), got "0.9x"` (the path is passed down
 * to every constructor; `depth` counts the nesting, see {@link MAX_NESTING}). A schedule or recipe type is
 * driven by a ScheduleLR.
 *
 * @example
 * buildScheduler(optimizer, { type: 'StepLR', stepSize: 10, gamma: 0.5 });
 */
export function buildScheduler(optimizer: Optimizer, spec: unknown, where: Where = ['scheduler'], depth = 0): Scheduler {
  const path = toPath(where);
  checkNesting(path, depth);
  const { type, ...options } = plainObject(path, spec);
  // A pure schedule or recipe where a scheduler is expected: drive it with ScheduleLR (absolute lrs).
  if (isScheduleType(type)) return new ScheduleLR(optimizer, { schedule: scheduleFromSpec(spec, path, depth) }, path);
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(FACTORIES, type)) {
    throw new OptionError(at(path, 'type'), type, `one of ${SCHEDULER_TYPES.join(', ')}, or a schedule type (${Object.keys(SCHEDULE_DEFINITIONS).join(', ')})`);
  }
  return (FACTORIES[type] as Factory)(optimizer, options, path, depth);
}
