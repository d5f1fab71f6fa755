import { describe, expect, it } from 'vitest';
import { step } from '../schedules/step.js';
import { perEpoch } from './perEpoch.js';

describe('perEpoch', () => {
  it('evaluates the schedule at the epoch index', () => {
    const s = perEpoch(step({ from: 1, stepSize: 2, gamma: 0.5 }), 10);
    expect([0, 19, 20, 39, 40].map(s)).toEqual([1, 1, 0.5, 0.5, 0.25]);
  });
});
