import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LrkitError } from '../../src/errors.js';
import { RECIPES } from '../../src/recipes/registry.js';
import { timmCycleLength } from '../../src/recipes/timm.js';
import { instantiate } from '../../src/schedules/define.js';
import type { Schedule } from '../../src/schedules/Schedule.js';
import { scheduleFromSpec } from '../../src/spec/buildSchedule.js';
import { traceRows } from '../../src/spec/trace.js';
import { setWarningSink } from '../../src/warnings.js';
import { fixtureNumber, kerasSpec, loadRecipeFixture, optaxSpec, type RecipeCase } from './recipeFixtures.js';

/**
 * lrkit's recipes against the real libraries (fixtures from scripts/gen_recipe_fixtures.py).
 *
 * float64 libraries (transformers, timm; Keras and Optax run with jax x64): every value within 1e-12 of the library,
 * relative to the value, or to the case's largest value where the formula cancels (a cosine ending at 0).
 * Keras and Optax in their default float32: within FLOAT32_TOLERANCE ulps-equivalent (see below). lrkit computes in
 * float64 by design; the float32 comparison shows the difference is float32 rounding and nothing else.
 */
const TOLERANCE_64 = 1e-12;
/**
 * float32 carries 24 bits (unit roundoff u = 2^-24 ~ 6e-8). A schedule is a short chain of operations, each
 * rounding once, and exponentials amplify the rounding of their exponent by |p ln r| (bounded by ~40 while the
 * value is still above 1e-17 of the peak), so 64u relative to the value, or to the case's largest value for values
 * that float32 flushes or cancels, bounds an honest float32 result.
 */
const U32 = 2 ** -24;
const FLOAT32_TOLERANCE = 64 * U32;

/**
 * Inputs the library accepts and lrkit rejects on purpose (an OptionError when built), with the reason. Anything
 * else the library accepts, lrkit must accept and match.
 */
const DELIBERATE_REJECTIONS: Array<{ applies: (c: RecipeCase) => boolean; reason: string }> = [
  {
    applies: (c) => /^hf\.(linear|cosine|cosine_with_restarts|polynomial|cosine_with_min_lr)$/.test(c.type ?? '') && num(c.options?.numTrainingSteps) <= num(c.options?.numWarmupSteps),
    reason: 'no decay phase: numTrainingSteps <= numWarmupSteps (transformers divides by max(1, ...) and runs a cosine/line of period 1 or raises ZeroDivisionError later)',
  },
  {
    applies: (c) => c.type === 'hf.warmup_stable_decay' && c.options?.numStableSteps === undefined && num(c.options?.numTrainingSteps) < num(c.options?.numWarmupSteps) + num(c.options?.numDecaySteps),
    reason: 'warmup + decay longer than numTrainingSteps (transformers computes a negative stable phase)',
  },
  {
    applies: (c) => c.type === 'hf.polynomial' && !(num(c.options?.lr) > num(c.options?.lrEnd ?? 1e-7)),
    reason: 'lrEnd must be below lr (transformers raises the same ValueError)',
  },
];

function num(x: unknown): number {
  return typeof x === 'number' ? x : NaN;
}

interface Stats {
  values: number;
  bitIdentical: number;
  maxRelError: number;
  worst: string;
}
const newStats = (): Stats => ({ values: 0, bitIdentical: 0, maxRelError: 0, worst: '' });
const report: Record<string, unknown> = {};

/** Compares one case; returns a failure message or undefined. */
function compare(stats: Stats, id: string, schedule: (t: number) => number, steps: number[], expected: Array<number | string>, tolerance: number): string | undefined {
  const want = expected.map(fixtureNumber);
  const scale = Math.max(...want.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0)), Number.MIN_VALUE);
  for (let i = 0; i < steps.length; i++) {
    const t = steps[i] as number;
    const got = schedule(t);
    const w = want[i] as number;
    stats.values++;
    if (Object.is(got, w)) {
      stats.bitIdentical++;
      continue;
    }
    const diff = Math.abs(got - w);
    const rel = diff / Math.max(Math.abs(w), Math.abs(got));
    if (rel > stats.maxRelError && Number.isFinite(rel)) {
      stats.maxRelError = rel;
      stats.worst = `${id} at t=${t}: lrkit ${got}, library ${w}`;
    }
    if (!(rel <= tolerance || diff <= tolerance * scale)) return `${id} at t=${t}: lrkit ${got}, library ${w} (relative ${rel}, of the case's peak ${diff / scale})`;
  }
  return undefined;
}

function build(c: RecipeCase, make: () => Schedule): { schedule?: Schedule; error?: unknown } {
  try {
    return { schedule: make() };
  } catch (error) {
    return { error };
  }
}

