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
};

/** Deepest nesting of composite schedulers a spec may use (a guard against hostile input, not a design limit). */
export const MAX_NESTING = 16;

/** The PyTorch class names a spec may use. */
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
  const depth = path.split('.schedulers[').length - 1;
  if (depth > MAX_NESTING) throw new OptionError(path, spec, `at most ${MAX_NESTING} levels of nested schedulers`);
  const { type, ...options } = plainObject(path, spec);
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(FACTORIES, type)) {
    throw new OptionError(`${path}.type`, type, `one of ${SCHEDULER_TYPES.join(', ')}`);
  }
  try {
    return (FACTORIES[type] as Factory)(optimizer, options, path);
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
