import { describe, expect, it } from 'vitest';
import { sqrtDecay } from './sqrtDecay.js';

describe('sqrtDecay', () => {
  it('is 1 - sqrt(progress) between from and to', () => {
    const s = sqrtDecay({ from: 1, to: 0.1, steps: 100 });
    expect(s(0)).toBe(1);
    expect(s(25)).toBeCloseTo(0.55, 15);
    expect(s(100)).toBeCloseTo(0.1, 15);
    expect(s(200)).toBeCloseTo(0.1, 15);
  });
});
