import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LrkitError } from '../../src/errors.js';
import { createOptimizer } from '../../src/optim/createOptimizer.js';
import { RECIPES } from '../../src/recipes/registry.js';
import { GreedyLR } from '../../src/stateful/GreedyLR.js';
import { TimmPlateauLR } from '../../src/stateful/TimmPlateauLR.js';
import { timmCycleLength } from '../../src/recipes/timm.js';
import { instantiate } from '../../src/schedules/define.js';
import type { Schedule } from '../../src/schedules/Schedule.js';
import { scheduleFromSpec } from '../../src/spec/buildSchedule.js';
import { scheduleDefinition } from '../../src/spec/scheduleDefinitions.js';
import { traceRows } from '../../src/spec/trace.js';
import { setWarningSink } from '../../src/warnings.js';
import { fixtureNumber, kerasSpec, loadRecipeFixture, optaxSpec, type RecipeCase } from './recipeFixtures.js';

/**
 * lrkit's recipes against the real libraries (fixtures from scripts/gen_recipe_fixtures.py).
 *
 * float64 libraries (transformers, timm; Keras and Optax run with jax x64): every value within 1e-12 of the library,
 * relative to the value, or to the case's largest value where the formula cancels (a cosine ending at 0).
 * Keras and Optax in their default float32: lrkit computes in float64 by design, so the float32-aware bound is the
 * library's own float32 rounding: lrkit may differ from the float32 value by no more than the library's float32 value
 * differs from its float64 value, plus 64 float32 units of rounding of the value (or of the case's peak where the
 * formula cancels), and where float32 overflows to Infinity the float64 value must exceed the largest float32.
 */
const TOLERANCE_64 = 1e-12;
/** The largest finite float32: Keras and Optax overflow to Infinity above it where float64 does not. */
const FLOAT32_MAX = 3.4028234663852886e38;
/** float32 unit roundoff: the float32 check also allows 64 of these relative to the value or the case's peak. */
const U32 = 2 ** -24;

/**
 * The library's x64 run is a float64 reference only where it really computed in float64. Keras 3.15 keeps some
 * computations in float32 under floatx='float64' (CosineDecay returns float32 values; a cycled PolynomialDecay gives
 * NaN or float32 values at large steps): a value that is exactly a float32 (and not a short binary fraction), or NaN
 * where float32 is finite, is not a float64 reference. Those values are held to the float32 bound only.
 */
/**
 * Keras configurations whose x64 run does not reproduce float64 arithmetic (found by these fixtures: their values mix
 * float32 into the float64 run and differ from any float64 evaluation of Keras's own formula by up to 1e-7, e.g.
 * exactly 0.1 where the formula gives 0.0999999999232): the cosine schedules, and a cycled PolynomialDecay at large
 * steps. They are held to the float32 bound only.
 */
const NO_FLOAT64_REFERENCE: Array<(c: RecipeCase) => boolean> = [
  (c) => c.upstream.name === 'CosineDecay' || c.upstream.name === 'CosineDecayRestarts',
  (c) => c.upstream.name === 'PolynomialDecay' && c.upstream.kwargs?.cycle === true,
];

function isFloat64Reference(v64: number, v32: number): boolean {
  if (Number.isNaN(v64)) return Number.isNaN(v32);
  // A float64 result is exactly a float32 with probability ~2^-29, unless it is a short binary fraction (0.5, 0.25, 0).
  return Math.fround(v64) !== v64 || Number.isInteger(v64 * 2 ** 20);
}

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
  /** Values of an x64 run that were not computed in float64 (skipped as float64 references). */
  notFloat64?: number;
  values: number;
  bitIdentical: number;
  maxRelError: number;
  worst: string;
}
const newStats = (): Stats => ({ values: 0, bitIdentical: 0, maxRelError: 0, worst: '' });
const report: Record<string, unknown> = {};

