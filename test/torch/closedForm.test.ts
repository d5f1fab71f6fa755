import { describe, expect, it } from 'vitest';
import { createOptimizer, type LRScheduler } from '../../src/index.js';
import { buildScheduler } from '../../src/spec/buildScheduler.js';

// Classes with a closed form (PyTorch's `_get_closed_form_lr`, used by `step(epoch)`).
const specs: Array<[Record<string, unknown>, number]> = [
  [{ type: 'StepLR', stepSize: 7, gamma: 0.5 }, 300],
  [{ type: 'MultiStepLR', milestones: [10, 30, 30, 200], gamma: 0.3 }, 300],
  [{ type: 'ConstantLR', factor: 0.25, totalIters: 40 }, 300],
  [{ type: 'LinearLR', startFactor: 0.01, endFactor: 0.7, totalIters: 250 }, 300],
  [{ type: 'ExponentialLR', gamma: 0.999 }, 5000],
  [{ type: 'PolynomialLR', totalIters: 280, power: 1.7 }, 300],
  [{ type: 'CosineAnnealingLR', tMax: 97, etaMin: 0.001 }, 1000],
];

/**
 * Steps one scheduler with the chainable recurrence and jumps a second one with `step(epoch)`, which
 * uses the closed form, and returns the largest difference relative to the initial lr.
 */
function maxDrift(spec: Record<string, unknown>, steps: number): number {
  const a = createOptimizer({ lr: 0.1, groups: [{}, { lr: 0.003 }] });
  const b = createOptimizer({ lr: 0.1, groups: [{}, { lr: 0.003 }] });
  const recurrent = buildScheduler(a, spec) as LRScheduler;
  const closed = buildScheduler(b, spec) as LRScheduler;
  let drift = 0;
  for (let e = 1; e <= steps; e++) {
    a.step();
    b.step();
    recurrent.step();
    closed.step(e);
    a.paramGroups.forEach((g, i) => {
      const base = g.initialLr as number;
      drift = Math.max(drift, Math.abs(g.lr - (b.paramGroups[i]?.lr as number)) / base);
    });
  }
  return drift;
}

describe('closed forms agree with the chainable recurrences', () => {
  it.each(specs.map(([s, n]) => [s.type as string, s, n] as const))('%s', (_type, spec, steps) => {
    const drift = maxDrift(spec, steps);
    // Recurrences multiply rounding errors step by step; over these lengths they stay within 1e-12 of the initial lr.
    expect(drift).toBeLessThan(1e-12);
  });

  it('detects a real difference (the comparison is not vacuous)', () => {
    const a = createOptimizer({ lr: 0.1 });
    const s = buildScheduler(a, { type: 'StepLR', stepSize: 3, gamma: 0.5 }) as LRScheduler;
    a.step(); // the optimizer steps first, as in training (no call-order warning)
    s.step(4);
    expect(a.paramGroups[0]?.lr).toBeCloseTo(0.05, 15);
    s.step(); // chainable from epoch 4 -> 5: no decay
    expect(a.paramGroups[0]?.lr).toBeCloseTo(0.05, 15);
    s.step(); // epoch 6: decay
    expect(a.paramGroups[0]?.lr).toBeCloseTo(0.025, 15);
  });
});
