import { describe, expect, it } from 'vitest';
import { step } from './step.js';

describe('step', () => {
  it('matches PyTorch StepLR closed form base * gamma ** floor(t / stepSize)', () => {
    const s = step({ from: 0.1, stepSize: 3, gamma: 0.5 });
    expect([0, 2, 3, 5, 6, 9].map(s)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.0125]);
  });
  it('defaults gamma to 0.1', () => {
    expect(step({ from: 1, stepSize: 1 }).spec).toEqual({ type: 'step', from: 1, stepSize: 1, gamma: 0.1 });
  });
});
