import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { createOptimizer } from '../optim/createOptimizer.js';
import { setWarningSink } from '../warnings.js';
import { buildScheduler, SCHEDULER_TYPES } from './buildScheduler.js';
import { SCHEDULER_CATALOG, type SchedulerInfo } from './catalog.js';
import { SCHEDULE_DEFINITIONS } from './scheduleDefinitions.js';
import { SCHEDULER_TYPE_DEFINITIONS } from './schedulerDefinitions.js';
import { optionsToSpec, type SchedulerOptions } from '../torch/defineOptions.js';
import { toSpec } from './toSpec.js';
import { runTrace } from './trace.js';

setWarningSink(() => {});

const optimizer = { type: 'sgd', lr: 0.1, momentum: 0.9 };
function trace(info: SchedulerInfo, scheduler: Record<string, unknown>) {
  const metrics = info.stepPer === 'metric' ? Array.from({ length: 30 }, (_, i) => (i < 5 ? 1 - i / 10 : 0.6)) : undefined;
  return runTrace({ optimizer, scheduler, steps: 30, ...(metrics ? { metrics } : {}) });
}
const entries = SCHEDULER_CATALOG.map((s) => [s.type, s] as const);

describe('SCHEDULER_CATALOG (a view of the scheduler and schedule definitions)', () => {
  it('lists exactly the types buildScheduler knows: PyTorch classes, bridges, schedules, combinators and recipes', () => {
    expect(SCHEDULER_CATALOG.map((s) => s.type).sort()).toEqual([...SCHEDULER_TYPES, ...Object.keys(SCHEDULE_DEFINITIONS)].sort());
    expect(SCHEDULER_TYPE_DEFINITIONS.map((s) => s.type).sort()).toEqual([...SCHEDULER_TYPES].sort());
  });

  // One definition per class: the constructor normalizes with the very definition the catalog reads, so the
  // spec a built scheduler reports is that definition's normalization of the example (no second copy to sync).
  it.each(entries.filter(([type]) => SCHEDULER_TYPES.includes(type)))('%s: the constructor validates and fills defaults with the table definition', (type, info) => {
    const definition = SCHEDULER_TYPE_DEFINITIONS.find((d) => d.type === type) as SchedulerOptions<Record<string, unknown>>;
    expect(info.options.map((o) => o.name).sort()).toEqual(Object.keys(definition.options).sort());
    const nested = Object.values(definition.options).some((o) => o.type.kind === 'custom' && ['schedule', 'scheduler', 'schedulers'].includes(o.type.form ?? ''));
    if (nested) return; // children are scheduler objects in code: covered by test/spec/toSpecEveryClass.property.test.ts
    const { type: _type, ...example } = info.example;
    const built = buildScheduler(createOptimizer(optimizer as never), { type, ...example });
    expect(toSpec(built)).toEqual(optionsToSpec(definition, definition.normalize(example)));
    const error = (() => {
      try {
        buildScheduler(createOptimizer(optimizer as never), { type, ...info.example, bogusOption: 1 });
      } catch (e) {
        return e as OptionError;
      }
      throw new Error('no error');
    })();
    expect(error.path).toEqual(['scheduler', 'bogusOption']);
  });

  it.each(entries)('%s: the example builds, every default equals omitting the option, and cyclesMomentum is what it does', (_type, info) => {
    const base = trace(info, info.example);
    for (const o of info.options) {
      if (o.default === undefined) continue;
      const without: Record<string, unknown> = { ...info.example };
      delete without[o.name];
      expect(trace(info, { ...without, [o.name]: o.default }), `${info.type}.${o.name}`).toEqual(trace(info, without));
    }
    expect(base.lr).toHaveLength(31);
    const momenta = new Set(base.momentum.map((row) => row[0]));
    expect(momenta.size > 1, `${info.type} cycles momentum`).toBe(info.cyclesMomentum);
  });

  it('rejects a missing value for each required option (the constructor validates what the catalog describes)', () => {
    for (const info of SCHEDULER_CATALOG) {
      for (const o of info.options.filter((x) => x.required)) {
        expect(() => buildScheduler(createOptimizer(optimizer as never), { ...info.example, [o.name]: undefined }), `${info.type}.${o.name}`).toThrow(OptionError);
      }
    }
  });

  it('gives every PyTorch option its keyword, and only lrkit-only options none', () => {
    for (const info of SCHEDULER_CATALOG) {
      for (const o of info.options) {
        const lrkitOnly = info.module === 'lrkit' || (info.type === 'ReduceLROnPlateau' && o.name === 'nonFiniteMetric');
        expect(o.pytorch === '', `${info.type}.${o.name}`).toBe(lrkitOnly);
      }
    }
  });

  it('PyTorch keywords and defaults equal torch.optim signatures (recorded from PyTorch 2.13 by scripts/gen_torch_fixtures.py)', () => {
    const torchTypes = SCHEDULER_TYPE_DEFINITIONS.filter((d) => d.module !== 'lrkit');
    const recorded = JSON.parse(readFileSync(new URL('../../test/fixtures/torch-scenarios.json', import.meta.url), 'utf8')) as { signatures: Record<string, Record<string, unknown>> };
    const signatures = recorded.signatures;
    for (const d of torchTypes) {
      const pythonParams = signatures[d.type]!;
      const ours = Object.values(d.options).filter((o) => o.pytorch !== '');
      expect(ours.map((o) => o.pytorch).sort(), d.type).toEqual(Object.keys(pythonParams).sort());
      for (const o of ours) expect(o.default ?? null, `${d.type}.${o.pytorch} default`).toEqual(pythonParams[o.pytorch]);
    }
  });
});
