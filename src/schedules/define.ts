import { at, MAX_NESTING, NestingError, OptionError, type Path, type Where } from '../errors.js';
import type { JsonValue } from '../state.js';
import { boolean, integerAtLeast, knownKeys, numberInRange, oneOf, plainObject, type RangeBounds } from '../validate.js';
import { defineSchedule, nestingOf, specOf, type Schedule, type ScheduleLike, type ScheduleSpec } from './Schedule.js';

/**
 * The type of one option, described as data. The same description validates options when a schedule
 * is built (with `type.option: expected ..., got ...` errors), generates the JSON Schema, and drives
 * `toSpec` / `toCode`, so the three cannot drift apart.
 */
export type OptionType =
  | ({ kind: 'number' } & RangeBounds)
  | { kind: 'integer'; min: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | ({ kind: 'numberList'; order?: 'increasing' | 'nonDecreasing'; minLength?: number; integer?: boolean } & RangeBounds)
  | { kind: 'schedule' }
  | { kind: 'scheduleList'; minLength?: number }
  | {
      kind: 'custom';
      /** JSON Schema of the accepted JSON values. */
      schema: { [key: string]: JsonValue };
      /** Human description used in error messages. */
      expectation: string;
      /** Validates and normalizes; throws OptionError naming `option`. */
      check: (option: Path, value: unknown) => JsonValue;
      /**
       * How forms and tables present it (the playground's inputs, `lrkit recipes`); default 'json'
       * (edited as JSON text). 'enum' lists suggested `values`; 'expression' is a safe expression in `variable`.
       */
      form?: CustomForm;
      values?: readonly string[];
      variable?: string;
    };

/** Presentation of a custom option: see {@link OptionType}. */
export type CustomForm = 'perGroup' | 'expression' | 'enum' | 'schedule' | 'scheduler' | 'schedulers' | 'json';

/** One option: its type, documentation, and default (absent and not optional means required). */
export interface OptionDef {
  type: OptionType;
  doc: string;
  default?: JsonValue;
  /** Optional without a default: may be omitted (the builder derives a value). */
  optional?: boolean;
}

/** Validated options: numbers, booleans, strings, lists, and schedules for schedule-valued options. */
export type NormalizedOptions = Record<string, unknown>;

/**
 * A schedule family described as data: a primitive (`cosine`), a combinator (`warmup`) or a recipe
 * (`hf.cosine`). `build` receives validated options with defaults filled in.
 */
export interface ScheduleDefinition {
  /** The `type` used in specs: the JavaScript name (`hf.cosineWithRestarts`), which `toSpec` emits. */
  readonly type: string;
  /** Other names accepted in specs (the upstream library's, e.g. `hf.cosine_with_restarts`); they normalize to `type`. */
  readonly aliases?: readonly string[];
  /** One-line description (JSDoc, JSON Schema description). */
  readonly doc: string;
  readonly options: Readonly<Record<string, OptionDef>>;
  /** Valid options showing a typical use (`lrkit recipes`, the playground's default; a test builds each one). */
  readonly example: Readonly<Record<string, JsonValue>>;
  /** Cross-option checks (e.g. two options that exclude each other). */
  check?(options: NormalizedOptions, scope: Path): void;
  build(options: NormalizedOptions, scope: Path): (step: number) => number;
}

/** The value an option of type `T` has after validation. */
export type OptionValue<T> = T extends { kind: 'number' | 'integer' }
  ? number
  : T extends { kind: 'boolean' }
    ? boolean
    : T extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : T extends { kind: 'numberList' }
        ? number[]
        : T extends { kind: 'schedule' }
          ? ScheduleLike
          : T extends { kind: 'scheduleList' }
            ? ScheduleLike[]
            : unknown;

type IsOptional<O> = O extends { default: JsonValue } ? false : O extends { optional: boolean } ? true : false;

/** Validated options of a definition's `options`: defaults filled in, optional-without-default options maybe absent. */
export type Settled<D extends Readonly<Record<string, OptionDef>>> = {
  -readonly [K in keyof D as IsOptional<D[K]> extends true ? never : K]: OptionValue<D[K]['type']>;
} & {
  -readonly [K in keyof D as IsOptional<D[K]> extends true ? K : never]?: OptionValue<D[K]['type']>;
};

/** A definition as written: `check` and `build` see the options typed from `options` (no casts). */
export interface TypedScheduleDefinition<D extends Readonly<Record<string, OptionDef>>> extends Omit<ScheduleDefinition, 'options' | 'check' | 'build'> {
  readonly options: D;
  check?(options: Settled<D>, scope: Path): void;
  build(options: Settled<D>, scope: Path): (step: number) => number;
}

/** Declares a schedule definition; the options passed to `check` and `build` are typed from `options`. */
export function defineDefinition<const D extends Readonly<Record<string, OptionDef>>>(definition: TypedScheduleDefinition<D>): ScheduleDefinition {
  // The one place where typed options meet the untyped registry: `normalizeOptions` produces exactly Settled<D>.
  return Object.freeze(definition) as unknown as ScheduleDefinition;
}

/** Human description of an option type, as used in `expected ...` messages. */
export function describeType(type: OptionType): string {
  switch (type.kind) {
    case 'number':
      return describeRange('a number', type);
    case 'integer':
      return type.min === 1 ? 'a positive integer' : type.min === 0 ? 'a non-negative integer' : `an integer >= ${type.min}`;
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${type.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'numberList':
      return `an array of ${type.integer ? 'integers' : 'numbers'}${type.order === 'increasing' ? ', strictly increasing' : type.order === 'nonDecreasing' ? ', non-decreasing' : ''}`;
    case 'schedule':
      return 'a schedule';
    case 'scheduleList':
      return 'a non-empty array of schedules';
    case 'custom':
      return type.expectation;
  }
}

function describeRange(what: string, b: RangeBounds): string {
  const { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false } = b;
  if (min === -Infinity && max === Infinity) return `a finite number`;
  const lo = min === -Infinity ? '(-inf' : `${minExclusive ? '(' : '['}${min}`;
  const hi = max === Infinity ? 'inf)' : `${max}${maxExclusive ? ')' : ']'}`;
  return `${what} in ${lo}, ${hi}`;
}

/** Validates one option value against its type; returns the normalized value. */
export function checkOption(where: Where, value: unknown, type: OptionType): unknown {
  const option = typeof where === 'string' ? [where] : where;
  switch (type.kind) {
    case 'number':
      if (type.min === undefined && type.max === undefined) {
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new OptionError(option, value, 'a finite number');
        return value;
      }
      return numberInRange(option, value, type);
    case 'integer':
      return integerAtLeast(option, value, type.min);
    case 'boolean':
      return boolean(option, value);
    case 'enum':
      return oneOf(option, value, type.values);
    case 'numberList': {
      if (!Array.isArray(value) || value.length < (type.minLength ?? 0)) {
        throw new OptionError(option, value, `${describeType(type)}${type.minLength ? ` with at least ${type.minLength} entries` : ''}`);
      }
      const list = value.map((v, i) =>
        type.integer ? integerAtLeast(at(option, i), v, type.min ?? -Number.MAX_SAFE_INTEGER) : checkOption(at(option, i), v, { ...type, kind: 'number' }),
      ) as number[];
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1] as number;
        const b = list[i] as number;
        if (type.order === 'increasing' ? b <= a : type.order === 'nonDecreasing' ? b < a : false) {
          throw new OptionError(option, value, describeType(type));
        }
      }
      return list;
    }
    case 'schedule':
      if (typeof value !== 'function') throw new OptionError(option, value, 'a schedule (a function of the step)');
      return value;
    case 'scheduleList':
      if (!Array.isArray(value) || value.length < (type.minLength ?? 1)) throw new OptionError(option, value, describeType(type));
      value.forEach((v, i) => {
        if (typeof v !== 'function') throw new OptionError(at(option, i), v, 'a schedule (a function of the step)');
      });
      return [...value];
    case 'custom':
      return type.check(option, value);
  }
}

