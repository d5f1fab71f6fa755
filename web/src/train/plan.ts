import { OptionError } from '../../../src/errors.js';
import { createOptimizer } from '../../../src/optim/createOptimizer.js';
import { schedulerInfo } from '../../../src/spec/catalog.js';
import { buildScheduler } from '../../../src/spec/buildScheduler.js';
import { integerAtLeast, numberInRange, oneOf, positiveInteger } from '../../../src/validate.js';
import { formOptions, parseOption } from '../specs.js';
import type { CardState } from '../state.js';

/** Most schedules one training compares (one model each). */
export const MAX_RUNS = 4;
/** Training digits in the shipped file (the Train view uses the first `trainDigits` of them). */
export const MAX_TRAIN_DIGITS = 6000;

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export const BACKENDS = ['auto', 'webgl', 'wasm', 'cpu'] as const;
export type TrainOptimizer = (typeof OPTIMIZERS)[number];
export type BackendChoice = (typeof BACKENDS)[number];

/** The Train view's form, as typed (kept raw so a reload shows exactly what was there). */
export interface TrainSettings {
  /** Hidden layer widths, e.g. "128" or "256, 128". */
  hidden: string;
  optimizer: TrainOptimizer;
  /** Base lr of the optimizer (schedulers such as StepLR scale it; OneCycleLR and recipes set their own). */
  lr: string;
  /** Momentum of momentum SGD. */
  momentum: string;
  batchSize: string;
  epochs: string;
  trainDigits: string;
  seed: string;
  backend: BackendChoice;
  /** Indices of the playground cards to train (at most four). */
  picked: number[];
}

/** Checked settings: what the worker trains. */
export interface TrainConfig {
  hidden: number[];
  optimizer: TrainOptimizer;
  lr: number;
  momentum: number;
  batchSize: number;
  epochs: number;
  trainDigits: number;
  seed: number;
  /** Validation passes per epoch (the accuracy curve's points). */
  evalsPerEpoch: number;
}

/** One schedule to train: its legend name and its scheduler spec. */
export interface RunSpec {
  name: string;
  scheduler: Record<string, unknown>;
}

export function defaultTrainSettings(): TrainSettings {
  return { hidden: '128', optimizer: 'momentum', lr: '0.05', momentum: '0.9', batchSize: '64', epochs: '2', trainDigits: '6000', seed: '1', backend: 'auto', picked: [0, 1] };
}

/** Validates the form; errors are OptionErrors named `train.<field>`. */
export function trainConfig(s: TrainSettings): TrainConfig {
  const num = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
  const widths = s.hidden.split(/[,\s]+/).filter((x) => x !== '');
  if (widths.length === 0 || widths.length > 4) throw new OptionError('train.hidden', s.hidden, 'one to four hidden layer widths, e.g. "128" or "256, 128"');
  const hidden = widths.map((w, i) => {
    const n = positiveInteger(`train.hidden[${i}]`, num(w));
    if (n > 2048) throw new OptionError(`train.hidden[${i}]`, n, 'a width of at most 2048');
    return n;
  });
  const trainDigits = integerAtLeast('train.trainDigits', num(s.trainDigits), 1);
  if (trainDigits > MAX_TRAIN_DIGITS) throw new OptionError('train.trainDigits', trainDigits, `at most ${MAX_TRAIN_DIGITS} (the digits shipped with the page)`);
  const batchSize = positiveInteger('train.batchSize', num(s.batchSize));
  if (batchSize > trainDigits) throw new OptionError('train.batchSize', batchSize, `at most the number of training digits (${trainDigits})`);
  const epochs = positiveInteger('train.epochs', num(s.epochs));
  if (epochs > 100) throw new OptionError('train.epochs', epochs, 'at most 100');
  return {
    hidden,
    optimizer: oneOf('train.optimizer', s.optimizer, OPTIMIZERS),
    lr: numberInRange('train.lr', num(s.lr), { min: 0, max: Infinity, minExclusive: true }),
    momentum: numberInRange('train.momentum', s.optimizer === 'momentum' ? num(s.momentum) : 0.9, { min: 0, max: 1, maxExclusive: true }),
    batchSize,
    epochs,
    trainDigits,
    seed: integerAtLeast('train.seed', num(s.seed), 0),
    evalsPerEpoch: 4,
  };
}

/** Optimizer updates per epoch (the last batch may be smaller, as in model.fit). */
export function stepsPerEpoch(config: Pick<TrainConfig, 'trainDigits' | 'batchSize'>): number {
  return Math.ceil(config.trainDigits / config.batchSize);
}

/** Optimizer updates of the whole run: the length every schedule is stepped over (once per batch). */
export function runLength(config: Pick<TrainConfig, 'trainDigits' | 'batchSize' | 'epochs'>): number {
  return stepsPerEpoch(config) * config.epochs;
}

/** Steps after which the validation set is evaluated: evenly spread, always including the end of each epoch. */
export function evalSteps(config: TrainConfig): number[] {
  const per = stepsPerEpoch(config);
  const points = new Set<number>();
  for (let e = 0; e < config.epochs; e++) {
    for (let k = 1; k <= config.evalsPerEpoch; k++) points.add(e * per + Math.max(1, Math.round((k * per) / config.evalsPerEpoch)));
  }
  return [...points].sort((a, b) => a - b);
}

/**
 * Rewrites a card's length options for a run of another length: every integer option whose value is
 * `from` (e.g. OneCycleLR's `totalSteps`, CosineAnnealingLR's `tMax` drawn over the playground's 100 steps)
 * becomes `to`. Other values are left as typed. Returns the names of the changed options.
 */
export function fitLengths(card: CardState, from: number, to: number): string[] {
  if (from === to) return [];
  const changed: string[] = [];
  for (const o of formOptions(card.type)) {
    if (o.kind !== 'integer') continue;
    if ((card.options[o.name] ?? '').trim() === String(from)) {
      card.options[o.name] = String(to);
      changed.push(o.name);
    }
  }
  return changed;
}

/** The scheduler spec of a card, checked by building it on a plain optimizer (errors name the JSON path). */
export function cardScheduler(card: CardState, config: Pick<TrainConfig, 'lr'>): Record<string, unknown> {
  if (schedulerInfo(card.type) === undefined) throw new OptionError('scheduler.type', card.type, 'a scheduler, schedule or recipe type of the catalog');
  const scheduler: Record<string, unknown> = { type: card.type };
  for (const o of formOptions(card.type)) {
    const value = parseOption(o, card.options[o.name] ?? '');
    if (value !== undefined) scheduler[o.name] = value;
  }
  buildScheduler(createOptimizer({ type: 'sgd', lr: config.lr }), scheduler);
  return scheduler;
}
