import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runTrace } from '../../src/spec/trace.js';
import { setWarningSink } from '../../src/warnings.js';
import { traceSpec } from './torchSpecArbitraries.js';

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
});
