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
 * An option given to a constructor or schedule factory is invalid.
 * `option` names the option (for example `StepLR.stepSize`), `value` is what was given.
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
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expectation: string,
  ) {
    super(`${option}: expected ${expectation}, got ${describeValue(value)}`);
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

/** Short, unambiguous rendering of a bad value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) {
    if (value.length > 8) return `an array of length ${value.length}`;
    return `[${value.map(describeValue).join(', ')}]`;
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
