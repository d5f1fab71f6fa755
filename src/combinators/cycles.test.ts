import { describe, expect, it } from 'vitest';
import { cosine } from '../schedules/cosine.js';
import { polynomial } from '../schedules/polynomial.js';
import { scale } from './scale.js';
import { cycles } from './cycles.js';

describe('cycles', () => {
  it('repeats the template with mul = 1', () => {
    const s = cycles(cosine({ from: 1, to: 0, steps: 10 }));
    expect(s(0)).toBe(1);
    expect(s(10)).toBe(1);
    expect(s(15)).toBeCloseTo(0.5, 15);
  });
  it('grows cycles, decays the peak, stops after limit (timm)', () => {
    const s = cycles(cosine({ from: 1, to: 0.1, steps: 10 }), { mul: 2, decay: 0.5, limit: 2 });
    expect(s(10)).toBeCloseTo(0.5, 15); // second cycle peak = 1 * 0.5
    expect(s(20)).toBeCloseTo(0.1 + 0.5 * (0.5 - 0.1), 15); // middle of the 20-step cycle
    expect(s(30)).toBe(0.1); // limit reached: the floor
  });
  it('warps time with kDecay', () => {
    const s = cycles(polynomial({ from: 1, steps: 10 }), { kDecay: 2 });
    expect(s(5)).toBeCloseTo(1 - 25 / 100, 15);
  });
  it('needs a primitive template with from and steps', () => {
    expect(() => cycles(scale(cosine({ from: 1, steps: 1 }), 2))).toThrow(/cycles\.schedule: expected a primitive schedule with `from` and `steps`/);
  });
});
