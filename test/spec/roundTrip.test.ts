import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { scheduleFromSpec } from '../../src/spec/buildSchedule.js';
import { fromSpec } from '../../src/spec/fromSpec.js';
import { toSpec } from '../../src/spec/toSpec.js';
import { runTrace } from '../../src/spec/trace.js';
import { setWarningSink } from '../../src/warnings.js';
import { optimizerSpec, scheduleSpec, schedulerSpec } from './arbitraries.js';

setWarningSink(() => {});

/** Run counts (reported in the closing note of issue 3); LRKIT_FC_SCALE=10 runs a longer search. */
const SCALE = Number(process.env.LRKIT_FC_SCALE ?? 1);
const RUNS = { schedules: 400 * SCALE, traces: 200 * SCALE, errors: 400 * SCALE };

const STEPS = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 0.5, 7.25];

function sameValues(a: (t: number) => number, b: (t: number) => number): boolean {
  return STEPS.every((t) => Object.is(a(t), b(t)));
}

describe('spec round trips (fast-check)', () => {
  it(`schedules: toSpec(scheduleFromSpec(s)) is canonical, JSON-safe, idempotent and builds the same values (${RUNS.schedules} runs)`, () => {
    fc.assert(
      fc.property(scheduleSpec, (s) => {
        const built = scheduleFromSpec(s);
        const canonical = toSpec(built);
        expect(JSON.parse(JSON.stringify(canonical))).toEqual(canonical);
        const rebuilt = scheduleFromSpec(JSON.parse(JSON.stringify(canonical)));
        expect(toSpec(rebuilt)).toEqual(canonical);
        expect(sameValues(built, rebuilt)).toBe(true);
      }),
      { numRuns: RUNS.schedules },
    );
  });

  it(`trace specs: replacing the scheduler by toSpec(fromSpec(spec).scheduler) gives the identical trace (${RUNS.traces} runs)`, () => {
    fc.assert(
      fc.property(optimizerSpec, schedulerSpec, fc.integer({ min: 0, max: 30 }), fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 30, maxLength: 30 }), (optimizer, scheduler, steps, metrics) => {
        const probe = fromSpec({ optimizer, scheduler, steps: 0 }).scheduler;
        const takesMetrics = probe.stepInput === 'metric';
        const spec = { optimizer, scheduler, steps, ...(takesMetrics ? { metrics } : {}) };
        const canonical = toSpec(fromSpec(spec).scheduler);
        const again = toSpec(fromSpec({ ...spec, scheduler: canonical }).scheduler);
        expect(again).toEqual(canonical);
        let original: unknown;
        try {
          original = runTrace(spec);
        } catch (error) {
          // A schedule may legitimately fail mid-run (e.g. OneCycleLR past totalSteps): the canonical spec must fail the same way.
          expect(() => runTrace({ ...spec, scheduler: canonical })).toThrow((error as Error).message);
          return;
        }
        expect(runTrace({ ...spec, scheduler: canonical })).toEqual(original);
        // Resuming goes through JSON, which has no -0: compare what `lrkit trace` prints.
        expect(JSON.stringify(runTrace({ ...spec, scheduler: canonical, resumeAt: Math.floor(steps / 2) }))).toBe(JSON.stringify(original));
      }),
      { numRuns: RUNS.traces },
    );
  });

  it(`errors name the exact JSON path of a corrupted option (${RUNS.errors} runs)`, () => {
    // Every numeric leaf of a valid spec, with its JSON path.
    function leaves(value: unknown, path: string, out: Array<{ path: string; keys: Array<string | number> }>, keys: Array<string | number> = []): void {
      if (typeof value === 'number') out.push({ path, keys });
      else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out, [...keys, i]));
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, `${path}.${k}`, out, [...keys, k]);
    }
    fc.assert(
      fc.property(schedulerSpec, fc.nat(), (scheduler, pick) => {
        const found: Array<{ path: string; keys: Array<string | number> }> = [];
        leaves(scheduler, 'scheduler', found);
        fc.pre(found.length > 0);
        const target = found[pick % found.length] as { path: string; keys: Array<string | number> };
        const corrupted = structuredClone(scheduler);
        let node: Record<string | number, unknown> = corrupted as Record<string, unknown>;
        target.keys.slice(0, -1).forEach((k) => (node = node[k] as Record<string | number, unknown>));
        node[target.keys[target.keys.length - 1] as string | number] = '0.9x';
        let error: unknown;
        try {
          fromSpec({ optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, scheduler: corrupted, steps: 0 });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(OptionError);
        expect((error as OptionError).option).toBe(target.path);
        expect((error as OptionError).message.startsWith(`${target.path}: expected `)).toBe(true);
        expect((error as OptionError).message.endsWith(', got "0.9x"')).toBe(true);
      }),
      { numRuns: RUNS.errors },
    );
  });

  it('gives the error message of the issue for a composite child', () => {
    expect(() =>
      fromSpec({
        optimizer: { type: 'sgd', lr: 0.1 },
        scheduler: { type: 'SequentialLR', schedulers: [{ type: 'LinearLR' }, { type: 'ExponentialLR', gamma: '0.9x' }], milestones: [5] },
        steps: 10,
      }),
    ).toThrow('scheduler.schedulers[1].gamma: expected a number in (0, inf), got "0.9x"');
  });
});
