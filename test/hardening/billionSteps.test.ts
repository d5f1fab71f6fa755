import { describe, expect, it } from 'vitest';
import { CosineAnnealingLR, CosineAnnealingWarmRestarts, createOptimizer, CyclicLR, OneCycleLR, StepLR } from '../../src/index.js';

const BILLION = 1_000_000_000;
const steps = [BILLION - 3, BILLION - 1, BILLION, BILLION + 250, BILLION + 499];

/**
 * Periodic closed forms at step 10^9 against references computed after exact integer reduction of the step
 * (so the reference's phase has no large-argument rounding). Measured: 3.9e-11 (cosine) and 6.1e-11 (restarts,
 * cyclic) of the initial lr; the bound 1e-9 leaves a margin of more than 10x.
 */
describe('closed forms stay precise at 10^9 steps', () => {
  it('CosineAnnealingLR.lrAt (period 2*tMax) within 1e-9 of the initial lr', () => {
    const tMax = 997;
    const s = new CosineAnnealingLR(createOptimizer({ lr: 1 }), { tMax, etaMin: 0.01 });
    let worst = 0;
    for (const e of steps) {
      const phase = (Math.PI * (e % (2 * tMax))) / tMax;
      const reference = 0.01 + ((1 - 0.01) * (1 + Math.cos(phase))) / 2;
      worst = Math.max(worst, Math.abs((s.lrAt(e)[0] as number) - reference));
    }
    console.log(`CosineAnnealingLR at 1e9: max error ${worst.toExponential(2)} of the initial lr`);
    expect(worst).toBeLessThan(1e-9);
  });

  it('CosineAnnealingWarmRestarts.step(epoch) and CyclicLR.lrAt within 1e-9', () => {
    const w = createOptimizer({ lr: 1 });
    const restarts = new CosineAnnealingWarmRestarts(w, { t0: 1000 });
    const cyclic = new CyclicLR(createOptimizer({ lr: 1, momentum: 0.9 }), { baseLr: 0.1, maxLr: 1, stepSizeUp: 300, stepSizeDown: 700 });
    let worst = 0;
    for (const e of steps) {
      restarts.step(e);
      const t = e % 1000;
      worst = Math.max(worst, Math.abs((w.paramGroups[0]?.lr as number) - (1 + Math.cos((Math.PI * t) / 1000)) / 2));
      const x = e % 1000;
      const reference = x <= 300 ? 0.1 + 0.9 * (x / 300) : 0.1 + 0.9 * ((1000 - x) / 700);
      worst = Math.max(worst, Math.abs((cyclic.lrAt(e)[0] as number) - reference));
    }
    console.log(`WarmRestarts/CyclicLR at 1e9: max error ${worst.toExponential(2)} of the initial lr`);
    expect(worst).toBeLessThan(1e-9);
  });

  it('StepLR and OneCycleLR (totalSteps 2e9) evaluate 10^9 exactly where the answer is exact', () => {
    const step = new StepLR(createOptimizer({ lr: 1 }), { stepSize: 1000, gamma: 0.5 });
    expect(step.lrAt(BILLION)[0]).toBe(0); // 0.5 ** 10^6 underflows to exactly 0, not NaN
    const one = new OneCycleLR(createOptimizer({ lr: 1, momentum: 0.9 }), { maxLr: 1, totalSteps: 2 * BILLION, pctStart: 0.5, annealStrategy: 'linear' });
    expect(one.lrAt(BILLION - 1)[0]).toBe(1); // the peak, at the end of the first phase
    expect(one.lrAt(2 * BILLION - 1)[0]).toBeCloseTo(1 / 25 / 1e4, 15);
  });
});
