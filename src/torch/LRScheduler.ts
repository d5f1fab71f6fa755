import { at, NoClosedFormError, OptionError, ScheduleError, StateError, type Where } from '../errors.js';
import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { encodeFloat, openState, schedulerState, type JsonValue, type SchedulerState, type StateReader } from '../state.js';
import { integerAtLeast, plainObject } from '../validate.js';
import { emitWarning } from '../warnings.js';

/** Options every PyTorch-layer scheduler accepts. */
export interface LastEpochOption {
  /**
   * Index of the last epoch when resuming, PyTorch's `last_epoch`. Default -1 (start fresh).
   * With any other value every param group must already carry `initialLr`.
   */
  lastEpoch?: number;
}

/** A scheduler described as JSON: `type` is the class name, the other keys its options. */
export interface SchedulerSpec {
  type: string;
  [option: string]: unknown;
}

/**
 * What a scheduler's `step()` takes: `'none'` (`step()`), or `'metric'` (`step(metric)`, the monitored value:
 * ReduceLROnPlateau, and composites that pass the metric on to one).
 */
export type StepInput = 'none' | 'metric';

/**
 * The common surface of every stateful scheduler, composites included. `stepInput` and `acceptsEpoch` are the
 * one statement of how a scheduler is stepped: trace, plot, the tfjs callback, the playground, the catalog and
 * the code generators all read them (composites derive them from their children).
 */
export interface Scheduler {
  readonly type: string;
  readonly optimizer: Optimizer;
  /** What `step()` takes each step: nothing, or the metric. */
  readonly stepInput: StepInput;
  /** Whether `step(epoch)` jumps to an epoch (PyTorch's deprecated form; every LRScheduler subclass). */
  readonly acceptsEpoch: boolean;
  /** Advances the schedule by one step (with the metric when `stepInput` is `'metric'`). */
  step(...args: never[]): void;
  /** The lrs the scheduler last wrote, one per param group (a copy). */
  getLastLr(): number[];
  stateDict(): SchedulerState;
  /** Restores a state from `stateDict()`; `path` prefixes error messages. */
  loadStateDict(state: unknown, path?: string): void;
  /**
   * The JSON spec this scheduler was built from, normalized (every default explicit, `lastEpoch` left out),
   * however it was built: `buildScheduler(optimizer, scheduler.toSpec())` builds an identical one. Throws an
   * OptionError for what has no JSON form (a JavaScript-function lambda or schedule).
   */
  toSpec(): SchedulerSpec;
}

/**
 * A scheduler that can live inside SequentialLR / ChainedScheduler: PyTorch's chainable protocol
 * (every LRScheduler and the composites themselves; not ReduceLROnPlateau).
 */
export interface Chainable extends Scheduler {
  readonly stepInput: 'none';
  step(): void;
  /** PyTorch's `_initial_step`. */
  initialStep(): void;
  /** PyTorch's `_update_lr(epoch)`: jump to `epoch` without counting a step. */
  updateLr(epoch: number): void;
  /** SequentialLR's recursive undo of the step taken at construction. */
  undoInitialStep(): void;
}

// Optimizers already warned about the call order: the warning is emitted once per optimizer,
// even when composites and their children all notice it.
const warnedOptimizers = new WeakSet<Optimizer>();
// Steps taken while a composite initializes are not the user's steps: no call-order check there.
let initializing = 0;

/** Runs `fn` as part of a scheduler's construction (no call-order warning). */
export function duringInitialization(fn: () => void): void {
  initializing++;
  try {
    fn();
  } finally {
    initializing--;
  }
}

/** PyTorch's call-order check: warn once if a scheduler steps before its optimizer ever did. */
export function checkCallOrder(optimizer: Optimizer): void {
  if (initializing === 0 && optimizer.stepCount === 0 && !warnedOptimizers.has(optimizer)) {
    warnedOptimizers.add(optimizer);
    emitWarning(
      'call-order',
      'scheduler.step() was called before optimizer.step(). Call optimizer.step() first, then scheduler.step(); ' +
        'otherwise the first value of the learning-rate schedule is skipped (as in PyTorch >= 1.1).',
    );
  }
}

