import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LrkitError, MAX_NESTING, NestingError } from '../../src/errors.js';
import { runTrace } from '../../src/spec/trace.js';
import { setWarningSink } from '../../src/warnings.js';
import { traceSpec } from './torchSpecArbitraries.js';

// Values that break naive code: wrong types, non-finite numbers, huge/negative/fractional counts, prototype keys.
const hostileValue = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 0.5, 1e308, -0, 2 ** 53, '', '0.9x', null, true, [], {}, [1, 'a'], '__proto__', 'constructor'),
  fc.anything({ maxDepth: 2 }),
);
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'steps', 'gamma', 'schedulers', 'groups', 'lr', 'milestones', 'toString');

/** Replaces one value somewhere inside the spec (or adds a hostile key) — a structured mutation. */
function mutate(spec: unknown, path: number[], key: string, value: unknown): unknown {
  const clone = JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;
  let node: unknown = clone;
  for (const choice of path) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const k = keys[choice % keys.length] as string;
    const child = (node as Record<string, unknown>)[k];
    if (child === null || typeof child !== 'object' || choice % 3 === 0) {
      (node as Record<string, unknown>)[k] = value;
      return clone;
    }
    node = child;
  }
  if (node !== null && typeof node === 'object') {
    const keys = Object.keys(node);
    // Half the time replace an existing value (wrong types, NaN, ...), otherwise add a hostile key.
    const target = (path[0] ?? 0) % 2 === 0 && keys.length > 0 ? (keys[(path[0] ?? 0) % keys.length] as string) : key;
    Object.defineProperty(node, target, { value, enumerable: true, writable: true, configurable: true });
  }
  return clone;
}

// The suite runs a fixed seed; `npm run fuzz` runs many more cases with a fresh seed (printed, to replay it).
const RUNS = Number(process.env.LRKIT_FUZZ_RUNS ?? 1500);
const SEED = Number(process.env.LRKIT_FUZZ_SEED ?? 7);

