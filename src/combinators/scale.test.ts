import { describe, expect, it } from 'vitest';
import { cosine } from '../schedules/cosine.js';
import { scale } from './scale.js';

describe('scale', () => {
  it('multiplies by the factor', () => {
    const s = scale(cosine({ from: 1, steps: 10 }), 0.1);
    expect(s(0)).toBe(0.1);
    expect(s.spec).toMatchObject({ type: 'scale', factor: 0.1, schedule: { type: 'cosine' } });
  });
});