/** Runs a library's schedule cases; returns failures. */
function checkScheduleCases(library: string, cases: RecipeCase[], make: (c: RecipeCase) => Schedule, fields: Array<['values' | 'values64', number]>): string[] {
  const failures: string[] = [];
  const stats = Object.fromEntries(fields.map(([f]) => [f, newStats()])) as Record<string, Stats>;
  let rejected = 0;
  for (const c of cases) {
    const built = build(c, () => make(c));
    if (built.error !== undefined) {
      if (!(built.error instanceof LrkitError)) {
        failures.push(`${c.id}: lrkit threw a non-lrkit error ${String(built.error)}`);
        continue;
      }
      // The library rejected it too (when built or later), or lrkit rejects it on purpose.
      if (c.error !== undefined) continue;
      const documented = DELIBERATE_REJECTIONS.find((r) => r.applies(c));
      if (documented) {
        rejected++;
        continue;
      }
      failures.push(`${c.id}: the library accepts ${JSON.stringify(c.upstream)}, lrkit rejects it: ${(built.error as Error).message}`);
      continue;
    }
    if (c.error !== undefined && c.steps === undefined) {
      failures.push(`${c.id}: the library rejects ${JSON.stringify(c.upstream)} (${c.error.message}), lrkit builds it`);
      continue;
    }
    for (const [field, tolerance] of fields) {
      const expected = c[field];
      if (!expected || !c.steps) continue;
      let failure: string | undefined;
      try {
        failure = compare(stats[field] as Stats, c.id, built.schedule as Schedule, c.steps, expected, tolerance);
      } catch (error) {
        failure = `${c.id}: lrkit threw while evaluating: ${String(error)}`;
      }
      if (failure) failures.push(`${field}: ${failure}`);
    }
  }
  report[library] = { cases: cases.length, rejectedOnPurpose: rejected, ...stats };
  return failures;
}

function summarize(): void {
  mkdirSync('test-artifacts', { recursive: true });
  writeFileSync('test-artifacts/recipe-conformance.json', `${JSON.stringify(report, null, 2)}\n`);
}

describe('recipes against the real libraries', () => {
  it('transformers: get_scheduler for every schedule name', () => {
    const transformers = loadRecipeFixture('transformers');
    const cases = transformers.cases.filter((c) => c.type?.startsWith('hf.'));
    const failures = checkScheduleCases('transformers', cases, (c) => instantiate(RECIPES[c.type as string]!, c.options), [['values', TOLERANCE_64]]);
    summarize();
    expect(failures.slice(0, 10)).toEqual([]);
    // Every SchedulerType name is covered: the LambdaLR ones here, reduce_lr_on_plateau and greedy below.
    const names = new Set(transformers.cases.map((c) => c.upstream.name));
    expect([...names].sort()).toEqual([...(transformers as unknown as { schedulerTypes: string[] }).schedulerTypes].sort());
  });

  it("transformers reduce_lr_on_plateau is PyTorch's ReduceLROnPlateau: lrkit's class replays it", () => {
    const transformers = loadRecipeFixture('transformers');
    const previous = setWarningSink(() => {});
    try {
      for (const c of transformers.cases.filter((x) => x.trace)) {
        const lr: number[] = [];
        traceRows(c.trace, (l) => lr.push(l[0] as number));
        expect(lr, c.id).toEqual(c.lr);
      }
    } finally {
      setWarningSink(previous);
    }
  });

  it('timm: cosine, tanh, step, multistep, poly schedulers (warmup, cycles, k-decay, float t)', () => {
    const timm = loadRecipeFixture('timm');
    const cases = timm.cases.filter((c) => c.type !== 'timm.plateau');
    const failures = checkScheduleCases('timm', cases, (c) => instantiate(RECIPES[c.type as string]!, c.options), [['values', TOLERANCE_64]]);
    summarize();
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('timm get_cycle_length', () => {
    const timm = loadRecipeFixture('timm');
    const withLength = timm.cases.filter((c) => c.cycleLength);
    expect(withLength.length).toBeGreaterThan(50);
    for (const c of withLength) {
      const o = c.options as { tInitial: number; cycleMul?: number; cycleLimit?: number; warmupT?: number; warmupPrefix?: boolean };
      for (const [cycles, length] of c.cycleLength!) expect(timmCycleLength(o, cycles), `${c.id} cycles=${cycles}`).toBe(length);
    }
  });

  it('Keras schedules: float64 run within 1e-12, default float32 within float32 rounding', () => {
    const keras = loadRecipeFixture('keras');
    const failures = checkScheduleCases('keras', keras.cases, (c) => scheduleFromSpec(kerasSpec(c)), [
      ['values64', TOLERANCE_64],
      ['values', FLOAT32_TOLERANCE],
    ]);
    summarize();
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('Optax schedules (join_schedules, piecewise, sgdr, one-cycles, transition_begin, degenerate inputs)', () => {
    const optax = loadRecipeFixture('optax');
    const failures = checkScheduleCases('optax', optax.cases, (c) => scheduleFromSpec(optaxSpec(c.upstream)), [
      ['values64', TOLERANCE_64],
      ['values', FLOAT32_TOLERANCE],
    ]);
    summarize();
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