/** The next step index; refuses to count past Number.MAX_SAFE_INTEGER, where integers stop being exact. */
export function nextEpoch(type: string, current: number): number {
  if (current >= Number.MAX_SAFE_INTEGER) {
    throw new ScheduleError(`${type}: step counter reached Number.MAX_SAFE_INTEGER (${current}); steps beyond it would not be exact`);
  }
  return current + 1;
}

/** Makes `names` non-writable properties of `target` (arrays frozen): options are fixed once built. */
export function lockFields(target: object, names: readonly string[]): void {
  for (const name of names) {
    const value = (target as Record<string, unknown>)[name];
    if (Array.isArray(value)) Object.freeze(value);
    Object.defineProperty(target, name, { value, writable: false, enumerable: true, configurable: false });
  }
}

/** The option fields as JSON (non-finite numbers encoded like every other state float). */
export function optionsState(target: object, names: readonly string[]): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const name of names) out[name] = encodeOption((target as Record<string, unknown>)[name]);
  return out;
}

function encodeOption(value: unknown): JsonValue {
  if (typeof value === 'number') return encodeFloat(value);
  if (Array.isArray(value)) return value.map(encodeOption);
  return value as JsonValue;
}

/**
 * A state saved by a scheduler built with other options is rejected, naming the first differing option.
 * (PyTorch's `state_dict` carries the options too, and its `load_state_dict` overwrites the live ones.)
 */
export function checkSavedOptions(reader: StateReader, target: { type: string }, names: readonly string[]): void {
  const saved = reader.raw('options');
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) {
    throw new StateError(`${reader.path}.options`, `expected an object of option values, got ${JSON.stringify(saved)}`);
  }
  const own = optionsState(target, names);
  for (const key of Object.keys(saved)) {
    if (!(key in own)) throw new StateError(`${reader.path}.options.${key}`, `${target.type} has no option ${key}`);
  }
  for (const name of names) {
    const was = (saved as Record<string, unknown>)[name];
    if (was === undefined) throw new StateError(`${reader.path}.options.${name}`, 'missing');
    if (JSON.stringify(was) !== JSON.stringify(own[name])) {
      throw new StateError(
        `${reader.path}.options.${name}`,
        `the state was saved with ${name} = ${JSON.stringify(was)}, this ${target.type} has ${JSON.stringify(own[name])}; build it with the saved options to resume`,
      );
    }
  }
}

/** Validates the optimizer contract once, when a scheduler attaches. */
export function checkOptimizer(scope: Where, optimizer: unknown): Optimizer {
  const opt = plainObjectLike(at(scope, 'optimizer'), optimizer);
  const groups = (opt as { paramGroups?: unknown }).paramGroups;
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new OptionError(at(scope, 'optimizer', 'paramGroups'), groups, 'a non-empty array of param groups');
  }
  groups.forEach((group: unknown, i) => {
    const g = plainObject(at(scope, 'optimizer', 'paramGroups', i), group);
    if (typeof g.lr !== 'number' || !Number.isFinite(g.lr)) {
      throw new OptionError(at(scope, 'optimizer', 'paramGroups', i, 'lr'), g.lr, 'a finite number');
    }
  });
  return opt as Optimizer;
}

function plainObjectLike(option: Where, value: unknown): object {
  if (typeof value !== 'object' || value === null) throw new OptionError(option, value, 'an optimizer object with paramGroups');
  return value;
}

