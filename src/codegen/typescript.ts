import { OptionError } from '../errors.js';
import type { ScheduleDefinition } from '../schedules/define.js';
import { COMBINATORS } from '../combinators/registry.js';
import { PRIMITIVES } from '../schedules/registry.js';
import { RECIPES } from '../recipes/registry.js';
import { isScheduleType, scheduleDefinition } from '../spec/scheduleDefinitions.js';
import { SCHEDULER_TYPE_DEFINITIONS } from '../spec/schedulerDefinitions.js';
import type { TraceSpec } from '../spec/trace.js';

const SCHEDULER_CLASSES = new Set(SCHEDULER_TYPE_DEFINITIONS.map((d) => d.type));

/** The public API name of a recipe type: `hf.cosine_with_restarts` -> `hf.cosineWithRestarts`, `keras.CosineDecay` -> `keras.cosineDecay`. */
export function recipeFunction(type: string): string {
  // Spec types are the JavaScript names (`hf.cosineWithRestarts`); aliases resolve to them.
  return scheduleDefinition(type)?.type ?? type;
}

/** A JSON value as a TypeScript literal (keys unquoted when they are identifiers). */
export function tsLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${tsLiteral(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

class TsWriter {
  readonly imports = new Set<string>(['createOptimizer']);

  schedule(spec: unknown, path: string): string {
    const { type: named, ...options } = spec as Record<string, unknown>;
    // Upstream aliases (hf.cosine_with_restarts) print as the JavaScript name (hf.cosineWithRestarts).
    const type = scheduleDefinition(named)?.type;
    if (type === undefined) throw new OptionError(`${path}.type`, named, 'a schedule type');
    const primitive = PRIMITIVES[type];
    if (primitive !== undefined) return this.call(type, options, primitive, path);
    const recipe = RECIPES[type];
    if (recipe !== undefined) {
      const fn = recipeFunction(type);
      this.imports.add(fn.split('.')[0] as string);
      if (type === 'optax.sgdr') return `${fn}(${tsLiteral(options.cosineKwargs)})`;
      return `${fn}(${tsLiteral(options)})`;
    }
    const combinator = COMBINATORS[type] as ScheduleDefinition;
    this.imports.add(type);
    const { schedule, schedules, ...rest } = options;
    switch (type) {
      case 'join':
        return `join([${(schedules as unknown[]).map((s, i) => this.schedule(s, `${path}.schedules[${i}]`)).join(', ')}], ${tsLiteral(rest.boundaries)})`;
      case 'scale':
        return `scale(${this.schedule(schedule, `${path}.schedule`)}, ${tsLiteral(rest.factor)})`;
      case 'perEpoch':
        return `perEpoch(${this.schedule(schedule, `${path}.schedule`)}, ${tsLiteral(rest.stepsPerEpoch)})`;
      default:
        void combinator;
        return `${type}(${this.schedule(schedule, `${path}.schedule`)}, ${tsLiteral(rest)})`;
    }
  }

  private call(type: string, options: Record<string, unknown>, _def: ScheduleDefinition, _path: string): string {
    this.imports.add(type);
    return `${type}(${tsLiteral(options)})`;
  }

  scheduler(spec: unknown, path: string): string {
    const { type, ...options } = spec as Record<string, unknown>;
    if (isScheduleType(type)) {
      this.imports.add('ScheduleLR');
      return `new ScheduleLR(optimizer, { schedule: ${this.schedule(spec, path)} })`;
    }
    if (typeof type !== 'string' || !SCHEDULER_CLASSES.has(type)) throw new OptionError(`${path}.type`, type, 'a scheduler type');
    this.imports.add(type);
    const { schedulers, scheduler, schedule, ...rest } = options;
    const children = () => `[${(schedulers as unknown[]).map((s, i) => this.scheduler(s, `${path}.schedulers[${i}]`)).join(', ')}]`;
    const restText = tsLiteral(rest);
    const more = restText === '{}' ? '' : `, ${restText.slice(2, -2)}`;
    switch (type) {
      case 'ChainedScheduler':
        return `new ChainedScheduler(${children()})`;
      case 'SequentialLR':
      case 'PlateauSequentialLR':
        return `new ${type}(optimizer, { schedulers: ${children()}${more} })`;
      case 'WarmupLR':
        return `new WarmupLR(${this.scheduler(scheduler, `${path}.scheduler`)}, ${restText})`;
      case 'ScheduleLR': {
        const s = Array.isArray(schedule) ? `[${schedule.map((x, i) => this.schedule(x, `${path}.schedule[${i}]`)).join(', ')}]` : this.schedule(schedule, `${path}.schedule`);
        return `new ScheduleLR(optimizer, { schedule: ${s}${more} })`;
      }
      default:
        return `new ${type}(optimizer, ${restText})`;
    }
  }
}

/** What a generated program prints: `lrkit trace`'s JSON, or one `step [lrs]` line per step. */
export type PrintFormat = 'trace' | 'rows';

/**
 * A runnable TypeScript program for a trace spec. `print: 'trace'` prints the JSON of `lrkit trace`;
 * `'rows'` prints `step [lr of each group]` per line.
 */
export function typescriptProgram(trace: TraceSpec, schedulerSpec: unknown, importFrom: string, plateau: boolean, print: PrintFormat): string {
  const w = new TsWriter();
  const schedulerExpr = w.scheduler(schedulerSpec, 'scheduler');
  const lines = [
    `import { ${[...w.imports].sort().join(', ')} } from ${JSON.stringify(importFrom)};`,
    '',
    `const optimizer = createOptimizer(${tsLiteral(trace.optimizer)});`,
    `const scheduler = ${schedulerExpr};`,
  ];
  if (trace.metrics !== undefined) lines.push(`const metrics: number[] = ${tsLiteral(trace.metrics)};`);
  if (trace.epochs !== undefined) lines.push(`const epochs: Array<number | null> = ${tsLiteral(trace.epochs)};`);
  const stepCall = plateau
    ? 'scheduler.step(metrics[i - 1] as number);'
    : trace.epochs !== undefined
      ? 'const epoch = epochs[i - 1];\n  if (epoch === null || epoch === undefined) scheduler.step();\n  else scheduler.step(epoch);'
      : 'scheduler.step();';
  if (print === 'rows') {
    lines.push(
      'const lrs = () => JSON.stringify(optimizer.paramGroups.map((g) => g.lr));',
      '',
      'console.log(0, lrs());',
      `for (let i = 1; i <= ${trace.steps}; i++) {`,
      '  optimizer.step(); // your training step goes here',
      `  ${stepCall}`,
      '  console.log(i, lrs());',
      '}',
      '',
    );
    return lines.join('\n');
  }
  lines.push(
    '',
    'const lr: number[][] = [];',
    'const momentum: number[][] = [];',
    'const record = () => {',
    '  lr.push(optimizer.paramGroups.map((g) => g.lr));',
    '  momentum.push(optimizer.paramGroups.map((g) => (Array.isArray(g.betas) ? (g.betas[0] as number) : (g.momentum ?? 0))));',
    '};',
    'record();',
    `for (let i = 1; i <= ${trace.steps}; i++) {`,
    '  optimizer.step();',
    `  ${stepCall}`,
    '  record();',
    '}',
    'console.log(JSON.stringify({ lr, momentum }));',
    '',
  );
  return lines.join('\n');
}
