import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { DEFAULT_BUCKET_EDGES, makeHistogram } from './histogram.js';

describe('makeHistogram (PyTorch add_histogram, default buckets)', () => {
  it('edges: 0 and ±1e-12 * 1.1^k below 1e20, symmetric and increasing', () => {
    const n = DEFAULT_BUCKET_EDGES.length;
    expect(n).toBe(2 * 774 + 1);
    expect(DEFAULT_BUCKET_EDGES[774]).toBe(0);
    expect(DEFAULT_BUCKET_EDGES[775]).toBe(1e-12);
    expect(DEFAULT_BUCKET_EDGES[n - 1]).toBeLessThan(1e20);
    for (let i = 1; i < n; i++) expect(DEFAULT_BUCKET_EDGES[i]).toBeGreaterThan(DEFAULT_BUCKET_EDGES[i - 1] as number);
  });

  it('keeps the occupied buckets plus one empty bucket on the left; counts add up', () => {
    const h = makeHistogram('v', [1, 2, 2, 3]);
    expect(h.bucket[0]).toBe(0);
    expect(h.bucket.reduce((a, b) => a + b, 0)).toBe(4);
    expect(h.bucketLimit).toHaveLength(h.bucket.length);
    expect([h.min, h.max, h.num, h.sum, h.sumSquares]).toEqual([1, 2 * 1 + 1, 4, 8, 18]);
  });

  it('a value equal to an edge falls in the bucket to its right (half-open buckets)', () => {
    const h = makeHistogram('v', [1e-12]);
    // Buckets: [0, 1e-12) empty on the left, then [1e-12, 1.1e-12) holding the value; limits are right edges.
    expect(h.bucket).toEqual([0, 1]);
    expect(h.bucketLimit).toEqual([1e-12, DEFAULT_BUCKET_EDGES[776]]);
  });

  it('NaN and ±Infinity count in num, min, max and sum but in no bucket, as in PyTorch', () => {
    const h = makeHistogram('v', [1, NaN, Infinity]);
    expect(h.num).toBe(3);
    expect(h.min).toBeNaN();
    expect(h.max).toBeNaN();
    expect(h.bucket.reduce((a, b) => a + b, 0)).toBe(1);
    const inf = makeHistogram('v', [1, Infinity, -Infinity]);
    expect([inf.min, inf.max]).toEqual([-Infinity, Infinity]);
    expect(inf.sum).toBeNaN();
  });

  it('nothing to bucket, empty input or non-numbers are OptionErrors naming the value', () => {
    expect(() => makeHistogram('addHistogram.values', [NaN, Infinity])).toThrow(OptionError);
    expect(() => makeHistogram('addHistogram.values', [1e30])).toThrow(/finite value in \[-1e20, 1e20\]/);
    expect(() => makeHistogram('addHistogram.values', [])).toThrow(/at least one value/);
    expect(() => makeHistogram('addHistogram.values', [1, '2' as unknown as number])).toThrow(/addHistogram\.values\[1\]: expected a number, got "2"/);
    expect(() => makeHistogram('addHistogram.values', 3 as unknown as number[])).toThrow(OptionError);
  });

  it('typed arrays work like arrays', () => {
    expect(makeHistogram('v', Float32Array.of(0.5, -0.25))).toEqual(makeHistogram('v', [0.5, -0.25]));
  });
});
