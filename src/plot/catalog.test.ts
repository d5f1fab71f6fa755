import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { createOptimizer } from '../optim/createOptimizer.js';
import { buildScheduler, SCHEDULER_TYPES } from '../spec/buildScheduler.js';
import { runTrace } from '../spec/trace.js';
import { SCHEDULER_CATALOG } from './catalog.js';

const optimizer = { type: 'sgd', lr: 0.1, momentum: 0.9 };
function trace(scheduler: Record<string, unknown>) {
  const metrics = scheduler.type === 'ReduceLROnPlateau' ? Array.from({ length: 30 }, (_, i) => (i < 5 ? 1 - i / 10 : 0.6)) : undefined;
  return runTrace({ optimizer, scheduler, steps: 30, ...(metrics ? { metrics } : {}) });
}

describe('SCHEDULER_CATALOG', () => {
  it('lists exactly the PyTorch classes buildScheduler knows', () => {
    const lrkitBridges = ['ScheduleLR', 'WarmupLR', 'PlateauSequentialLR'];
    expect(SCHEDULER_CATALOG.map((s) => s.type).sort()).toEqual(SCHEDULER_TYPES.filter((t) => !lrkitBridges.includes(t)).sort());
  });

  it.each(SCHEDULER_CATALOG.map((s) => [s.type, s]))('%s: options match the constructor', (type, info) => {
    let error: unknown;
    try {
      buildScheduler(createOptimizer(optimizer as never), { ...info.example, bogusOption: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    const known = /known: ([^)]*)\)/.exec((error as Error).message);
    if (type === 'ChainedScheduler') {
      expect((error as Error).message).toContain('takes only schedulers');
      expect(info.options.map((o) => o.name)).toEqual(['schedulers']);
    } else {
      const names = known![1]!.split(', ').filter((n) => n !== 'lastEpoch');
      expect(info.options.map((o) => o.name).sort()).toEqual(names.sort());
    }
    for (const o of info.options) {
      if (o.kind === 'enum') expect(o.values?.length).toBeGreaterThan(1);
      if (o.required) expect(info.example).toHaveProperty(o.name);
    }
  });

  it.each(SCHEDULER_CATALOG.map((s) => [s.type, s]))('%s: the example builds and every default equals omitting the option', (_type, info) => {
    const base = trace(info.example);
    for (const o of info.options) {
      if (o.default === undefined) continue;
      const without: Record<string, unknown> = { ...info.example };
      delete without[o.name];
      expect(trace({ ...without, [o.name]: o.default }), `${info.type}.${o.name}`).toEqual(trace(without));
    }
    expect(base.lr).toHaveLength(31);
  });

  it('rejects a wrong type for each required option (the constructor validates what the catalog describes)', () => {
    for (const info of SCHEDULER_CATALOG) {
      for (const o of info.options.filter((x) => x.required)) {
        expect(() => buildScheduler(createOptimizer(optimizer as never), { ...info.example, [o.name]: undefined }), `${info.type}.${o.name}`).toThrow(OptionError);
      }
    }
  });
});