/**
 * Base class of PyTorch's epoch-based schedulers (`torch.optim.lr_scheduler.LRScheduler`).
 *
 * It reproduces PyTorch's mechanics exactly: construction sets `initialLr` on every group if absent
 * and performs an initial step (`lastEpoch` -1 -> 0); `step()` applies the *chainable* form, i.e. it
 * updates the optimizer's current lrs rather than recomputing from a formula; `step(epoch)` uses the
 * closed form where the class has one. Subclasses compute lrs into a preallocated buffer, so a steady
 * `step()` allocates nothing.
 */
export abstract class LRScheduler implements Chainable {
  abstract readonly type: string;
  /** This scheduler's JSON spec (see {@link Scheduler.toSpec}). */
  abstract toSpec(): SchedulerSpec;
  readonly stepInput = 'none';
  readonly acceptsEpoch: boolean = true;
  readonly optimizer: Optimizer;
  /** The lrs the schedule is relative to: each group's `initialLr`. */
  baseLrs: number[];
  /** Index of the last step taken (PyTorch's `last_epoch`). */
  lastEpoch: number;
  /** Number of `step()` calls including the initial one (PyTorch's `_step_count`). */
  protected stepCount = 0;
  /** True only during the constructor's initial step (PyTorch 2.x `_is_initial`). */
  protected isInitial = false;
  protected readonly lastLr: number[];
  protected readonly lrBuffer: number[];
  /** Names of the option fields locked by {@link lockOptions}: carried in the state and checked on load. */
  private optionNames: readonly string[] = [];

  protected constructor(optimizer: Optimizer, lastEpoch: number | undefined, scope: Where) {
    this.optimizer = checkOptimizer(scope, optimizer);
    const last = lastEpoch === undefined ? -1 : integerAtLeast(at(scope, 'lastEpoch'), lastEpoch, -1);
    const groups = this.optimizer.paramGroups;
    if (last === -1) {
      for (const group of groups) if (group.initialLr === undefined) group.initialLr = group.lr;
    } else {
      groups.forEach((group, i) => {
        if (typeof group.initialLr !== 'number') {
          throw new OptionError(at(scope, 'optimizer', 'paramGroups', i, 'initialLr'), group.initialLr, `a number when resuming with lastEpoch ${last} (PyTorch: param 'initial_lr' is not specified in param_groups[${i}] when resuming scheduler with last_epoch >= 0)`);
        }
      });
    }
    this.baseLrs = groups.map((g) => g.initialLr as number);
    this.lastEpoch = last;
    this.lastLr = groups.map((g) => g.lr);
    this.lrBuffer = groups.map((g) => g.lr);
  }

  /**
   * Makes the named option fields immutable at run time (non-writable properties, frozen arrays) and records
   * them for the state: `stateDict()` carries their values under `options`, and `loadStateDict()` rejects a
   * state saved with different ones (PyTorch's `load_state_dict` would silently replace the options).
   */
  protected lockOptions(names: readonly string[]): void {
    lockFields(this, names);
    this.optionNames = names;
  }

  /** Computes the chainable-form lrs for `this.lastEpoch` into `out` (PyTorch's `get_lr`). */
  protected abstract computeLr(out: number[]): void;

  /** Closed-form lrs for `this.lastEpoch`, used by `step(epoch)` (PyTorch's `_get_closed_form_lr`). */
  protected closedFormLr?(out: number[]): void;

  /** PyTorch's `_initial_step`: reset the step count and step once in "initial" mode. */
  initialStep(): void {
    this.stepCount = 0;
    this.isInitial = true;
    try {
      duringInitialization(() => this.step());
    } finally {
      this.isInitial = false;
    }
  }

  /**
   * Advances one step. With `epoch`, jumps to that epoch using the closed form when the class has one
   * (PyTorch's deprecated `step(epoch)` path, kept for exactness).
   */
  step(epoch?: number): void {
    checkCallOrder(this.optimizer);
    if (epoch !== undefined) integerAtLeast(`${this.type}.step(epoch)`, epoch, 0);
    this.stepCount += 1;
    this.updateLr(epoch);
  }

