/**
 * Every error lrkit throws on purpose is an {@link LrkitError}, so callers can tell our
 * diagnostics from bugs with one `instanceof` check.
 */
export class LrkitError extends Error {
  override name = 'LrkitError';
}

/**
 * An option given to a constructor or schedule factory is invalid.
 * `option` names the option (for example `StepLR.stepSize`), `value` is what was given.
 *
 * @example
 * try { new StepLR(opt, { stepSize: 0 }); } catch (e) { if (e instanceof OptionError) console.log(e.option); }
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

/** A state object handed to `loadStateDict()` does not fit the scheduler or optimizer. */
export class StateError extends LrkitError {
  override name = 'StateError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** A scheduler was driven past what its configuration allows (e.g. OneCycleLR beyond totalSteps). */
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
