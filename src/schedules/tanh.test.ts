import { describe, expect, it } from 'vitest';
import { tanh } from './tanh.js';

describe('tanh', () => {
  it("follows timm's formula", () => {
    const s = tanh({ from: 0.1, to: 0.001, steps: 10 });
    const expected = (t: number) => 0.001 + 0.5 * (0.1 - 0.001) * (1 - Math.tanh(-7 * (1 - t / 10) + 3 * (t / 10)));
    for (const t of [0, 3, 7, 10]) expect(s(t)).toBeCloseTo(expected(t), 17);
    expect(s(20)).toBe(s(10));
  });
  it('needs lb < ub', () => {
    expect(() => tanh({ from: 1, steps: 1, lb: 3, ub: 3 })).toThrow('tanh.lb: expected a number below ub (3), got 3');
  });
});
