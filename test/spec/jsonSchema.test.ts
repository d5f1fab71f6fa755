import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/optim/createOptimizer.js';
import { buildScheduler } from '../../src/spec/buildScheduler.js';
import { jsonSchemaText } from '../../src/spec/jsonSchema.js';
import { SCHEDULER_TYPE_DEFINITIONS } from '../../src/spec/schedulerDefinitions.js';
import { optimizerSpec, schedulerSpec } from './arbitraries.js';

const committed = readFileSync(new URL('../../schema/lrkit-trace.schema.json', import.meta.url), 'utf8');

describe('JSON Schema', () => {
  it('the committed schema is up to date (run `npm run schema`)', () => {
    expect(committed).toBe(jsonSchemaText());
  });

  const ajv = new Ajv2020({ strict: true, allErrors: false });
  const validate = ajv.compile(JSON.parse(committed) as object);

  it('accepts every valid spec the property tests generate (300 runs)', () => {
    fc.assert(
      fc.property(optimizerSpec, schedulerSpec, fc.integer({ min: 0, max: 50 }), (optimizer, scheduler, steps) => {
        const ok = validate({ optimizer, scheduler, steps, metrics: [1, 2] });
        if (!ok) expect.fail(JSON.stringify(validate.errors?.slice(0, 3)));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects typos, wrong types and unknown types', () => {
    const base = { optimizer: { type: 'sgd', lr: 0.1 }, steps: 10 };
    expect(validate({ ...base, scheduler: { type: 'StepLR', stepSize: 3 } })).toBe(true);
    expect(validate({ ...base, scheduler: { type: 'StepLR', stepsize: 3 } })).toBe(false);
    expect(validate({ ...base, scheduler: { type: 'StepLR', stepSize: '3' } })).toBe(false);
    expect(validate({ ...base, scheduler: { type: 'cosine', from: 0.1, steps: 0 } })).toBe(false);
    expect(validate({ ...base, scheduler: { type: 'warmup', steps: 5, schedule: { type: 'hf.cosine', lr: 0.1, numWarmupSteps: 0 } } })).toBe(false);
    expect(validate({ ...base, scheduler: { type: 'NoSuchLR' } })).toBe(false);
    expect(validate([{ ...base, scheduler: { type: 'goyal', baseLr: 0.1, batchSize: 1024 } }])).toBe(true);
  });

  it('lists exactly the options each scheduler constructor accepts', () => {
    // Composites build their children before checking their own keys: give them valid children.
    const child = { type: 'StepLR', stepSize: 1 };
    const base: Record<string, object> = {
      SequentialLR: { schedulers: [child], milestones: [] },
      ChainedScheduler: { schedulers: [child] },
      PlateauSequentialLR: { schedulers: [child], milestones: [] },
      ScheduleLR: { schedule: { type: 'constant', value: 1 } },
      WarmupLR: { scheduler: child },
    };
    for (const definition of SCHEDULER_TYPE_DEFINITIONS) {
      const optimizer = createOptimizer({ lr: 0.1, momentum: 0.9 });
      let message = '';
      try {
        buildScheduler(optimizer, { type: definition.type, ...base[definition.type], zzUnknownOption: 1 });
      } catch (error) {
        message = (error as Error).message;
      }
      const known = /known: ([^)]*)\)/.exec(message)?.[1]?.split(', ') ?? /takes only (\w+)/.exec(message)?.slice(1);
      expect(known, `${definition.type}: ${message}`).toBeDefined();
      // WarmupLR takes the wrapped scheduler as its constructor's first argument, the spec as `scheduler`.
      const specOnly = definition.type === 'WarmupLR' ? ['scheduler'] : [];
      expect(new Set([...(known as string[]), ...specOnly]), definition.type).toEqual(new Set(Object.keys(definition.options)));
    }
  });
});
