import { OptionError } from '../errors.js';
import type { HistogramData } from './summaries.js';

/**
 * TensorBoard's default bucket edges as PyTorch builds them: 0, then ±1e-12 growing by 1.1 up to 1e20,
 * multiplied step by step in float64 exactly as the Python loop does, so the edges are bit-identical.
 */
export const DEFAULT_BUCKET_EDGES: readonly number[] = (() => {
  const positive: number[] = [];
  for (let v = 1e-12; v < 1e20; v *= 1.1) positive.push(v);
  return [...positive.map((v) => -v).reverse(), 0, ...positive];
})();

/** Index of the first element of sorted `edges` greater than `x` (numpy's searchsorted side='right'). */
function upperBound(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Builds a histogram the way PyTorch's `add_histogram` does (`make_histogram` with the default 'tensorflow' bins):
 * numpy.histogram counts (bins half-open on the right except the last; values outside [-1e20, 1e20], NaN and ±inf
 * fall in no bucket but do count in num, min, max and sum), then trimmed to the buckets that hold values plus one
 * empty bucket on the left, because TensorBoard stores only right edges. An input with no value inside the bucket
 * range has no histogram: PyTorch raises there, lrkit throws an OptionError.
 */
export function makeHistogram(option: string, values: ArrayLike<number>): HistogramData {
  if (typeof values !== 'object' || values === null || typeof values.length !== 'number') {
    throw new OptionError(option, values, 'an array or typed array of numbers');
  }
  if (values.length === 0) throw new OptionError(option, values, 'at least one value (TensorBoard has no empty histogram)');
  const edges = DEFAULT_BUCKET_EDGES;
  const counts = new Float64Array(edges.length - 1);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSquares = 0;
  let sawNaN = false;
  const last = edges[edges.length - 1] as number;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== 'number') throw new OptionError(`${option}[${i}]`, x, 'a number');
    if (Number.isNaN(x)) sawNaN = true;
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    sumSquares += x * x;
    if (x >= (edges[0] as number) && x <= last) {
      const bin = x === last ? counts.length - 1 : upperBound(edges, x) - 1;
      counts[bin] = (counts[bin] as number) + 1;
    }
  }
  if (sawNaN) {
    // numpy's min/max propagate NaN.
    min = NaN;
    max = NaN;
  }
  let start = -1;
  let end = -1;
  for (let i = 0; i < counts.length; i++) {
    if ((counts[i] as number) > 0) {
      if (start < 0) start = i;
      end = i;
    }
  }
  if (start < 0) {
    throw new OptionError(option, values, `at least one finite value in [-1e20, 1e20] to bucket (PyTorch raises "The histogram is empty")`);
  }
  const bucket = start > 0 ? Array.from(counts.subarray(start - 1, end + 1)) : [0, ...counts.subarray(0, end + 1)];
  const bucketLimit = edges.slice(start, end + 2);
  return { min, max, num: values.length, sum, sumSquares, bucketLimit, bucket };
}
