/**
 * `'debiased'`: fastai's `AvgSmoothLoss` / Lightning — an exponential moving average started at 0 and divided
 * by `1 - beta^t` (t = number of losses seen). `'ema'`: pytorch-lr-finder — the first loss as is, then
 * `(1 - beta) · loss + beta · previous` (its `smooth_f` is `1 - beta`).
 */
export type SmoothingKind = 'debiased' | 'ema';

/** Feeds raw losses in, gets smoothed losses out. */
export interface LossSmoother {
  /** Adds one raw loss and returns the smoothed loss. */
  update(loss: number): number;
}

/**
 * Creates a loss smoother. `beta = 0` turns smoothing off.
 *
 * @example
 * const s = createSmoother('debiased', 0.98);
 * s.update(2); // 2 (the debiasing makes the first value exact)
 */
export function createSmoother(kind: SmoothingKind, beta: number): LossSmoother {
  let avg = 0;
  let count = 0;
  if (kind === 'debiased') {
    return {
      update(loss) {
        count += 1;
        avg = beta * avg + (1 - beta) * loss;
        // fastai counts the losses seen; Lightning uses global_step + 1 after the step was already counted,
        // which under-weights the first losses. fastai's t is the textbook bias correction.
        return avg / (1 - beta ** count);
      },
    };
  }
  return {
    update(loss) {
      count += 1;
      avg = count === 1 ? loss : (1 - beta) * loss + beta * avg;
      return avg;
    },
  };
}

/**
 * Zero-phase smoothing of a whole finder curve: each point becomes the Gaussian-weighted mean of the raw
 * losses around it (standard deviation `sigma` points, window ±3 sigma, weights renormalised at the ends).
 * Unlike the running averages above it looks both ways, so it has no lag: a minimum of the raw trend stays
 * where it is instead of appearing tens of iterations later. Non-finite losses end the curve (the output
 * stops there too). `sigma = 0` returns the losses unchanged.
 *
 * @example
 * centredSmooth([3, 2, 1, 2, 3], 1); // symmetric input stays symmetric, minimum still at index 2
 */
export function centredSmooth(losses: readonly number[], sigma: number): number[] {
  let n = losses.findIndex((l) => !Number.isFinite(l));
  if (n === -1) n = losses.length;
  if (sigma === 0) return losses.slice(0, n);
  const reach = Math.ceil(3 * sigma);
  const weights = Array.from({ length: reach + 1 }, (_, d) => Math.exp(-0.5 * (d / sigma) ** 2));
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let total = 0;
    for (let j = Math.max(0, i - reach); j <= Math.min(n - 1, i + reach); j++) {
      const w = weights[Math.abs(i - j)] as number;
      sum += w * (losses[j] as number);
      total += w;
    }
    out[i] = sum / total;
  }
  return out;
}
