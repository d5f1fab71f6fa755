import { describe, expect, it } from 'vitest';
import { cosineRestarts } from './cosineRestarts.js';

describe('cosineRestarts', () => {
  it('restarts every t0 steps when tMult = 1', () => {
    const s = cosineRestarts({ from: 1, t0: 10 });
    expect(s(0)).toBe(1);
    expect(s(5)).toBeCloseTo(0.5, 15);
    expect(s(10)).toBe(1);
    expect(s(15)).toBeCloseTo(0.5, 15);
  });
  it('grows cycles by tMult and shrinks amplitude by mMul', () => {
    const s = cosineRestarts({ from: 1, t0: 10, tMult: 2, mMul: 0.5 });
    expect(s(10)).toBeCloseTo(0.5, 15); // second cycle starts at half amplitude
    expect(s(20)).toBeCloseTo(0.25, 15); // middle of the 20-step second cycle
    expect(s(30)).toBeCloseTo(0.25, 15); // third cycle starts at 1/4
  });
  it('keeps the alpha floor undecayed (Keras)', () => {
    const s = cosineRestarts({ from: 1, t0: 10, mMul: 0.5, alpha: 0.2 });
    expect(s(10)).toBeCloseTo(0.8 * 0.5 + 0.2, 15);
  });
});
