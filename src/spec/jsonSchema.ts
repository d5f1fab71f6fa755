import type { OptionDef, OptionType, ScheduleDefinition } from '../schedules/define.js';
import type { JsonValue } from '../state.js';
import { SCHEDULE_DEFINITIONS } from './scheduleDefinitions.js';
import { SCHEDULER_TYPE_DEFINITIONS, type SchedulerTypeDefinition } from './schedulerDefinitions.js';
import { MAX_TRACE_STEPS } from './trace.js';

type Json = { [key: string]: JsonValue };

function typeSchema(type: OptionType): Json {
  switch (type.kind) {
    case 'number':
    case 'integer': {
      const out: Json = { type: type.kind };
      if (type.kind === 'integer') out.minimum = type.min;
      else {
        if (type.min !== undefined) out[type.minExclusive ? 'exclusiveMinimum' : 'minimum'] = type.min;
        if (type.max !== undefined) out[type.maxExclusive ? 'exclusiveMaximum' : 'maximum'] = type.max;
      }
      return out;
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { enum: [...type.values] };
    case 'numberList': {
      const items: Json = { type: type.integer ? 'integer' : 'number' };
      if (type.min !== undefined) items[type.minExclusive ? 'exclusiveMinimum' : 'minimum'] = type.min;
      if (type.max !== undefined) items[type.maxExclusive ? 'exclusiveMaximum' : 'maximum'] = type.max;
      return { type: 'array', items, ...(type.minLength ? { minItems: type.minLength } : {}) };
    }
    case 'schedule':
      return { $ref: '#/$defs/schedule' };
    case 'scheduleList':
      return { type: 'array', items: { $ref: '#/$defs/schedule' }, minItems: type.minLength ?? 1 };
    case 'custom':
      return structuredClone(type.schema);
  }
}

function objectSchema(type: string | null, doc: string, options: Readonly<Record<string, OptionDef>>, required: readonly string[], aliases: readonly string[] = []): Json {
  // Upstream names (hf.cosine_with_restarts) are accepted aliases of the JavaScript name.
  const properties: Json = type === null ? {} : { type: aliases.length === 0 ? { const: type } : { enum: [type, ...aliases] } };
  for (const [key, def] of Object.entries(options)) {
    properties[key] = { ...typeSchema(def.type), description: def.doc, ...(def.default !== undefined ? { default: def.default } : {}) };
  }
  return { type: 'object', description: doc, properties, required: type === null ? [...required] : ['type', ...required], additionalProperties: false };
}

function requiredOf(definition: ScheduleDefinition): string[] {
  return Object.entries(definition.options)
    .filter(([, def]) => def.default === undefined && !def.optional)
    .map(([key]) => key);
}

/**
 * The JSON Schema (draft 2020-12) of a trace spec (or an array of them), generated from the same option
 * definitions that validate specs: the schedules', combinators' and recipes' definitions and the
 * scheduler table. `npm run schema` writes it to schema/lrkit-trace.schema.json for editors.
 *
 * @example
 * const schema = buildJsonSchema();
 * schema.$defs.schedule.oneOf.length; // one entry per schedule type
 */
export function buildJsonSchema(): Json & { $defs: Json } {
  const defs: Json = {};
  const scheduleRefs: Json[] = [];
  for (const [type, definition] of Object.entries(SCHEDULE_DEFINITIONS)) {
    defs[type] = objectSchema(type, definition.doc, definition.options, requiredOf(definition), definition.aliases);
    scheduleRefs.push({ $ref: `#/$defs/${type}` });
  }
  // Options-only variants that other definitions reference (e.g. optax.sgdr's cosineKwargs items).
  const referenced = new Set([...JSON.stringify(defs).matchAll(/#\/\$defs\/([^"]+)\.options"/g)].map((m) => m[1] as string));
  for (const type of referenced) {
    const definition = SCHEDULE_DEFINITIONS[type] as ScheduleDefinition;
    defs[`${type}.options`] = objectSchema(null, definition.doc, definition.options, requiredOf(definition));
  }
  const schedulerRefs: Json[] = [];
  for (const definition of SCHEDULER_TYPE_DEFINITIONS as readonly SchedulerTypeDefinition[]) {
    defs[definition.type] = objectSchema(definition.type, definition.doc, definition.options, definition.required);
    schedulerRefs.push({ $ref: `#/$defs/${definition.type}` });
  }
  defs.schedule = { description: 'A pure schedule: primitive, combinator or recipe.', oneOf: scheduleRefs };
  defs.scheduler = { description: 'A scheduler, or a pure schedule driven by ScheduleLR.', oneOf: [...schedulerRefs, { $ref: '#/$defs/schedule' }] };
  const betas: Json = { type: 'array', items: { type: 'number', minimum: 0, exclusiveMaximum: 1 }, minItems: 2, maxItems: 2 };
  defs.optimizer = {
    type: 'object',
    description: 'The plain optimizer: top-level values are defaults for every group.',
    properties: {
      type: { enum: ['sgd', 'adam'], description: "'sgd' (momentum) or 'adam' (betas); default adam when betas is given." },
      lr: { type: 'number', minimum: 0 },
      momentum: { type: 'number' },
      betas,
      groups: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', properties: { lr: { type: 'number', minimum: 0 }, momentum: { type: 'number' }, betas, initialLr: { type: 'number' } } },
      },
    },
    required: ['lr'],
    additionalProperties: false,
  };
  defs.trace = {
    type: 'object',
    description: 'A trace spec (lrkit trace): optimizer, scheduler, number of steps, and per-step metrics or epochs.',
    properties: {
      optimizer: { $ref: '#/$defs/optimizer' },
      scheduler: { $ref: '#/$defs/scheduler' },
      steps: { type: 'integer', minimum: 0, maximum: MAX_TRACE_STEPS },
      metrics: { type: 'array', items: { type: 'number' }, description: 'One metric per step, for ReduceLROnPlateau and plateau-aware schedulers.' },
      epochs: { type: 'array', items: { type: ['number', 'null'] }, description: 'step(epoch) arguments, null for a plain step().' },
      resumeAt: { type: 'integer', minimum: 0, description: 'Round-trip all state through JSON after this many steps.' },
    },
    required: ['optimizer', 'scheduler', 'steps'],
    additionalProperties: false,
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://lrkit.dev/schema/lrkit-trace.schema.json',
    title: 'lrkit trace spec',
    oneOf: [{ $ref: '#/$defs/trace' }, { type: 'array', items: { $ref: '#/$defs/trace' } }],
    $defs: defs,
  };
}

/** The schema file's exact text (what `npm run schema` writes). */
export function jsonSchemaText(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
