import { at, OptionError, type Where } from './errors.js';

/** Validation helpers shared by every constructor: each throws an OptionError naming the option and value. */

export function finiteNumber(option: Where, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new OptionError(option, value, 'a finite number');
  return value;
}

export interface RangeBounds {
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

export function numberInRange(option: Where, value: unknown, bounds: RangeBounds): number {
  const { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false } = bounds;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minExclusive ? value > min : value >= min) &&
    (maxExclusive ? value < max : value <= max);
  if (!ok) {
    const lo = min === -Infinity ? '(-inf' : `${minExclusive ? '(' : '['}${min}`;
    const hi = max === Infinity ? 'inf)' : `${max}${maxExclusive ? ')' : ']'}`;
    throw new OptionError(option, value, `a number in ${lo}, ${hi}`);
  }
  return value as number;
}

export function integerAtLeast(option: Where, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const what = min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer >= ${min}`;
    throw new OptionError(option, value, what);
  }
  return value;
}

export function positiveInteger(option: Where, value: unknown): number {
  return integerAtLeast(option, value, 1);
}

export function nonNegativeInteger(option: Where, value: unknown): number {
  return integerAtLeast(option, value, 0);
}

export function boolean(option: Where, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new OptionError(option, value, 'true or false');
  return value;
}

export function oneOf<T extends string>(option: Where, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new OptionError(option, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  return value as T;
}

/**
 * PyTorch's `_format_param`: a scalar applies to every param group, an array gives one value per group.
 * Each value is checked with `check`.
 */
export function perGroup(
  option: Where,
  value: unknown,
  groupCount: number,
  check: (option: Where, value: unknown) => number,
): number[] {
  if (Array.isArray(value)) {
    if (value.length !== groupCount) {
      throw new OptionError(option, value, `one value per param group (${groupCount}), or a single number`);
    }
    return Array.from(value, (v, i) => check(at(option, i), v));
  }
  const single = check(option, value);
  return new Array<number>(groupCount).fill(single);
}

/** Rejects keys an options object does not know, so a typo (`stepsize`) is not silently ignored. */
export function knownKeys(scope: Where, options: object, allowed: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new OptionError(at(scope, key), (options as Record<string, unknown>)[key], `no such option (known: ${allowed.join(', ')})`);
    }
  }
}

export function plainObject(option: Where, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OptionError(option, value, 'an object');
  }
  return value as Record<string, unknown>;
}
