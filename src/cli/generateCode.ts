import { OptionError } from '../errors.js';
import { schedulerInfo } from '../plot/catalog.js';
import { fromTraceSpec } from '../plot/fromTraceSpec.js';

/** Languages `lrkit code` writes. */
export type CodeLanguage = 'ts' | 'pytorch';

interface Spec {
  optimizer: { type?: 'sgd' | 'adam'; lr: number; momentum?: number; betas?: number[]; groups?: Array<Record<string, unknown>> };
  scheduler: Record<string, unknown> & { type: string };
  steps: number;
  metrics?: number[];
  epochs?: Array<number | null>;
}

const PY_MATH = new Set(['floor', 'ceil', 'sqrt', 'exp', 'log', 'cos', 'sin', 'tan', 'pi']);
const PY_GROUP_KEYS: Record<string, string> = { lr: 'lr', momentum: 'momentum', betas: 'betas', initialLr: 'initial_lr' };

function ts(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return `[${value.map(ts).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${ts(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(value);
}

function py(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `float('${value}')`.replace("'Infinity'", "'inf'").replace("'-Infinity'", "'-inf'");
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(py).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}

/** A safe lrkit expression as a Python lambda: same grammar and precedence; math functions get `math.`. */
export function pythonLambda(expression: string, variable: string): string {
  const body = expression.replace(/[A-Za-z_][A-Za-z_0-9]*/g, (name) => (PY_MATH.has(name) ? `math.${name}` : name));
  return `lambda ${variable}: ${body}`;
}

/** Splits a (possibly nested) scheduler spec into construction statements; returns the variable name. */
function emit(spec: Record<string, unknown>, lang: CodeLanguage, lines: string[], counter: { n: number }, name?: string): string {
  const type = spec.type as string;
  const info = schedulerInfo(type);
  const variable = name ?? `scheduler${counter.n++}`;
  const children = Array.isArray(spec.schedulers) ? (spec.schedulers as Array<Record<string, unknown>>).map((c) => emit(c, lang, lines, counter)) : [];
  const options = Object.entries(spec).filter(([k]) => k !== 'type' && k !== 'schedulers');
  if (lang === 'ts') {
    if (type === 'ChainedScheduler') lines.push(`const ${variable} = new ChainedScheduler([${children.join(', ')}]);`);
    else {
      const opts = Object.fromEntries(options);
      const body = ts(opts);
      const withChildren = children.length > 0 ? `{ schedulers: [${children.join(', ')}]${options.length > 0 ? `, ${body.slice(2, -2)}` : ''} }` : body;
      lines.push(`const ${variable} = new ${type}(optimizer, ${withChildren});`);
    }
    return variable;
  }
  const pyName = (k: string) => info?.options.find((o) => o.name === k)?.pytorch ?? k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const pyValue = (k: string, v: unknown) => {
    const o = info?.options.find((x) => x.name === k);
    if (o?.kind === 'expression') return Array.isArray(v) ? `[${v.map((e) => pythonLambda(String(e), o.variable ?? 'x')).join(', ')}]` : pythonLambda(String(v), o.variable ?? 'x');
    return py(v);
  };
  // Options PyTorch does not have (empty PyTorch name) are dropped at their default and refused otherwise.
  const lrkitOnly = (k: string) => info?.options.find((o) => o.name === k)?.pytorch === '';
  for (const [k, v] of options) {
    const o = info?.options.find((x) => x.name === k);
    if (lrkitOnly(k) && v !== o?.default) throw new OptionError(`scheduler.${k}`, v, `its default ${JSON.stringify(o?.default)} for --lang pytorch (PyTorch has no ${k})`);
  }
  const args = options.filter(([k]) => !lrkitOnly(k)).map(([k, v]) => `${pyName(k)}=${pyValue(k, v)}`);
  if (type === 'ChainedScheduler') lines.push(`${variable} = ChainedScheduler([${children.join(', ')}])`);
  else if (children.length > 0) lines.push(`${variable} = ${type}(optimizer, schedulers=[${children.join(', ')}], ${args.join(', ')})`);
  else lines.push(`${variable} = ${type}(optimizer${args.length ? `, ${args.join(', ')}` : ''})`);
  return variable;
}

function typesIn(spec: Record<string, unknown>, out: Set<string>): Set<string> {
  out.add(spec.type as string);
  if (Array.isArray(spec.schedulers)) for (const c of spec.schedulers as Array<Record<string, unknown>>) typesIn(c, out);
  return out;
}

/**
 * Runnable code for a trace spec (DESIGN §5): TypeScript using lrkit, or Python using PyTorch. Both print
 * the same rows as `lrkit trace` (step, then every group's lr as JSON), so the two can be diffed.
 * The spec is validated first; errors name the JSON path.
 *
 * @example
 * generateCode({ optimizer: { lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 30 }, steps: 100 }, 'pytorch');
 */
export function generateCode(input: unknown, lang: CodeLanguage): string {
  if (lang !== 'ts' && lang !== 'pytorch') throw new OptionError('--lang', lang, '"ts" or "pytorch"');
  fromTraceSpec(input); // validates, with path-precise errors
  const spec = input as Spec;
  const scheduler = spec.scheduler;
  const plateau = scheduler.type === 'ReduceLROnPlateau';
  const types = [...typesIn(scheduler, new Set())].sort();
  const opt = spec.optimizer;
  const adam = opt.type === 'adam' || (opt.type === undefined && opt.betas !== undefined);
  const lines: string[] = [];
  const counter = { n: 0 };
  if (lang === 'ts') {
    lines.push('// Generated by `lrkit code --lang ts`. Run: npx tsx this-file.ts', `import { createOptimizer, ${types.join(', ')} } from 'lrkit';`, '');
    lines.push(`const optimizer = createOptimizer(${ts(opt)});`);
    emit(scheduler, 'ts', lines, counter, 'scheduler');
    if (plateau) lines.push(`const metrics: number[] = ${ts(spec.metrics ?? [])}; // your validation loss per step`);
    if (spec.epochs) lines.push(`const epochs: Array<number | null> = ${ts(spec.epochs)};`);
    lines.push('const lrs = () => JSON.stringify(optimizer.paramGroups.map((group) => group.lr));', '', 'console.log(0, lrs());');
    lines.push(`for (let step = 1; step <= ${spec.steps}; step++) {`, '  optimizer.step(); // your training step goes here');
    if (plateau) lines.push('  scheduler.step(metrics[step - 1]);');
    else if (spec.epochs) lines.push('  const epoch = epochs[step - 1];', '  if (epoch === null || epoch === undefined) scheduler.step();', '  else scheduler.step(epoch);');
    else lines.push('  scheduler.step();');
    lines.push('  console.log(step, lrs());', '}', '');
    return lines.join('\n');
  }
  const swa = types.filter((t) => schedulerInfo(t)?.module === 'torch.optim.swa_utils');
  const lr = types.filter((t) => !swa.includes(t));
  lines.push('# Generated by `lrkit code --lang pytorch`. Run: python3 this-file.py', 'import json', 'import math', '', 'import torch');
  if (lr.length) lines.push(`from torch.optim.lr_scheduler import ${lr.join(', ')}`);
  if (swa.length) lines.push(`from torch.optim.swa_utils import ${swa.join(', ')}`);
  const groups = opt.groups ?? [{}];
  lines.push('', `params = [torch.nn.Parameter(torch.zeros(1)) for _ in range(${groups.length})]  # your model's parameter groups`);
  const groupDicts = groups.map((g, i) => {
    const entries = Object.entries(g).map(([k, v]) => `${JSON.stringify(PY_GROUP_KEYS[k] ?? k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))}: ${py(v)}`);
    return `{${[`"params": [params[${i}]]`, ...entries].join(', ')}}`;
  });
  const defaults = [`lr=${py(opt.lr)}`];
  if (adam) defaults.push(`betas=(${(opt.betas ?? [0.9, 0.999]).map(py).join(', ')})`);
  else if (opt.momentum !== undefined) defaults.push(`momentum=${py(opt.momentum)}`);
  lines.push(`optimizer = torch.optim.${adam ? 'Adam' : 'SGD'}([${groupDicts.join(', ')}], ${defaults.join(', ')})`);
  emit(scheduler, 'pytorch', lines, counter, 'scheduler');
  if (plateau) lines.push(`metrics = ${py(spec.metrics ?? [])}  # your validation loss per step`);
  if (spec.epochs) lines.push(`epochs = ${py(spec.epochs)}`);
  lines.push('', '', 'def lrs():', '    return json.dumps([group["lr"] for group in optimizer.param_groups])', '', '');
  lines.push('print(0, lrs())', `for step in range(1, ${spec.steps + 1}):`, '    optimizer.step()  # your training step goes here');
  if (plateau) lines.push('    scheduler.step(metrics[step - 1])');
  else if (spec.epochs) lines.push('    epoch = epochs[step - 1]', '    if epoch is None:', '        scheduler.step()', '    else:', '        scheduler.step(epoch)');
  else lines.push('    scheduler.step()');
  lines.push('    print(step, lrs())', '');
  return lines.join('\n');
}
