import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { createOptimizer } from '../optim/createOptimizer.js';
import { setWarningSink } from '../warnings.js';
import { buildScheduler, SCHEDULER_TYPES } from './buildScheduler.js';
import { SCHEDULER_CATALOG, type SchedulerInfo } from './catalog.js';
import { SCHEDULE_DEFINITIONS } from './scheduleDefinitions.js';
import { SCHEDULER_TYPE_DEFINITIONS } from './schedulerDefinitions.js';
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

  it.each(entries)('%s: options match the constructor', (type, info) => {
    let error: unknown;
    try {
      buildScheduler(createOptimizer(optimizer as never), { ...info.example, bogusOption: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    const names = info.options.map((o) => o.name).sort();
    if (type === 'ChainedScheduler') {
      expect((error as Error).message).toContain('takes only schedulers');
      expect(names).toEqual(['schedulers']);
    } else {
      const known = /known: ([^)]*)\)/.exec((error as Error).message);
      expect(known, (error as Error).message).not.toBeNull();
      // WarmupLR's constructor takes the wrapped scheduler as its first argument; the spec names it `scheduler`.
      const specOnly = type === 'WarmupLR' ? ['scheduler'] : [];
      expect(names).toEqual([...known![1]!.split(', '), ...specOnly].sort());
    }
    for (const o of info.options) {
      if (o.kind === 'enum') expect(o.values?.length).toBeGreaterThan(1);
      if (o.required) expect(info.example).toHaveProperty(o.name);
    }
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
