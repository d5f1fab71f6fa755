import { at, OptionError, toPath, type Path, type Where } from '../errors.js';
import { normalizeWith, type CustomForm, type OptionDef, type OptionType } from '../schedules/define.js';
import type { JsonValue } from '../state.js';
import { finiteNumber, numberInRange, perGroup as expandPerGroup } from '../validate.js';
import { resolveFactor } from './lambdas.js';

/**
 * The options of every scheduler class (PyTorch's and lrkit's bridges) described as data, ONE definition per
 * class, next to the class: it supplies the defaults and the validation the constructor runs, the JSON Schema,
 * the docs (`lrkit recipes`, the playground), the code generators' PyTorch keywords, and `toSpec()`.
 */

/** One scheduler option: its type, doc and default, and PyTorch's keyword for it. */
export interface SchedulerOptionDef extends OptionDef {
  /** PyTorch keyword argument name ('' for lrkit-only options, which PyTorch code cannot pass). */
  readonly pytorch: string;
}

/** Python module of a scheduler class ('lrkit' for lrkit's bridges, which PyTorch does not have). */
export type SchedulerModule = 'torch.optim.lr_scheduler' | 'torch.optim.swa_utils' | 'lrkit';

/**
 * How a scheduler (or schedule) is usually stepped ('any': a pure function of whatever step you count). The
 * catalog reports 'metric' from the scheduler's protocol (`stepInput`), not from this table.
 */
export type StepPer = 'epoch' | 'batch' | 'metric' | 'any';

export interface SchedulerTypeDefinition {
  /** The spec `type` (the class name). */
  readonly type: string;
  /** One-line summary (JSON Schema description, `lrkit recipes`, the playground). */
  readonly doc: string;
  readonly module: SchedulerModule;
  readonly stepPer: StepPer;
  /** Whether it cycles momentum (or Adam's beta1). */
  readonly cyclesMomentum: boolean;
  readonly options: Readonly<Record<string, SchedulerOptionDef>>;
  /** Options without which the constructor throws. */
  readonly required: readonly string[];
  /** Valid options showing a typical use (without `type`). */
  readonly example: Readonly<Record<string, JsonValue>>;
}

/** A class's option definition, typed: `normalize` returns the options with defaults filled in as `N`. */
export interface SchedulerOptions<N> extends SchedulerTypeDefinition {
  /**
   * Validates raw options once (known keys, types, bounds, cross-option checks) and fills in defaults.
   * `where` is where they sit in a larger spec (error paths); a direct call uses the class name.
   */
  normalize(raw: unknown, where?: Where): N;
}

/** What {@link defineOptions} takes: the definition without `required` (derived from defaults). */
export interface OptionsInput<O, N> extends Omit<SchedulerTypeDefinition, 'required' | 'options'> {
  readonly options: { readonly [K in keyof Required<O>]: SchedulerOptionDef };
  /** Cross-option checks on the normalized options. */
  readonly check?: (options: N, path: Path) => void;
}

/**
 * Declares a class's options as data. `O` is the constructor's options interface (every key must be
 * described), `N` what `normalize` returns (default: every option present, `Required<O>`; options that are
 * `optional` without a default stay optional).
 *
 * @example
 * const stepLROptions = defineOptions<StepLROptions>()({ type: 'StepLR', ..., options: { stepSize: int('step_size', '...', 1), ... } });
 * const { stepSize, gamma } = stepLROptions.normalize({ stepSize: 10 }); // typed, gamma = 0.1
 */
export function defineOptions<O extends object, N = Required<O>>(): (input: OptionsInput<O, N>) => SchedulerOptions<N> {
  return (input) => {
    const options = input.options as Readonly<Record<string, SchedulerOptionDef>>;
    const required = Object.entries(options)
      .filter(([, def]) => def.default === undefined && !def.optional)
      .map(([key]) => key);
    const { check, ...rest } = input;
    const definition: SchedulerOptions<N> = {
      ...rest,
      options,
      required,
      normalize: (raw, where = input.type) =>
        normalizeWith(input.type, options, raw, toPath(where), check as ((o: Record<string, unknown>, path: Path) => void) | undefined, { nullIsAbsent: true }) as N,
    };
    return Object.freeze(definition);
  };
}

// ---- shorthands for the class definitions ----

const withDefault = (def: JsonValue | undefined) => (def !== undefined ? { default: def } : {});
type Py = string;
type Bounds = Omit<Extract<OptionType, { kind: 'number' }>, 'kind'>;

function custom(
  schema: { [key: string]: JsonValue },
  expectation: string,
  form: CustomForm,
  check: (path: Path, value: unknown) => JsonValue,
  extra: { values?: readonly string[]; variable?: string } = {},
): OptionType {
  return { kind: 'custom', schema, expectation, check, form, ...extra };
}

export const num = (pytorch: Py, doc: string, bounds: Bounds = {}, def?: JsonValue): SchedulerOptionDef => ({ type: { kind: 'number', ...bounds }, doc, pytorch, ...withDefault(def) });
export const int = (pytorch: Py, doc: string, min: number, def?: number): SchedulerOptionDef => ({ type: { kind: 'integer', min }, doc, pytorch, ...withDefault(def) });
/** An integer that may be omitted (the class derives it, e.g. CyclicLR's stepSizeDown). */
export const optionalInt = (pytorch: Py, doc: string, min: number): SchedulerOptionDef => ({ type: { kind: 'integer', min }, doc, pytorch, optional: true });
export const bool = (pytorch: Py, doc: string, def: boolean): SchedulerOptionDef => ({ type: { kind: 'boolean' }, doc, pytorch, default: def });
export const choice = (pytorch: Py, doc: string, values: readonly string[], def: string): SchedulerOptionDef => ({ type: { kind: 'enum', values }, doc, pytorch, default: def });

