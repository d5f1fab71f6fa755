import { at, OptionError, StateError, type Where } from '../errors.js';
import { finiteNumber, knownKeys, numberInRange, oneOf, plainObject } from '../validate.js';
import type { Optimizer, ParamGroup } from './Optimizer.js';

export interface CreateOptimizerOptions {
  /** `'sgd'` groups carry `momentum` (default 0); `'adam'` groups carry `betas` (default [0.9, 0.999]). Default: `'adam'` when `betas` is given, else `'sgd'`. */
  type?: 'sgd' | 'adam';
  /** Default learning rate of every group. */
  lr: number;
  momentum?: number;
  betas?: [number, number];
  /** Param groups; each inherits the top-level values it omits. Default: one group. */
  groups?: Array<Partial<ParamGroup>>;
}

/** Serialized optimizer: the param groups, JSON-safe. */
export interface OptimizerState {
  format: 'lrkit.optimizer';
  version: 1;
  stepCount: number;
  paramGroups: ParamGroup[];
}

/**
 * A plain in-memory optimizer: param groups plus a `step()` that only counts. Use it to preview
 * schedules, in tests, or to drive your own update rule from `paramGroups[i].lr`.
 */
export class PlainOptimizer implements Optimizer {
  readonly paramGroups: ParamGroup[];
  readonly momentumKey: 'momentum' | 'betas';
  private steps = 0;

  /** `where`: where the options sit in a larger spec, for error paths (default: `createOptimizer`). */
  constructor(options: CreateOptimizerOptions, where: Where = 'createOptimizer') {
    const opts = plainObject(at(where, 'options'), options);
    knownKeys(where, opts, ['type', 'lr', 'momentum', 'betas', 'groups']);
    const type = opts.type === undefined ? (opts.betas !== undefined ? 'adam' : 'sgd') : oneOf(at(where, 'type'), opts.type, ['sgd', 'adam'] as const);
    this.momentumKey = type === 'adam' ? 'betas' : 'momentum';
    const lr = numberInRange(at(where, 'lr'), opts.lr, { min: 0 });
    const momentum = opts.momentum === undefined ? 0 : finiteNumber(at(where, 'momentum'), opts.momentum);
    const betas = opts.betas === undefined ? [0.9, 0.999] : checkBetas(at(where, 'betas'), opts.betas);
    if (type === 'sgd' && opts.betas !== undefined) throw new OptionError(at(where, 'betas'), opts.betas, "no betas for type 'sgd' (use type 'adam')");
    if (type === 'adam' && opts.momentum !== undefined) throw new OptionError(at(where, 'momentum'), opts.momentum, "no momentum for type 'adam' (use betas)");
    const groupSpecs = opts.groups === undefined ? [{}] : opts.groups;
    if (!Array.isArray(groupSpecs) || groupSpecs.length === 0) {
      throw new OptionError(at(where, 'groups'), groupSpecs, 'a non-empty array of param groups');
    }
    this.paramGroups = Array.from(groupSpecs, (raw: unknown, i) => {
      const spec = plainObject(at(where, 'groups', i), raw);
      const group = newGroup(spec.lr === undefined ? lr : numberInRange(at(where, 'groups', i, 'lr'), spec.lr, { min: 0 }), spec);
      if (type === 'sgd') {
        group.momentum = spec.momentum === undefined ? momentum : finiteNumber(at(where, 'groups', i, 'momentum'), spec.momentum);
      } else {
        group.betas = spec.betas === undefined ? [...betas] : checkBetas(at(where, 'groups', i, 'betas'), spec.betas);
      }
      if (spec.initialLr !== undefined) group.initialLr = finiteNumber(at(where, 'groups', i, 'initialLr'), spec.initialLr);
      return group;
    });
  }

  /** How many times {@link step} was called. */
  get stepCount(): number {
    return this.steps;
  }

  /** Counts an optimization step (lrkit's plain optimizer has no parameters to update). */
  step(): void {
    this.steps += 1;
  }

  /** JSON-safe copy of the param groups. */
  stateDict(): OptimizerState {
    return { format: 'lrkit.optimizer', version: 1, stepCount: this.steps, paramGroups: this.paramGroups.map(copyGroup) };
  }

  /** Restores param groups saved by {@link stateDict}; the group count must match. */
  loadStateDict(state: unknown): void {
    const s = plainObject('optimizerState', state) as Partial<OptimizerState>;
    if (s.format !== 'lrkit.optimizer') throw new StateError('optimizerState.format', `expected "lrkit.optimizer", got ${JSON.stringify(s.format)}`);
    if (s.version !== 1) throw new StateError('optimizerState.version', `unsupported version ${JSON.stringify(s.version)} (this lrkit reads version 1)`);
    if (!Array.isArray(s.paramGroups) || s.paramGroups.length !== this.paramGroups.length) {
      throw new StateError('optimizerState.paramGroups', `expected ${this.paramGroups.length} param groups, got ${Array.isArray(s.paramGroups) ? s.paramGroups.length : typeof s.paramGroups}`);
    }
    if (typeof s.stepCount !== 'number' || !Number.isSafeInteger(s.stepCount) || s.stepCount < 0) {
      throw new StateError('optimizerState.stepCount', `expected a non-negative integer, got ${JSON.stringify(s.stepCount)}`);
    }
    s.paramGroups.forEach((saved, i) => {
      if (typeof saved !== 'object' || saved === null || typeof saved.lr !== 'number') {
        throw new StateError(`optimizerState.paramGroups[${i}].lr`, 'expected a number');
      }
    });
    this.steps = s.stepCount;
    // Fresh group objects (not deleted-and-refilled ones, which V8 would turn into slow dictionaries).
    s.paramGroups.forEach((saved, i) => {
      this.paramGroups[i] = newGroup(saved.lr, copyGroup(saved));
    });
  }
}

/**
 * A param group as an instance of its own class rather than an object literal: V8 then keeps `lr` (and the
 * other hyperparameters) as unboxed doubles, so a scheduler's writes allocate nothing, whatever shapes
 * object literals elsewhere in the program take (a literal with a non-number `lr` would box them all).
 */
class PlainParamGroup implements ParamGroup {
  [key: string]: unknown;
  // `declare`: no class-field definition, so the first store (a number) fixes the field's representation.
  declare lr: number;
  constructor(lr: number) {
    this.lr = lr;
  }
}

function newGroup(lr: number, rest: Record<string, unknown>): ParamGroup {
  const group = new PlainParamGroup(lr);
  for (const [key, value] of Object.entries(rest)) if (key !== 'lr') group[key] = value;
  return group;
}

function checkBetas(option: Where, value: unknown): number[] {
  if (!Array.isArray(value) || value.length !== 2) throw new OptionError(option, value, 'a pair [beta1, beta2]');
  return Array.from(value, (b, i) => numberInRange(at(option, i), b, { min: 0, max: 1, maxExclusive: true }));
}

function copyGroup(group: ParamGroup): ParamGroup {
  const copy: ParamGroup = { ...group };
  for (const [key, value] of Object.entries(copy)) {
    if (Array.isArray(value)) copy[key] = [...value];
  }
  return copy;
}

/**
 * Creates a {@link PlainOptimizer}. Top-level `lr`, `momentum` / `betas` are defaults for every group,
 * as in PyTorch's optimizer constructors.
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01 }] });
 * optimizer.paramGroups[1].lr; // 0.01
 */
export function createOptimizer(options: CreateOptimizerOptions): PlainOptimizer {
  return new PlainOptimizer(options);
}
