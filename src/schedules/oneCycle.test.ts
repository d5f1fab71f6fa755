import { describe, expect, it } from 'vitest';
import { oneCycle } from './oneCycle.js';

describe('oneCycle', () => {
  it('starts at maxLr / divFactor, peaks at pctStart * totalSteps - 1, ends at start / finalDivFactor', () => {
    const s = oneCycle({ maxLr: 0.1, totalSteps: 100 });
    expect(s(0)).toBeCloseTo(0.004, 17);
    expect(s(29)).toBe(0.1);
    expect(s(99)).toBeCloseTo(0.004 / 1e4, 20);
  });
  it('linear three-phase', () => {
    const s = oneCycle({ maxLr: 1, totalSteps: 10, pctStart: 0.3, annealStrategy: 'linear', threePhase: true, divFactor: 10, finalDivFactor: 10 });
    expect(s(2)).toBe(1);
    expect(s(4)).toBeCloseTo(0.1, 15);
    expect(s(9)).toBeCloseTo(0.01, 15);
  });
  it('rejects an empty phase', () => {
    expect(() => oneCycle({ maxLr: 1, totalSteps: 10, pctStart: 0.1 })).toThrow(/oneCycle\.pctStart/);
  });
});
