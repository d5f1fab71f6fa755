import { COMBINATORS } from '../combinators/registry.js';
import { RECIPES } from '../recipes/registry.js';
import { describeType, type OptionDef, type ScheduleDefinition } from '../schedules/define.js';
import { PRIMITIVES } from '../schedules/registry.js';
import type { JsonValue } from '../state.js';
import { createOptimizer, type CreateOptimizerOptions } from '../optim/createOptimizer.js';
import type { StepInput } from '../torch/LRScheduler.js';
import { buildScheduler } from './buildScheduler.js';
import { SCHEDULE_DEFINITIONS } from './scheduleDefinitions.js';
import { SCHEDULER_TYPE_DEFINITIONS, type SchedulerModule, type SchedulerOptionDef, type SchedulerTypeDefinition, type StepPer } from './schedulerDefinitions.js';

/** How an option is edited and shown (the playground's inputs, the CLI's tables). */
export type OptionKind =
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  /** A number, or one number per param group. */
  | 'perGroup'
  /** An array of integers (milestones). */
  | 'integers'
  /** An array of numbers. */
  | 'numbers'
  /** A safe expression string (see `compileExpression`), or one per group. */
  | 'expression'
  /** Nested specs and other structured values, edited as JSON. */
  | 'schedule'
  | 'schedules'
  | 'scheduler'
  | 'schedulers'
  | 'json';

/** Option kinds whose values are edited as JSON text. */
export const JSON_KINDS: ReadonlySet<OptionKind> = new Set(['schedule', 'schedules', 'scheduler', 'schedulers', 'json']);

/** One option of a scheduler, schedule or recipe, with its PyTorch name and default. */
export interface OptionInfo {
  /** lrkit (lowerCamelCase) name, the key in a spec. */
  name: string;
  /** PyTorch keyword argument name ('' for options PyTorch does not have). */
  pytorch: string;
  kind: OptionKind;
  /** What the value must be, as in error messages (`a number in (0, inf)`). */
  expects: string;
  /** `undefined` when the option is required or has no default. */
  default?: JsonValue;
  required: boolean;
  /** Allowed values for 'enum'. */
  values?: readonly string[];
  /** For expressions: the variable name. */
  variable?: string;
  doc: string;
}

/** Where a type comes from: a PyTorch class, an lrkit bridge, or a pure schedule, combinator or recipe. */
export type Family = 'pytorch' | 'bridge' | 'schedule' | 'combinator' | 'recipe';

/** A spec `type` the CLI and playground know about. */
export interface SchedulerInfo {
  /** The spec `type` (PyTorch class name, or schedule/recipe type). */
  type: string;
  family: Family;
  /** Python module holding the class ('lrkit' when PyTorch has none). */
  module: SchedulerModule;
  summary: string;
  /** How it is usually stepped (`'metric'` exactly when `stepInput` is). */
  stepPer: StepPer;
  /**
   * What the example's `step()` takes, read from the built scheduler's protocol. WarmupLR and PlateauSequentialLR
   * take a metric when a wrapped scheduler does: use {@link stepInputOf} for a given spec.
   */
  stepInput: StepInput;
  /** Whether it cycles momentum (or Adam's beta1). */
  cyclesMomentum: boolean;
  options: readonly OptionInfo[];
  /** A valid example scheduler spec (the playground's default card; checked by the tests). */
  example: Record<string, JsonValue>;
}

function kindOf(def: OptionDef): Pick<OptionInfo, 'kind' | 'values' | 'variable'> {
  const t = def.type;
  switch (t.kind) {
    case 'number':
    case 'integer':
    case 'boolean':
      return { kind: t.kind };
    case 'enum':
      return { kind: 'enum', values: t.values };
    case 'numberList':
      return { kind: t.integer ? 'integers' : 'numbers' };
    case 'schedule':
      return { kind: 'schedule' };
    case 'scheduleList':
      return { kind: 'schedules' };
    case 'custom':
      if (t.form === 'enum') return { kind: 'enum', values: t.values ?? [] };
      if (t.form === 'expression') return { kind: 'expression', variable: t.variable ?? 'x' };
      return { kind: t.form ?? 'json' };
  }
}

