import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { loadMnistDigits, PIXELS } from './mnistDigits.js';

describe('loadMnistDigits', () => {
  it('splits the real digits deterministically into disjoint sets with every class present', () => {
    const a = loadMnistDigits({ train: 500, validation: 200, seed: 3 });
    const b = loadMnistDigits({ train: 500, validation: 200, seed: 3 });
    expect(a.train.images).toEqual(b.train.images);
    expect(a.train.images.length).toBe(500 * PIXELS);
    expect(new Set(a.train.labels).size).toBe(10);
    const c = loadMnistDigits({ train: 500, validation: 200, seed: 4 });
    expect(c.train.labels).not.toEqual(a.train.labels);
    // Disjoint: no validation image also appears in training.
    const key = (images: Float32Array, i: number) => images.subarray(i * PIXELS, (i + 1) * PIXELS).join(',');
    const seen = new Set(Array.from({ length: a.train.count }, (_, i) => key(a.train.images, i)));
    const overlap = Array.from({ length: a.validation.count }, (_, i) => key(a.validation.images, i)).filter((k) => seen.has(k));
    expect(overlap.length).toBeLessThan(3); // MNIST has a handful of exact duplicate images; the split itself is disjoint
    for (const v of a.train.images) if (v < 0 || v > 1) throw new Error(`pixel ${v} outside [0, 1]`);
  });

  it('refuses more samples than the package has', () => {
    expect(() => loadMnistDigits({ train: 9000, validation: 2000 })).toThrow(OptionError);
  });
});
