import { describe, expect, it } from 'vitest';
import { linear } from '../schedules/linear.js';
import { clamp } from './clamp.js';

describe('clamp', () => {
  it('bounds values', () => {
    const s = clamp(linear({ from: 0, to: 10, steps: 10 }), { min: 2, max: 8 });
    expect([0, 5, 10].map(s)).toEqual([2, 5, 8]);
  });
  it('needs a bound and min <= max', () => {
    expect(() => clamp(linear({ from: 0, to: 1, steps: 1 }), {})).toThrow('clamp.min: expected min, max, or both, got undefined');
    expect(() => clamp(linear({ from: 0, to: 1, steps: 1 }), { min: 2, max: 1 })).toThrow('clamp.max: expected a number >= min (2), got 1');
  });
});
