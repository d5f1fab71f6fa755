import { describe, expect, it } from 'vitest';
import { exponential } from './exponential.js';

describe('exponential', () => {
  it('decays continuously: from * rate ** (t / steps)', () => {
    const s = exponential({ from: 0.1, rate: 0.96, steps: 100 });
    expect(s(0)).toBe(0.1);
    expect(s(50)).toBe(0.1 * 0.96 ** 0.5);
    expect(s(200)).toBe(0.1 * 0.96 ** 2);
  });
  it('decays in stairs', () => {
    const s = exponential({ from: 0.1, rate: 0.5, steps: 10, staircase: true });
    expect([0, 9, 10, 19, 25].map(s)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });
  it('stops at the bound `to` (lower bound when decaying, upper when growing)', () => {
    expect(exponential({ from: 1, rate: 0.5, to: 0.2 })(10)).toBe(0.2);
    expect(exponential({ from: 1, rate: 2, to: 5 })(10)).toBe(5);
  });
  it('rejects rate <= 0', () => {
    expect(() => exponential({ from: 1, rate: 0 })).toThrow('exponential.rate: expected a number in (0, inf), got 0');
  });
});
