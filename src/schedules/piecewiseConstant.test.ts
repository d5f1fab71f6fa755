import { describe, expect, it } from 'vitest';
import { piecewiseConstant } from './piecewiseConstant.js';

describe('piecewiseConstant', () => {
  it('follows the Keras documentation example (1.0 for the first 100001 steps, 0.5 for the next 10000, then 0.1)', () => {
    const s = piecewiseConstant({ boundaries: [100000, 110000], values: [1.0, 0.5, 0.1] });
    expect([0, 100000, 100001, 110000, 110001].map(s)).toEqual([1.0, 1.0, 0.5, 0.5, 0.1]);
  });
  it('needs one more value than boundaries', () => {
    expect(() => piecewiseConstant({ boundaries: [1, 2], values: [1, 2] })).toThrow('piecewiseConstant.values: expected 3 values (one more than boundaries), got [1, 2]');
  });
});
