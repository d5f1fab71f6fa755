import { StateError } from './errors.js';

/** A JSON value: what `JSON.stringify` / `JSON.parse` round-trip without loss. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Versioned, JSON-safe scheduler state as returned by `stateDict()`. */
export interface SchedulerState {
  format: 'lrkit.scheduler';
  version: 1;
  type: string;
  [key: string]: JsonValue;
}

export const STATE_VERSION = 1;

/** A scheduler's state: the envelope (`format`, `version`, `type`) that {@link openState} checks, then its fields. */
export function schedulerState(type: string, fields: Record<string, JsonValue>): SchedulerState {
  return { format: 'lrkit.scheduler', version: STATE_VERSION, type, ...fields };
}

/** JSON has no Infinity/NaN: encode them as strings so `best = Infinity` survives a round trip. */
export function encodeFloat(x: number): number | string {
  return Number.isFinite(x) ? x : String(x);
}

export function decodeFloat(path: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (value === 'NaN') return NaN;
  throw new StateError(path, `expected a number, got ${JSON.stringify(value) ?? String(value)}`);
}

/** Reads typed fields out of an untrusted state object, naming the path in every error. */
export class StateReader {
  constructor(
    readonly path: string,
    private readonly data: Record<string, unknown>,
  ) {}

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.data, key);
  }

  raw(key: string): unknown {
    if (!this.has(key)) throw new StateError(`${this.path}.${key}`, 'missing');
    return this.data[key];
  }

  float(key: string): number {
    return decodeFloat(`${this.path}.${key}`, this.raw(key));
  }

  integer(key: string): number {
    const value = this.raw(key);
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new StateError(`${this.path}.${key}`, `expected an integer, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  floats(key: string, length?: number): number[] {
    const value = this.raw(key);
    if (!Array.isArray(value)) throw new StateError(`${this.path}.${key}`, 'expected an array of numbers');
    if (length !== undefined && value.length !== length) {
      throw new StateError(`${this.path}.${key}`, `expected ${length} values (one per param group), got ${value.length}`);
    }
    return Array.from(value, (v, i) => decodeFloat(`${this.path}.${key}[${i}]`, v));
  }

  list(key: string): unknown[] {
    const value = this.raw(key);
    if (!Array.isArray(value)) throw new StateError(`${this.path}.${key}`, 'expected an array');
    return value;
  }
}

/** Checks the envelope (format, version, type) and returns a reader for the fields. */
export function openState(path: string, state: unknown, type: string): StateReader {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new StateError(path, `expected a scheduler state object, got ${state === null ? 'null' : typeof state}`);
  }
  const s = state as Record<string, unknown>;
  if (s.format !== 'lrkit.scheduler') throw new StateError(`${path}.format`, `expected "lrkit.scheduler", got ${JSON.stringify(s.format)}`);
  if (s.version !== STATE_VERSION) {
    throw new StateError(`${path}.version`, `unsupported state version ${JSON.stringify(s.version)} (this lrkit reads version ${STATE_VERSION})`);
  }
  if (s.type !== type) throw new StateError(`${path}.type`, `state of a ${JSON.stringify(s.type)} cannot be loaded into a ${type}`);
  return new StateReader(path, s);
}