  undoInitialStep(): void {
    this.lastEpoch -= 1;
  }

  /**
   * Whether the class keeps stepping after `addParamGroup`, as in PyTorch 2.x: classes whose chainable step only
   * multiplies each group's current lr (StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR,
   * CosineAnnealingLR) step the new group along; a step that needs a value fixed per group at construction
   * (`baseLrs`, lambdas, per-group options) throws a ScheduleError where PyTorch raises.
   */
  protected readonly followsAddedGroups: boolean = false;

  /** PyTorch's `_update_lr`: compute and write lrs without touching the step count. */
  updateLr(epoch?: number): void {
    this.syncGroupCount();
    const out = this.lrBuffer;
    if (epoch === undefined) {
      this.lastEpoch = nextEpoch(this.type, this.lastEpoch);
      this.computeLr(out);
    } else {
      this.lastEpoch = epoch;
      if (this.closedFormLr) {
        this.requireBaseLrs();
        this.closedFormLr(out);
      } else this.computeLr(out);
    }
    this.writeLrs(out);
  }

  /** Follows param groups added since construction (see {@link followsAddedGroups}), or throws. */
  protected syncGroupCount(): void {
    const n = this.optimizer.paramGroups.length;
    if (n === this.lrBuffer.length) return;
    if (!this.followsAddedGroups || n < this.lrBuffer.length) this.checkGroupCount();
    this.lrBuffer.length = n;
    this.lastLr.length = n;
  }

  /** A step that reads `baseLrs` for every group fails when groups were added after construction (PyTorch raises). */
  protected requireBaseLrs(): void {
    const n = this.optimizer.paramGroups.length;
    if (this.baseLrs.length !== n) {
      throw new ScheduleError(
        `${this.type}: step ${this.lastEpoch} needs baseLrs (initialLr) for each of the optimizer's ${n} param groups, but the scheduler was built for ${this.baseLrs.length}; build a new scheduler after adding groups (PyTorch raises here too)`,
      );
    }
  }

