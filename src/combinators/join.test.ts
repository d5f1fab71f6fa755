import { describe, expect, it } from 'vitest';
import { constant } from '../schedules/constant.js';
import { linear } from '../schedules/linear.js';
import { join } from './join.js';

describe('join', () => {
  it('runs every piece on its own clock', () => {
    const s = join([linear({ from: 0, to: 1, steps: 4 }), linear({ from: 1, to: 0, steps: 4 })], [4]);
    expect([0, 2, 4, 6, 8, 10].map(s)).toEqual([0, 0.5, 1, 0.5, 0, 0]);
  });
  it('accepts plain functions (the result has no spec)', () => {
    const s = join([(t) => t, constant({ value: 3 })], [2]);
    expect([0, 1, 2, 5].map(s)).toEqual([0, 1, 3, 3]);
    expect(s.spec).toBeUndefined();
  });
  it('nests specs', () => {
    const s = join([constant({ value: 1 }), constant({ value: 2 })], [5]);
    expect(s.spec).toEqual({ type: 'join', schedules: [{ type: 'constant', value: 1 }, { type: 'constant', value: 2 }], boundaries: [5] });
  });
  it('checks the boundary count', () => {
    expect(() => join([constant({ value: 1 })], [5])).toThrow('join.boundaries: expected 0 boundaries (one fewer than the 1 schedules), got [5]');
  });
});
