import { describe, expect, it } from 'vitest';
import { constant } from '../schedules/constant.js';
import { cosine } from '../schedules/cosine.js';
import { step } from '../schedules/step.js';
import { warmup, warmupCurve } from './warmup.js';

describe('warmup', () => {
  it('linear warmup then the schedule on its own clock (prefix)', () => {
    const s = warmup(cosine({ from: 1, steps: 10 }), { steps: 4 });
    expect([0, 1, 2, 3].map(s)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(s(4)).toBe(1);
    expect(s(9)).toBeCloseTo(0.5, 15);
  });
  it('without prefix covers the first steps and heads for the schedule value there (timm)', () => {
    const s = warmup(step({ from: 1, stepSize: 2, gamma: 0.5 }), { steps: 4, from: 0.1, prefix: false, to: 1 });
    expect(s(0)).toBe(0.1);
    expect(s(2)).toBeCloseTo(0.55, 15);
    expect(s(4)).toBe(0.25);
  });
  it('exponential and constant modes', () => {
    const e = warmup(constant({ value: 1 }), { steps: 2, from: 0.01, mode: 'exponential' });
    expect(e(1)).toBeCloseTo(0.1, 15);
    const c = warmup(constant({ value: 1 }), { steps: 2, from: 0.1, mode: 'constant' });
    expect([0, 1, 2].map(c)).toEqual([0.1, 0.1, 1]);
  });
  it('exponential needs positive endpoints', () => {
    expect(() => warmup(constant({ value: 1 }), { steps: 2, mode: 'exponential' })).toThrow(/warmup\.from: expected a positive start/);
  });
  it('zero steps is no warmup', () => {
    expect(warmup(constant({ value: 2 }), { steps: 0 })(0)).toBe(2);
  });
  it('exposes the single warmup curve', () => {
    expect(warmupCurve('linear', 0, 1, 5, 10)).toBe(0.5);
  });
});
