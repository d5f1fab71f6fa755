/**
 * Every error lrkit throws on purpose is an {@link LrkitError}, so callers can tell our
 * diagnostics from bugs with one `instanceof` check.
 *
 * @example
 * try {
 *   new StepLR(createOptimizer({ lr: 0.1 }), { stepSize: 0 });
 * } catch (error) {
 *   error instanceof LrkitError; // true
 * }
 */
export class LrkitError extends Error {
  override name = 'LrkitError';
}

/**
 * One step into a JSON document or options object: a key, or an array index.
 *
 * @example
 * const segments: PathSegment[] = ['scheduler', 'milestones', 3];
 * formatPath(segments); // 'scheduler.milestones[3]'
 */
export type PathSegment = string | number;

/**
 * Where a value sits: `['scheduler', 'schedulers', 1, 'gamma']` is `scheduler.schedulers[1].gamma`.
 *
 * @example
 * let path: Path = [];
 * try {
 *   fromSpec({ optimizer: { lr: 0.1 }, scheduler: { type: 'SequentialLR', milestones: [2], schedulers: [{ type: 'StepLR', stepSize: 1 }, { type: 'ExponentialLR', gamma: -1 }] }, steps: 5 });
 * } catch (error) {
 *   if (error instanceof OptionError) path = error.path;
 * }
 * formatPath(path); // 'scheduler.schedulers[1].gamma'
 */
export type Path = readonly PathSegment[];

/** A path, or (for a single name such as `steps`) its one segment. */
export type Where = Path | string;

/** The segments of `where` (a string is one segment, never split). */
export function toPath(where: Where): Path {
  return typeof where === 'string' ? [where] : where;
}

/** `where` extended by `more` segments: the one way builders pass prefixes down. */
export function at(where: Where, ...more: PathSegment[]): Path {
  return [...toPath(where), ...more];
}

/**
 * The display form of a path: keys joined by dots, indices in brackets (`scheduler.schedulers[1].gamma`).
 *
 * @example
 * formatPath(['scheduler', 'milestones', 3]); // 'scheduler.milestones[3]'
 */
export function formatPath(where: Where): string {
  const path = toPath(where);
  let out = '';
  path.forEach((segment, i) => {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += i === 0 ? segment : `.${segment}`;
  });
  return out;
}

/**
 * An option given to a constructor, schedule factory or spec is invalid. `path` locates it as segments
 * (`['scheduler', 'schedulers', 1, 'gamma']`; a directly built scheduler starts with its type, `['StepLR', 'stepSize']`),
 * `option` is its display form (`scheduler.schedulers[1].gamma`), `value` is what was given.
 *
 * @example
 * try {
 *   new StepLR(createOptimizer({ lr: 0.1 }), { stepSize: 0 });
 * } catch (error) {
 *   if (error instanceof OptionError) {
 *     error.option; // 'StepLR.stepSize'
 *     error.value; // 0
 *   }
 * }
 */
export class OptionError extends LrkitError {
  override name = 'OptionError';
  /** Where the bad value sits, as segments. */
  readonly path: Path;
  /** The display form of {@link path}, as it starts the message. */
  readonly option: string;
  constructor(
    where: Where,
    readonly value: unknown,
    readonly expectation: string,
  ) {
    const option = formatPath(where);
    super(`${option}: expected ${expectation}, got ${describeValue(value)}`);
    this.path = Object.freeze([...toPath(where)]);
    this.option = option;
  }
}

/**
 * Deepest nesting lrkit builds, counting every scheduler, schedule and combinator level (a guard against
 * hostile input, not a design limit): a spec, or a chain of schedules or composite schedulers built in code,
 * deeper than this is a {@link NestingError}, so nothing downstream (JSON, toSpec, code export) can overflow the stack.
 *
 * @example
 * MAX_NESTING; // 16
 */
export const MAX_NESTING = 16;

/**
 * A spec (or a chain of schedules or composite schedulers built in code) nests deeper than lrkit accepts: a
 * guard against hostile input, reported at the first path past the limit.
 *
 * @example
 * let spec: unknown = { type: 'StepLR', stepSize: 1 };
 * for (let i = 0; i < MAX_NESTING + 1; i++) spec = { type: 'ChainedScheduler', schedulers: [spec] };
 * let caught: unknown;
 * try {
 *   buildScheduler(createOptimizer({ lr: 0.1 }), spec);
 * } catch (error) {
 *   caught = error;
 * }
 * caught instanceof NestingError; // true
 */
export class NestingError extends OptionError {
  override name = 'NestingError';
  constructor(where: Where, limit: number) {
    super(where, '(nested further)', `at most ${limit} levels of nested schedulers and schedules`);
  }
}

/**
 * A state object handed to `loadStateDict()` does not fit the scheduler or optimizer.
 *
 * @example
 * const scheduler = new StepLR(createOptimizer({ lr: 0.1 }), { stepSize: 10 });
 * try {
 *   scheduler.loadStateDict({ format: 'lrkit.scheduler', version: 1, type: 'ExponentialLR' });
 * } catch (error) {
 *   error instanceof StateError; // true
 * }
 */
export class StateError extends LrkitError {
  override name = 'StateError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/**
 * A scheduler was driven past what its configuration allows (e.g. OneCycleLR beyond totalSteps).
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.1, momentum: 0.9 });
 * const scheduler = new OneCycleLR(optimizer, { maxLr: 0.1, totalSteps: 2 });
 * let caught: unknown;
 * try {
 *   for (let i = 0; i < 3; i++) {
 *     optimizer.step();
 *     scheduler.step();
 *   }
 * } catch (error) {
 *   caught = error;
 * }
 * caught instanceof ScheduleError; // true
 */
export class ScheduleError extends LrkitError {
  override name = 'ScheduleError';
}

/**
 * The one error for "this scheduler has no closed form": `lrAt()`, `preview()` and anything else that
 * needs the lr as a pure function of the step, on a scheduler whose lr depends on its history
 * (ReduceLROnPlateau, SWALR, ChainedScheduler, WarmupLR over one of them, ...).
 *
 * @example
 * const swa = new SWALR(createOptimizer({ lr: 0.1 }), { swaLr: 0.05 });
 * let caught: unknown;
 * try {
 *   swa.lrAt(10); // SWALR anneals from whatever lr the optimizer had: no closed form
 * } catch (error) {
 *   caught = error;
 * }
 * caught instanceof NoClosedFormError; // true
 */
export class NoClosedFormError extends ScheduleError {
  override name = 'NoClosedFormError';
  constructor(readonly type: string, why = 'its lr depends on its history') {
    super(`${type} has no closed form (${why}); step it instead`);
  }
}

/** Short, unambiguous rendering of a bad value for error messages (bounded: a hostile value cannot make it recurse deeply). */
export function describeValue(value: unknown, depth = 0): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) {
    if (value.length > 8) return `an array of length ${value.length}`;
    if (depth >= 3) return 'a nested array';
    return `[${value.map((v) => describeValue(v, depth + 1)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    try {
      const text = JSON.stringify(value);
      return text.length > 80 ? 'an object' : text;
    } catch {
      return 'an object';
    }
  }
  return String(value);
}

/**
 * Writing a log file failed (disk full, file removed, permission changed) or a closed writer was used.
 * `file` is the file (or directory) concerned; `cause` the underlying Node error, when there is one.
 */
export class WriteError extends LrkitError {
  override name = 'WriteError';
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
  }
}