/**
 * Validates an options object against a definition: known keys, types, defaults, cross-checks. `scope` is
 * where the options sit (a spec path such as `['scheduler', 'schedule']`; default: the type, for direct calls).
 */
export function normalizeOptions(definition: ScheduleDefinition, raw: unknown, scope: Path = [definition.type]): NormalizedOptions {
  return normalizeWith(definition.type, definition.options, raw, scope, definition.check);
}

/**
 * The one options validator behind schedules and scheduler classes: `raw` must be an object with only
 * known keys; absent options take their default (or stay absent when optional); each value is checked
 * against its type at its own path; `check` then sees the whole. With `nullIsAbsent`, `null` counts as
 * absent for optional options (PyTorch's `None`).
 */
export function normalizeWith(
  type: string,
  definitions: Readonly<Record<string, OptionDef>>,
  raw: unknown,
  scope: Path,
  check?: (options: NormalizedOptions, scope: Path) => void,
  { nullIsAbsent = false }: { nullIsAbsent?: boolean } = {},
): NormalizedOptions {
  const options = plainObject(scope.length === 1 && scope[0] === type ? at(scope, 'options') : scope, raw ?? {});
  knownKeys(scope, options, Object.keys(definitions));
  const out: NormalizedOptions = {};
  for (const [key, def] of Object.entries(definitions)) {
    let value = options[key];
    if (value === null && nullIsAbsent && def.optional) value = undefined;
    if (value === undefined) {
      if (def.default !== undefined) value = def.default;
      else if (def.optional) continue;
      else throw new OptionError(at(scope, key), undefined, `${describeType(def.type)} (required)`);
    }
    out[key] = checkOption(at(scope, key), value, def.type);
  }
  check?.(out, scope);
  return out;
}

