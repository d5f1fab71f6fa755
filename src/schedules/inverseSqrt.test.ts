import { describe, expect, it } from 'vitest';
import { inverseSqrt } from './inverseSqrt.js';

describe('inverseSqrt', () => {
  it('halves after 3 timescales', () => {
    const s = inverseSqrt({ from: 1, timescale: 100 });
    expect(s(0)).toBe(1);
    expect(s(300)).toBe(0.5);
    expect(s(100)).toBeCloseTo(Math.SQRT1_2, 15);
  });
});