/** Compares one case; returns a failure message or undefined. */
function compare(
  stats: Stats,
  id: string,
  schedule: (t: number) => number,
  steps: number[],
  expected: Array<number | string>,
  tolerance: number,
  reference64?: Array<number | string>,
  float32Run?: Array<number | string>,
): string | undefined {
  const want = expected.map(fixtureNumber);
  const ref = reference64?.map(fixtureNumber);
  const float32 = float32Run?.map(fixtureNumber);
  const scale = Math.max(...want.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0)), Number.MIN_VALUE);
  for (let i = 0; i < steps.length; i++) {
    const t = steps[i] as number;
    const got = schedule(t);
    const w = want[i] as number;
    if (float32 !== undefined && !isFloat64Reference(w, float32[i] as number)) {
      stats.notFloat64 = (stats.notFloat64 ?? 0) + 1;
      continue;
    }
    stats.values++;
    if (Object.is(got, w)) {
      stats.bitIdentical++;
      continue;
    }
    const diff = Math.abs(got - w);
    const rel = diff / Math.max(Math.abs(w), Math.abs(got));
    // The statistic covers normal numbers of the library's precision: below them the library flushes or
    // underflows to 0 (float32 below 1.2e-38; jax flushes float64 subnormals), which the scale bound covers.
    const smallestNormal = ref !== undefined ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
    if (rel > stats.maxRelError && Number.isFinite(rel) && Math.abs(w) >= smallestNormal && Math.abs(got) >= smallestNormal) {
      stats.maxRelError = rel;
      stats.worst = `${id} at t=${t}: lrkit ${got}, library ${w}`;
    }
    if (ref !== undefined) {
      // float32 run: bounded by the library's own float32 rounding (its float32 vs its float64 value).
      const r = ref[i] as number;
      const overflow = !Number.isFinite(w) && Math.abs(r) > FLOAT32_MAX && Math.sign(r) === Math.sign(w) && Math.abs(got) > FLOAT32_MAX;
      const ownRounding = isFloat64Reference(r, w) ? Math.abs(r - w) : 0;
      if (overflow || diff <= ownRounding + 64 * U32 * Math.max(Math.abs(w), scale)) continue;
      return `${id} at t=${t}: lrkit ${got}, library float32 ${w}, float64 ${r}`;
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
  let skippedReference = 0;
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
      if (field === 'values64' && library === 'keras' && NO_FLOAT64_REFERENCE.some((r) => r(c))) {
        skippedReference++;
        continue;
      }
      if (!expected || !c.steps) continue;
      let failure: string | undefined;
      try {
        const float32Library = c.values64 !== undefined;
        failure = compare(
          stats[field] as Stats,
          c.id,
          built.schedule as Schedule,
          c.steps,
          expected,
          tolerance,
          field === 'values' && float32Library ? c.values64 : undefined,
          field === 'values64' ? c.values : undefined,
        );
      } catch (error) {
        failure = `${c.id}: lrkit threw while evaluating: ${String(error)}`;
      }
      if (failure) failures.push(`${field}: ${failure}`);
    }
    // Where the library raised while evaluating, lrkit must throw a typed error at that step too.
    if (c.error?.step !== undefined) {
      let thrown: unknown;
      try {
        (built.schedule as Schedule)(c.error.step);
      } catch (error) {
        thrown = error;
      }
      if (!(thrown instanceof LrkitError)) failures.push(`${c.id}: the library raised ${c.error.type} at t=${c.error.step}, lrkit returned a value`);
    }
  }
  report[library] = { cases: cases.length, rejectedOnPurpose: rejected, casesWithoutFloat64Reference: skippedReference, ...stats };
  return failures;
}

function summarize(): void {
  mkdirSync('test-artifacts', { recursive: true });
  writeFileSync('test-artifacts/recipe-conformance.json', `${JSON.stringify(report, null, 2)}\n`);
}

