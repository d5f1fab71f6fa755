import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runTrace } from '../../src/spec/trace.js';
import { setWarningSink } from '../../src/warnings.js';
import { traceSpec } from './torchSpecArbitraries.js';
import { optimizerSpec, schedulerSpec } from '../spec/arbitraries.js';
import { fromSpec } from '../../src/spec/fromSpec.js';
import { LrkitError } from '../../src/errors.js';

const sameNumbers = (a: number[][], b: number[][]) =>
  a.length === b.length && a.every((row, i) => row.length === b[i]?.length && row.every((v, j) => v === b[i]?.[j]));

describe('resume anywhere (property)', () => {
  it('stepping k times, saving all state to JSON, rebuilding and continuing equals the uninterrupted run', () => {
    const previous = setWarningSink(() => {});
    let runs = 0;
    try {
      fc.assert(
        fc.property(traceSpec, fc.integer({ min: 0, max: 60 }), (spec, k) => {
          runs++;
          const plain = runTrace(spec);
          const resumed = runTrace({ ...spec, resumeAt: k });
          // Numeric equality: JSON cannot carry the sign of a zero lr (-0 and 0 are the same learning rate).
          expect(sameNumbers(resumed.lr, plain.lr) && sameNumbers(resumed.momentum, plain.momentum)).toBe(true);
        }),
        { numRuns: 400, seed: 20261124 },
      );
    } finally {
      setWarningSink(previous);
    }
    expect(runs).toBe(400);
  });

  it('holds for every schedule, recipe, bridge (ScheduleLR, WarmupLR, PlateauSequentialLR) and composite spec, at every k', () => {
    const previous = setWarningSink(() => {});
    let checked = 0;
    try {
      fc.assert(
        fc.property(
          optimizerSpec,
          schedulerSpec,
          fc.integer({ min: 0, max: 40 }),
          fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 40, maxLength: 40 }),
          (optimizer, scheduler, k, metrics) => {
            const probe = fromSpec({ optimizer, scheduler, steps: 0 }).scheduler;
            const takesMetrics = probe.stepInput === 'metric';
            const spec = { optimizer, scheduler, steps: 40, ...(takesMetrics ? { metrics } : {}) };
            let plain;
            try {
              plain = runTrace(spec);
            } catch (error) {
              // A configuration that fails while stepping (e.g. OneCycleLR past totalSteps) must fail typed, and the
              // resumed run must fail the same way.
              expect(error).toBeInstanceOf(LrkitError);
              expect(() => runTrace({ ...spec, resumeAt: Math.min(k, 40) })).toThrow((error as Error).message);
              return;
            }
            checked++;
            const resumed = runTrace({ ...spec, resumeAt: k });
            expect(sameNumbers(resumed.lr, plain.lr) && sameNumbers(resumed.momentum, plain.momentum)).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      setWarningSink(previous);
    }
    console.log(`resume anywhere over the full spec space: ${checked} of 300 generated specs traced and resumed`);
    expect(checked).toBeGreaterThan(150);
  });
});