  protected writeLrs(lrs: readonly number[]): void {
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i] as ParamGroup;
      group.lr = lrs[i] as number;
      this.lastLr[i] = group.lr;
    }
  }

  protected checkGroupCount(): void {
    if (this.optimizer.paramGroups.length !== this.lrBuffer.length) {
      throw new ScheduleError(
        `${this.type}: the optimizer has ${this.optimizer.paramGroups.length} param groups but the scheduler was built for ${this.lrBuffer.length}; build a new scheduler after adding groups`,
      );
    }
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** JSON-safe, versioned state: counters and per-group bookkeeping, not options (those come from the constructor). */
  stateDict(): SchedulerState {
    return schedulerState(this.type, {
      lastEpoch: this.lastEpoch,
      stepCount: this.stepCount,
      baseLrs: this.baseLrs.map(encodeFloat),
      lastLr: this.lastLr.map(encodeFloat),
      ...(this.optionNames.length > 0 ? { options: optionsState(this, this.optionNames) } : {}),
      ...this.extraState(),
    });
  }

  /** Restores a state from {@link stateDict}; checks the type, version and every field before changing anything. */
  loadStateDict(state: unknown, path = 'state'): void {
    const reader = openState(path, state, this.type);
    const n = this.lrBuffer.length;
    const lastEpoch = this.readLastEpoch(reader);
    const stepCount = reader.integer('stepCount');
    const baseLrs = reader.floats('baseLrs', n);
    const lastLr = reader.floats('lastLr', n);
    if (reader.has('options')) checkSavedOptions(reader, this, this.optionNames);
    const applyExtra = this.readExtraState(reader);
    this.lastEpoch = lastEpoch;
    this.stepCount = stepCount;
    this.baseLrs = baseLrs;
    lastLr.forEach((v, i) => (this.lastLr[i] = v));
    applyExtra();
  }

  protected readLastEpoch(reader: StateReader): number {
    return reader.integer('lastEpoch');
  }

  /** Class-specific state fields. */
  protected extraState(): Record<string, JsonValue> {
    return {};
  }

  /** Validates class-specific fields and returns a function that applies them (so a bad state changes nothing). */
  protected readExtraState(_reader: StateReader): () => void {
    return () => {};
  }

  // --- closed form (lrAt / preview): additive, never touches the optimizer ---

  /**
   * The closed-form lrs after `step` steps (one per group), computed without touching the optimizer; the
   * scheduler's own state is unchanged afterwards. It is the formula PyTorch uses for `step(epoch)`, so it
   * can differ from the chainable `step()` sequence by float rounding, and it ignores lr changes made by
   * anyone else. Classes without a closed form (SWALR, ReduceLROnPlateau, ChainedScheduler) throw.
   *
   * @example
   * new StepLR(optimizer, { stepSize: 10 }).lrAt(25); // [initialLr * 0.01]
   */
  lrAt(step: number): number[] {
    integerAtLeast(`${this.type}.lrAt(step)`, step, 0);
    const out = new Array<number>(this.lrBuffer.length);
    const saved = this.lastEpoch;
    try {
      this.lastEpoch = step;
      this.requireBaseLrs();
      this.closedFormAt(out);
    } finally {
      this.lastEpoch = saved;
    }
    return out;
  }

  /**
   * The closed form over the first `steps` steps, one `Float64Array` per param group: `preview(n)[g][t]` is
   * `lrAt(t)[g]`, bit for bit. Nothing is allocated per step, and classes whose closed form is piecewise
   * constant or periodic fill whole runs at once, so it is much faster than stepping (see `npm run bench`).
   * Throws a {@link NoClosedFormError} for classes without a closed form.
   *
   * @example
   * const [lrs] = new LinearLR(optimizer, { startFactor: 0.5, totalIters: 2 }).preview(3); // Float64Array [0.05, 0.075, 0.1] for lr 0.1
   */
  preview(steps: number): Float64Array[] {
    integerAtLeast(`${this.type}.preview(steps)`, steps, 0);
    const columns = this.lrBuffer.map(() => new Float64Array(steps));
    const saved = this.lastEpoch;
    try {
      this.lastEpoch = 0;
      this.closedFormAt(new Array<number>(columns.length).fill(0)); // NoClosedFormError even for preview(0)
      this.previewInto(columns, steps);
    } finally {
      this.lastEpoch = saved;
    }
    return columns;
  }

  /**
   * Fills `columns[g][t]` with the closed form at step t, for t < steps; may use `this.lastEpoch` freely (the
   * caller restores it). The default evaluates `closedFormAt` step by step into one reused buffer; classes
   * with a cheaper exact form (constant runs, periodicity, a running product) override it.
   */
  protected previewInto(columns: Float64Array[], steps: number): void {
    const buffer = new Array<number>(columns.length).fill(0);
    for (let t = 0; t < steps; t++) {
      this.lastEpoch = t;
      this.closedFormAt(buffer);
      for (let g = 0; g < columns.length; g++) (columns[g] as Float64Array)[t] = buffer[g] as number;
    }
  }

  /** Fills steps `from .. to - 1` (clipped to the columns) with the closed form at `from`, for closed forms constant on that run. */
  protected fillRun(columns: Float64Array[], from: number, to: number, buffer: number[]): void {
    this.lastEpoch = from;
    this.closedFormAt(buffer);
    for (let g = 0; g < columns.length; g++) (columns[g] as Float64Array).fill(buffer[g] as number, from, to);
  }

  /** Writes the closed form for `this.lastEpoch` into `out`; subclasses without `closedFormLr` override it. */
  protected closedFormAt(out: number[]): void {
    if (!this.closedFormLr) throw new NoClosedFormError(this.type);
    this.closedFormLr(out);
  }
}
