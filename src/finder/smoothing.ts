/**
 * `'debiased'`: fastai's `AvgSmoothLoss` / Lightning — an exponential moving average started at 0 and divided
 * by `1 - beta^t` (t = number of losses seen). `'ema'`: pytorch-lr-finder — the first loss as is, then
 * `(1 - beta) · loss + beta · previous` (its `smooth_f` is `1 - beta`).
 *
 * @example
 * const kind: SmoothingKind = 'ema';
 * const smoother = createSmoother(kind, 0.95);
 * smoother.update(2); // 2
 */
export type SmoothingKind = 'debiased' | 'ema';

/**
 * Feeds raw losses in, gets smoothed losses out.
 *
 * @example
 * const smoother: LossSmoother = createSmoother('debiased', 0.5);
 * smoother.update(2); // 2
 * smoother.update(4); // 3.3333333333333335
 */
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