function optionInfo(name: string, def: OptionDef, pytorch: string, required: boolean): OptionInfo {
  return { name, pytorch, ...kindOf(def), expects: describeType(def.type), ...(def.default !== undefined ? { default: def.default } : {}), required, doc: def.doc };
}

/**
 * What a scheduler spec's `step()` takes (its `stepInput`), read from the scheduler it builds on a plain
 * optimizer (default `{ lr: 0.1, momentum: 0.9 }`). Throws the builder's OptionError for an invalid spec.
 *
 * @example
 * stepInputOf({ type: 'WarmupLR', steps: 5, scheduler: { type: 'ReduceLROnPlateau' } }); // 'metric'
 */
export function stepInputOf(schedulerSpec: unknown, optimizer: CreateOptimizerOptions = { lr: 0.1, momentum: 0.9 }): StepInput {
  return buildScheduler(createOptimizer(optimizer), schedulerSpec).stepInput;
}

function fromSchedulerDefinition(d: SchedulerTypeDefinition): SchedulerInfo {
  const stepInput = stepInputOf({ type: d.type, ...d.example });
  return {
    type: d.type,
    family: d.module === 'lrkit' ? 'bridge' : 'pytorch',
    module: d.module,
    summary: d.doc,
    stepPer: stepInput === 'metric' ? 'metric' : d.stepPer,
    stepInput,
    cyclesMomentum: d.cyclesMomentum,
    options: Object.entries(d.options).map(([name, o]: [string, SchedulerOptionDef]) => optionInfo(name, o, o.pytorch, d.required.includes(name))),
    example: { type: d.type, ...d.example },
  };
}

function familyOf(type: string): Family {
  if (type in PRIMITIVES) return 'schedule';
  if (type in COMBINATORS) return 'combinator';
  if (type in RECIPES) return 'recipe';
  throw new Error(`unregistered schedule type ${type}`);
}

// Recipes keep their source's clock: timm counts epochs by default, the others optimizer updates.
function stepPerOf(type: string, family: Family): StepPer {
  if (family !== 'recipe') return 'any';
  return type.startsWith('timm.') ? 'epoch' : 'batch';
}

function fromScheduleDefinition(d: ScheduleDefinition): SchedulerInfo {
  const family = familyOf(d.type);
  return {
    type: d.type,
    family,
    module: 'lrkit',
    summary: d.doc,
    stepPer: stepPerOf(d.type, family),
    stepInput: 'none',
    cyclesMomentum: false,
    options: Object.entries(d.options).map(([name, o]) => optionInfo(name, o, '', o.default === undefined && !o.optional)),
    example: { type: d.type, ...d.example },
  };
}

/**
 * Every `type` a scheduler spec may use — PyTorch classes, lrkit's bridges, pure schedules, combinators
 * and recipes — with each option's kind, bounds, PyTorch name and default: the data behind
 * `lrkit recipes` and the playground. A view of `SCHEDULER_TYPE_DEFINITIONS` and `SCHEDULE_DEFINITIONS`
 * (the one source of truth); the tests check it against the constructors.
 *
 * @example
 * SCHEDULER_CATALOG.find((s) => s.type === 'StepLR')?.options.map((o) => o.name); // ['stepSize', 'gamma', 'lastEpoch']
 */
export const SCHEDULER_CATALOG: readonly SchedulerInfo[] = [
  ...SCHEDULER_TYPE_DEFINITIONS.map(fromSchedulerDefinition),
  ...Object.values(SCHEDULE_DEFINITIONS).map(fromScheduleDefinition),
];

/**
 * Catalog entry of `type`, or undefined.
 *
 * @example
 * schedulerInfo('OneCycleLR')?.cyclesMomentum; // true
 */
export function schedulerInfo(type: string): SchedulerInfo | undefined {
  return SCHEDULER_CATALOG.find((s) => s.type === type);
}
