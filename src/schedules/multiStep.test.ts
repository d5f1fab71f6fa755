import { describe, expect, it } from 'vitest';
import { multiStep } from './multiStep.js';

describe('multiStep', () => {
  it('applies gamma at each milestone, repeated milestones twice (PyTorch)', () => {
    const s = multiStep({ from: 1, milestones: [2, 4, 4], gamma: 0.5 });
    expect([0, 1, 2, 3, 4, 10].map(s)).toEqual([1, 1, 0.5, 0.5, 0.125, 0.125]);
  });
  it('rejects decreasing milestones', () => {
    expect(() => multiStep({ from: 1, milestones: [5, 3] })).toThrow(/multiStep\.milestones: expected an array of numbers, non-decreasing/);
  });
});
