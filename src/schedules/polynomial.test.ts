import { describe, expect, it } from 'vitest';
import { polynomial } from './polynomial.js';

describe('polynomial', () => {
  it('decays with the given power and holds the end value (Keras PolynomialDecay)', () => {
    const s = polynomial({ from: 0.1, to: 0.01, steps: 100, power: 2 });
    expect(s(0)).toBeCloseTo(0.1, 16);
    expect(s(50)).toBeCloseTo(0.09 * 0.25 + 0.01, 16);
    expect(s(100)).toBe(0.01);
    expect(s(250)).toBe(0.01);
  });
  it('cycles to the next multiple of steps (Keras cycle=True)', () => {
    const s = polynomial({ from: 1, to: 0, steps: 10, cycle: true });
    expect(s(0)).toBe(1);
    expect(s(10)).toBe(0);
    // step 15: decay_steps = 10 * ceil(1.5) = 20, p = 0.75
    expect(s(15)).toBe(0.25);
    expect(s(20)).toBe(0);
  });
  it('defaults to linear decay to 0, PyTorch PolynomialLR closed form', () => {
    const s = polynomial({ from: 0.5, steps: 4 });
    expect([0, 1, 2, 3, 4, 5].map(s)).toEqual([0.5, 0.375, 0.25, 0.125, 0, 0]);
  });
});
