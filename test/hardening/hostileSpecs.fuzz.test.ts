import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LrkitError } from '../../src/errors.js';
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
});
