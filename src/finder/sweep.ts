/**
 * How the finder's learning rate grows from `startLr` to `endLr`.
 *
 * @example
 * const mode: SweepMode = 'linear';
 * sweepLr(50, { startLr: 0, endLr: 1, numIter: 101, mode }); // 0.5
 */
export type SweepMode = 'exp' | 'linear';

/**
 * A learning-rate sweep: `numIter` values from `startLr` to `endLr`, both included.
 *
 * @example
 * const options: SweepOptions = { startLr: 1e-3, endLr: 1e-1, numIter: 3, mode: 'exp' };
 * sweepLr(1, options); // 0.01
 */
export interface SweepOptions {
  startLr: number;
  endLr: number;
  numIter: number;
  mode: SweepMode;
}

/**
 * The lr of iteration `i` (0-based) of a sweep, as pytorch-lr-finder's `ExponentialLR` / `LinearLR`:
 * `start · (end/start)^(i/(numIter-1))` or `start + i/(numIter-1) · (end - start)`, so the first iteration
 * uses `startLr` and the last `endLr` exactly. (fastai uses `i/numIter` and never reaches `endLr`;
 * Lightning skips the exponent `1/numIter`.)
 *
 * @example
 * sweepLr(0, { startLr: 1e-7, endLr: 10, numIter: 100, mode: 'exp' }); // 1e-7
 * sweepLr(99, { startLr: 1e-7, endLr: 10, numIter: 100, mode: 'exp' }); // 10
 */
export function sweepLr(i: number, { startLr, endLr, numIter, mode }: SweepOptions): number {
  if (i === numIter - 1) return endLr;
  const r = i / (numIter - 1);
  return mode === 'exp' ? startLr * (endLr / startLr) ** r : startLr + r * (endLr - startLr);
}
