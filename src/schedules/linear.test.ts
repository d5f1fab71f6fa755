import { describe, expect, it } from 'vitest';
import { linear } from './linear.js';
import { sample } from './Schedule.js';

describe('linear', () => {
  it('interpolates and clamps (Optax linear_schedule doc: 1.0 -> 0.01 over 100 steps)', () => {
    const s = linear({ from: 1.0, to: 0.01, steps: 100 });
    expect(s(0)).toBe(1.0);
    expect(s(100)).toBe(0.01);
    expect(s(150)).toBe(0.01);
    expect(s(-5)).toBe(1.0);
    expect(s(50)).toBeCloseTo(0.505, 15);
  });
  it('samples', () => {
    expect(sample(linear({ from: 1, to: 0, steps: 4 }), 5)).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
  it('rejects a non-positive length', () => {
    expect(() => linear({ from: 1, to: 0, steps: 0 })).toThrow('linear.steps: expected a number in (0, inf), got 0');
  });
});