describe('recipes against the real libraries', () => {
  it('every recipe has real-library fixtures (goyal is a paper, checked by its worked examples in src/recipes)', () => {
    const covered = new Set<string>();
    const canonical = (type: unknown) => scheduleDefinition(type)?.type ?? String(type);
    for (const library of ['transformers', 'timm'] as const) for (const c of loadRecipeFixture(library).cases) if (c.type) covered.add(canonical(c.type));
    const collect = (spec: Record<string, unknown>): void => {
      covered.add(canonical(spec.type));
      if (Array.isArray(spec.schedules)) (spec.schedules as Array<Record<string, unknown>>).forEach(collect);
    };
    for (const c of loadRecipeFixture('optax').cases) collect(optaxSpec(c.upstream));
    for (const c of loadRecipeFixture('keras').cases) collect(kerasSpec(c));
    expect(Object.keys(RECIPES).filter((type) => !covered.has(type) && type !== 'goyal')).toEqual([]);
  });

  it('transformers: get_scheduler for every schedule name', () => {
    const transformers = loadRecipeFixture('transformers');
    const cases = transformers.cases.filter((c) => c.type?.startsWith('hf.'));
    const failures = checkScheduleCases('transformers', cases, (c) => instantiate(scheduleDefinition(c.type)!, c.options), [['values', TOLERANCE_64]]);
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

  it("transformers greedy (GreedyLR): lrkit's GreedyLR gives the same lr at every step", () => {
    const transformers = loadRecipeFixture('transformers');
    const cases = transformers.cases.filter((x) => x.type === 'GreedyLR');
    expect(cases.length).toBeGreaterThan(10);
    const previous = setWarningSink(() => {});
    try {
      for (const c of cases) {
        const { lr, ...options } = c.options as { lr: number };
        const optimizer = createOptimizer({ lr, groups: [{}] });
        const scheduler = new GreedyLR(optimizer, options);
        const lrs = [optimizer.paramGroups[0]!.lr];
        for (const m of c.metrics!) {
          optimizer.step();
          scheduler.step(m);
          lrs.push(optimizer.paramGroups[0]!.lr);
        }
        expect(lrs, c.id).toEqual(c.lr);
      }
    } finally {
      setWarningSink(previous);
    }
  });

  it('timm: cosine, tanh, step, multistep, poly schedulers (warmup, cycles, k-decay, float t)', () => {
    const timm = loadRecipeFixture('timm');
    const cases = timm.cases.filter((c) => c.type !== 'timm.plateau');
    const failures = checkScheduleCases('timm', cases, (c) => instantiate(scheduleDefinition(c.type)!, c.options), [['values', TOLERANCE_64]]);
    summarize();
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it("timm PlateauLRScheduler: lrkit's TimmPlateauLR gives the same lr after every epoch", () => {
    const cases = loadRecipeFixture('timm').cases.filter((x) => x.type === 'timm.plateau');
    expect(cases.length).toBeGreaterThan(10);
    const previous = setWarningSink(() => {});
    try {
      for (const c of cases) {
        const { lr, ...options } = c.options as { lr: number };
        const optimizer = createOptimizer({ lr, groups: [{}] });
        const scheduler = new TimmPlateauLR(optimizer, options);
        const lrs = [optimizer.paramGroups[0]!.lr];
        c.epochs!.forEach((epoch, i) => {
          optimizer.step();
          scheduler.step(epoch, c.metrics![i]);
          lrs.push(optimizer.paramGroups[0]!.lr);
        });
        expect(lrs, c.id).toEqual(c.lr);
      }
    } finally {
      setWarningSink(previous);
    }
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
      ['values', TOLERANCE_64],
    ]);
    summarize();
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('Optax schedules (join_schedules, piecewise, sgdr, one-cycles, transition_begin, degenerate inputs)', () => {
    const optax = loadRecipeFixture('optax');
    const failures = checkScheduleCases('optax', optax.cases, (c) => scheduleFromSpec(optaxSpec(c.upstream)), [
      ['values64', TOLERANCE_64],
      ['values', TOLERANCE_64],
    ]);
    summarize();
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
