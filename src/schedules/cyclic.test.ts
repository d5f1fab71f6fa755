import { describe, expect, it } from 'vitest';
import { cyclic } from './cyclic.js';

describe('cyclic', () => {
  it('is a triangular wave', () => {
    const s = cyclic({ baseLr: 0, maxLr: 1, stepSizeUp: 4 });
    expect([0, 2, 4, 6, 8, 10].map(s)).toEqual([0, 0.5, 1, 0.5, 0, 0.5]);
  });
  it('halves the amplitude per cycle in triangular2 and scales by gamma**t in exp_range', () => {
    expect(cyclic({ baseLr: 0, maxLr: 1, stepSizeUp: 2, mode: 'triangular2' })(6)).toBe(0.5);
    expect(cyclic({ baseLr: 0, maxLr: 1, stepSizeUp: 2, mode: 'exp_range', gamma: 0.9 })(2)).toBeCloseTo(0.81, 15);
  });
  it('supports an asymmetric cycle', () => {
    const s = cyclic({ baseLr: 0, maxLr: 1, stepSizeUp: 1, stepSizeDown: 3 });
    expect([0, 1, 2, 3, 4].map(s)).toEqual([0, 1, 1 - 1 / 3, 1 / 3, 0].map((v) => expect.closeTo(v, 15)));
  });
});
