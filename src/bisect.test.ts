import { describe, expect, it } from 'vitest';
import { bisectLeft, bisectRight } from './bisect.js';

describe('bisect', () => {
  it('bisects like Python', () => {
    expect(bisectRight([1, 2, 2, 3], 2)).toBe(3);
    expect(bisectLeft([1, 2, 2, 3], 2)).toBe(1);
    expect(bisectRight([], 5)).toBe(0);
    expect(bisectRight([1, 2], 9)).toBe(2);
    expect(bisectLeft([1, 2], 0)).toBe(0);
  });
});