/** The JSON spec of normalized options; undefined when a schedule-valued option has no spec (a plain function). */
export function specFromOptions(definition: ScheduleDefinition, options: NormalizedOptions): ScheduleSpec | undefined {
  const spec: ScheduleSpec = { type: definition.type };
  for (const [key, def] of Object.entries(definition.options)) {
    const value = options[key];
    if (value === undefined) continue;
    if (def.type.kind === 'schedule') {
      const child = specOf(value as ScheduleLike);
      if (child === undefined) return undefined;
      spec[key] = child;
    } else if (def.type.kind === 'scheduleList') {
      const children = (value as ScheduleLike[]).map(specOf);
      if (children.some((c) => c === undefined)) return undefined;
      spec[key] = children as ScheduleSpec[];
    } else {
      spec[key] = structuredClone(value) as JsonValue;
    }
  }
  return spec;
}

/**
 * Builds a schedule from a definition and raw options: validates once, here, and never again per step.
 *
 * @example
 * const s = instantiate(cosineDefinition, { from: 0.1, steps: 10 });
 */
export function instantiate(definition: ScheduleDefinition, raw: unknown, scope: Path = [definition.type]): Schedule {
  const options = normalizeOptions(definition, raw, scope);
  // Nesting is counted when built, in code as from a spec, so no schedule is deeper than a spec may be.
  let inner = 0;
  for (const [key, def] of Object.entries(definition.options)) {
    const value = options[key];
    if (def.type.kind === 'schedule' && value !== undefined) inner = Math.max(inner, nestingOf(value as ScheduleLike));
    if (def.type.kind === 'scheduleList' && Array.isArray(value)) for (const v of value) inner = Math.max(inner, nestingOf(v as ScheduleLike));
  }
  if (inner + 1 > MAX_NESTING + 1) throw new NestingError(scope, MAX_NESTING);
  const fn = definition.build(options, scope);
  return defineSchedule(fn, specFromOptions(definition, options), inner + 1);
}

// Shorthands used by the definitions; their types say whether an option has a default or may be absent.
type Extra = { default?: JsonValue; optional?: boolean };
type Flags<E> = (E extends { default: JsonValue } ? { default: JsonValue } : unknown) & (E extends { optional: true } ? { optional: true } : unknown);
export const num = <const E extends Extra & RangeBounds = Record<never, never>>(doc: string, extra?: E): { type: { kind: 'number' } & RangeBounds; doc: string } & Flags<E> => {
  const { default: d, optional, ...bounds } = (extra ?? {}) as Extra & RangeBounds;
  return { type: { kind: 'number', ...bounds }, doc, ...(d !== undefined ? { default: d } : {}), ...(optional ? { optional } : {}) } as never;
};
export const int = <const E extends Extra = Record<never, never>>(doc: string, min: number, extra?: E): { type: { kind: 'integer'; min: number }; doc: string } & Flags<E> =>
  ({ type: { kind: 'integer', min }, doc, ...(extra ?? {}) }) as never;
export const bool = (doc: string, def: boolean): { type: { kind: 'boolean' }; doc: string; default: boolean } => ({ type: { kind: 'boolean' }, doc, default: def });
export const choice = <const V extends string, const Def extends V | undefined = undefined>(
  doc: string,
  values: readonly V[],
  def?: Def,
): { type: { kind: 'enum'; values: readonly V[] }; doc: string } & (Def extends string ? { default: JsonValue } : unknown) =>
  ({ type: { kind: 'enum', values }, doc, ...(def !== undefined ? { default: def } : {}) }) as never;
export const scheduleOption = (doc: string): { type: { kind: 'schedule' }; doc: string } => ({ type: { kind: 'schedule' }, doc });

/** Optional numbers that exclude each other (e.g. `alpha` and `to`). */
export function exclusive(options: NormalizedOptions, scope: Path, a: string, b: string): void {
  if (options[a] !== undefined && options[b] !== undefined) {
    throw new OptionError(at(scope, b), options[b], `no ${b} when ${a} is given (they set the same thing)`);
  }
}