/** A number, or one per param group; `min` bounds each value (undefined: any finite number). The count is checked against the optimizer by {@link groupValues}. */
export const perGroup = (pytorch: Py, doc: string, min: number | undefined, def?: number): SchedulerOptionDef => {
  const item: { [key: string]: JsonValue } = { type: 'number', ...(min !== undefined ? { minimum: min } : {}) };
  const one = (path: Path, v: unknown): number => (min === undefined ? finiteNumber(path, v) : numberInRange(path, v, { min }));
  return {
    type: custom({ oneOf: [item, { type: 'array', items: item, minItems: 1 }] }, 'a number, or one per param group', 'perGroup', (path, value) => {
      if (Array.isArray(value)) {
        if (value.length === 0) throw new OptionError(path, value, 'a number, or a non-empty array with one per param group');
        return value.map((v, i) => one(at(path, i), v));
      }
      return one(path, value);
    }),
    doc,
    pytorch,
    ...withDefault(def),
  };
};

/** A factor function of `variable`: a safe expression string (JSON) or, from code, a JavaScript function; one per group allowed. */
export const lambda = (pytorch: Py, doc: string, variable: string, optional = false): SchedulerOptionDef => ({
  type: custom(
    { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
    `an expression in ${variable}, or one per param group`,
    'expression',
    (path, value) => {
      // Validate now (syntax, type); the class resolves the same values per group.
      if (Array.isArray(value)) value.forEach((v, i) => resolveFactor(at(path, i), v, variable));
      else resolveFactor(path, value, variable);
      return value as JsonValue;
    },
    { variable },
  ),
  doc,
  pytorch,
  ...(optional ? { optional: true } : {}),
});

/** Child schedulers (in code: scheduler objects; in a spec: scheduler specs, built before the class sees them). */
export const schedulers = (doc: string, pytorch: Py = 'schedulers'): SchedulerOptionDef => ({
  type: custom({ type: 'array', items: { $ref: '#/$defs/scheduler' }, minItems: 1 }, 'a non-empty array of scheduler specs', 'schedulers', (path, value) => {
    if (!Array.isArray(value) || value.length === 0) throw new OptionError(path, value, 'a non-empty array of schedulers');
    return value as JsonValue;
  }),
  doc,
  pytorch,
});

export const milestones = (pytorch: Py): SchedulerOptionDef => ({
  type: { kind: 'numberList', integer: true, min: 1, order: 'increasing' },
  doc: 'Steps where the next scheduler takes over (one fewer than schedulers).',
  pytorch,
});
export const lastEpoch = (pytorch: Py = 'last_epoch') => int(pytorch, 'Index of the last epoch when resuming (-1: fresh start).', -1, -1);
export const gamma = num('gamma', 'Multiplicative factor of decay (> 0).', { min: 0, minExclusive: true }, 0.1);
export const etaMin = num('eta_min', 'Minimum lr.', {}, 0);

/** Meta of the PyTorch epoch-stepped classes. */
export const torchEpoch = { module: 'torch.optim.lr_scheduler', stepPer: 'epoch', cyclesMomentum: false } as const;

/** A per-group option's values for `groups` param groups (a single number applies to all); checks the count. */
export function groupValues(path: Path, value: number | readonly number[], groups: number): number[] {
  return expandPerGroup(path, value, groups, (_p, v) => v as number);
}

/**
 * The JSON spec of normalized options: `type`, then every option but `lastEpoch` (a spec describes a fresh
 * build); per-group values collapse to one number when all groups agree; a JavaScript function (which has
 * no JSON form) throws an OptionError naming the option.
 */
export function optionsToSpec(definition: SchedulerTypeDefinition, options: object, skip: readonly string[] = []): { type: string; [key: string]: JsonValue } {
  const spec: { type: string; [key: string]: JsonValue } = { type: definition.type };
  const values = options as Record<string, unknown>;
  for (const [key, def] of Object.entries(definition.options)) {
    const value = values[key];
    if (value === undefined || key === 'lastEpoch' || skip.includes(key)) continue;
    if (def.type.kind === 'custom' && def.type.form === 'perGroup' && Array.isArray(value) && value.every((v) => v === value[0])) {
      spec[key] = value[0] as number;
    } else if (def.type.kind === 'custom' && def.type.form === 'expression') {
      const list = Array.isArray(value) ? value : [value];
      list.forEach((f, i) => {
        if (typeof f !== 'string') {
          throw new OptionError(Array.isArray(value) ? [definition.type, key, i] : [definition.type, key], f, 'an expression string (a JavaScript function has no JSON form; give the expression, e.g. "0.95 ** epoch")');
        }
      });
      spec[key] = Array.isArray(value) && value.every((v) => v === value[0]) ? (value[0] as string) : (structuredClone(value) as JsonValue);
    } else {
      spec[key] = structuredClone(value) as JsonValue;
    }
  }
  return spec;
}
