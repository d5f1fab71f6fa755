import { describe, expect, it } from 'vitest';
import { inverseTime } from './inverseTime.js';

describe('inverseTime', () => {
  it('follows Keras InverseTimeDecay', () => {
    expect(inverseTime({ from: 0.1, rate: 0.5 })(2)).toBe(0.05);
    expect(inverseTime({ from: 0.1, rate: 0.5, steps: 10, staircase: true })(19)).toBe(0.1 / 1.5);
    expect(inverseTime({ from: 0.1, rate: 0.5, steps: 10 })(5)).toBe(0.1 / 1.25);
  });
});
