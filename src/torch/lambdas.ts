import { at, formatPath, OptionError, ScheduleError, type Where } from '../errors.js';
import { compileExpression, ExpressionError } from '../expr/parseExpression.js';

/** A multiplicative factor as a function, or as a safe expression string (serializable, usable in specs). */
export type FactorFunction = ((value: number) => number) | string;

export interface ResolvedFactor {
  fn: (value: number) => number;
  /** The expression text, or null for a JavaScript function (which cannot be serialized). */
  source: string | null;
}

/** Turns a function or expression string of `variable` into a checked function. */
export function resolveFactor(option: Where, value: unknown, variable: string): ResolvedFactor {
  if (typeof value === 'string') {
    const compiled = compileExpression(value, [variable], option);
    return {
      fn: (v) => {
        try {
          return compiled({ [variable]: v });
        } catch (error) {
          if (error instanceof ExpressionError) throw new ScheduleError(`${formatPath(option)}: ${error.message} at ${variable}=${v}`);
          throw error;
        }
      },
      source: value,
    };
  }
  if (typeof value === 'function') {
    const f = value as (v: number) => unknown;
    return {
      fn: (v) => {
        const out = f(v);
        if (typeof out !== 'number' || Number.isNaN(out)) {
          throw new ScheduleError(`${formatPath(option)} returned ${typeof out === 'number' ? 'NaN' : typeof out} for ${variable}=${v}; it must return a number`);
        }
        return out;
      },
      source: null,
    };
  }
  throw new OptionError(option, value, `a function of ${variable} or an expression string`);
}

/** One factor for all groups, or one per group (PyTorch accepts a list of lambdas). */
export function resolveFactors(option: Where, value: unknown, groupCount: number, variable: string): ResolvedFactor[] {
  if (Array.isArray(value)) {
    if (value.length !== groupCount) throw new OptionError(option, value, `one entry per param group (${groupCount})`);
    return Array.from(value, (v, i) => resolveFactor(at(option, i), v, variable));
  }
  const single = resolveFactor(option, value, variable);
  return new Array<ResolvedFactor>(groupCount).fill(single);
}