describe('hostile specs (fuzz)', () => {
  it('never crash with an untyped error, never pollute prototypes, and name the problem', () => {
    const previous = setWarningSink(() => {});
    let rejected = 0;
    let accepted = 0;
    try {
      fc.assert(
        fc.property(traceSpec, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), hostileKey, hostileValue, (spec, path, key, value) => {
          const hostile = mutate(spec, path, key, value);
          try {
            runTrace(hostile);
            accepted++;
          } catch (error) {
            if (!(error instanceof LrkitError)) throw new Error(`untyped ${String(error)} for ${JSON.stringify(hostile)}`);
            expect(error.message).toMatch(/\S+: /); // "path: what is wrong"
            rejected++;
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'type')).toBe(false);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    } finally {
      setWarningSink(previous);
    }
    console.log(`hostile specs: ${RUNS} cases (seed ${SEED}): ${rejected} rejected with a typed error, ${accepted} accepted`);
    expect(rejected).toBeGreaterThan(RUNS / 15);
    expect(accepted + rejected).toBe(RUNS);
  });

  it('handles huge arrays without hanging: a million milestones, a hundred thousand groups, a huge bad list', () => {
    const milestones = Array.from({ length: 1_000_000 }, (_, i) => i + 1);
    const out = runTrace({ optimizer: { lr: 1 }, scheduler: { type: 'MultiStepLR', milestones, gamma: 0.5 }, steps: 3 });
    expect(out.lr.map((r) => r[0])).toEqual([1, 0.5, 0.25, 0.125]);
    const groups = Array.from({ length: 100_000 }, () => ({}));
    expect(runTrace({ optimizer: { lr: 0.1, groups }, scheduler: { type: 'StepLR', stepSize: 1 }, steps: 1 }).lr[1]).toHaveLength(100_000);
    const bad = [...milestones.slice(0, 500_000), -1];
    expect(() => runTrace({ optimizer: { lr: 1 }, scheduler: { type: 'MultiStepLR', milestones: bad }, steps: 1 })).toThrow('scheduler.milestones[500000]: expected a non-negative integer, got -1');
  });

  it('rejects deeply nested composites and oversized step counts with a path', () => {
    let nested: Record<string, unknown> = { type: 'ExponentialLR', gamma: 0.9 };
    for (let i = 0; i < 40; i++) nested = { type: 'ChainedScheduler', schedulers: [nested] };
    expect(() => runTrace({ optimizer: { lr: 0.1 }, scheduler: nested, steps: 1 })).toThrow(/at most 16 levels of nested schedulers/);
    expect(() => runTrace({ optimizer: { lr: 0.1 }, scheduler: { type: 'ExponentialLR', gamma: 0.9 }, steps: 1e12 })).toThrow(/^steps: expected at most/);
  });

  it('deep and wide specs: any nesting past the limit is a NestingError, wide ones run or fail typed, never a stack overflow', () => {
    const previous = setWarningSink(() => {});
    // One level of nesting of each kind: schedule combinators, scheduler composites, and the bridge between them.
    const scheduleWraps = [
      (s: object) => ({ type: 'scale', schedule: s, factor: 0.5 }),
      (s: object) => ({ type: 'warmup', schedule: s, steps: 2 }),
      (s: object) => ({ type: 'clamp', schedule: s, min: 0 }),
      (s: object) => ({ type: 'join', schedules: [s, { type: 'constant', value: 0.1 }], boundaries: [3] }),
      (s: object) => ({ type: 'perEpoch', schedule: s, stepsPerEpoch: 2 }),
    ];
    const schedulerWraps = [
      (s: object) => ({ type: 'WarmupLR', scheduler: s, steps: 2 }),
      (s: object) => ({ type: 'ChainedScheduler', schedulers: [s, { type: 'ExponentialLR', gamma: 0.9 }] }),
      (s: object) => ({ type: 'SequentialLR', schedulers: [{ type: 'StepLR', stepSize: 1 }, s], milestones: [2] }),
    ];
    let deepRejected = 0;
    let wideRan = 0;
    try {
      fc.assert(
        fc.property(
          fc.array(fc.nat(scheduleWraps.length - 1), { maxLength: 40 }),
          fc.array(fc.nat(schedulerWraps.length - 1), { maxLength: 40 }),
          fc.constantFrom(0, 1, 1000, 3000),
          fc.integer({ min: 1, max: 3000 }),
          (scheduleKinds, schedulerKinds, extraDepth, width) => {
            let schedule: object = { type: 'cosine', from: 0.1, steps: 10 };
            for (let i = 0; i < scheduleKinds.length + extraDepth; i++) schedule = (scheduleWraps[(scheduleKinds[i % Math.max(1, scheduleKinds.length)] ?? 0) % scheduleWraps.length] as (s: object) => object)(schedule);
            let scheduler: object = { type: 'ScheduleLR', schedule };
            for (const k of schedulerKinds) scheduler = (schedulerWraps[k] as (s: object) => object)(scheduler);
            const depth = schedulerKinds.length + 1 + scheduleKinds.length + extraDepth; // levels below the root scheduler
            try {
              runTrace({ optimizer: { lr: 0.1 }, scheduler, steps: 3 });
              expect(depth).toBeLessThanOrEqual(MAX_NESTING);
            } catch (error) {
              if (!(error instanceof LrkitError)) throw new Error(`untyped ${String(error)} at depth ${depth}`);
              if (depth > MAX_NESTING) {
                expect(error).toBeInstanceOf(NestingError);
                deepRejected++;
              }
            }
            // Wide: thousands of siblings at one level.
            const pieces = Array.from({ length: width }, (_, i) => ({ type: 'constant', value: 1 / (i + 1) }));
            const joined = { type: 'join', schedules: pieces, boundaries: Array.from({ length: width - 1 }, (_, i) => i + 1) };
            const wide = runTrace({ optimizer: { lr: 0.1 }, scheduler: { type: 'ChainedScheduler', schedulers: Array.from({ length: Math.min(width, 500) }, () => ({ type: 'ExponentialLR', gamma: 0.999 })) }, steps: 2 });
            expect(wide.lr).toHaveLength(3);
            expect(runTrace({ optimizer: { lr: 0.1 }, scheduler: joined, steps: 2 }).lr.map((r) => r[0])).toEqual([1, 1 / 2, 1 / 3].slice(0, Math.min(3, width)).concat(Array(Math.max(0, 3 - width)).fill(1 / width)));
            wideRan++;
          },
        ),
        { numRuns: 60, seed: SEED },
      );
    } finally {
      setWarningSink(previous);
    }
    console.log(`deep/wide specs: 60 cases (seed ${SEED}): ${deepRejected} too deep (NestingError), ${wideRan} wide specs ran`);
    expect(deepRejected).toBeGreaterThan(10);
  });
});
