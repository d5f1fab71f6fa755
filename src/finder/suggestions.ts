import { argmin, gradientAt, gradientUnit } from './gradient.js';
import { centredSmooth } from './smoothing.js';

/**
 * The LR-finder suggestion rules, each a pure function of a (learning rate, smoothed loss) curve,
 * reproducing its reference definition:
 *
 * - fastai `valley`, `slide`, `minimum`, `steep`: fastai/callback/schedule.py (fastai 2.x).
 * - `steepestGradient`: pytorch-lr-finder `LRFinder.plot(suggest_lr=True)` (torch_lr_finder/lr_finder.py).
 * - `lightningGradient`: Lightning `_LRFinder.suggestion()` (lightning/pytorch/tuner/lr_finder.py).
 *
 * The functions take the curve *after* the reference's trimming (see `suggestLrs` for the trimming each
 * reference applies) and return `null` when the curve is too short for the rule. lrkit computes in
 * float64 where fastai and Lightning use float32 tensors; only exact ties can resolve differently.
 */

/**
 * A point to mark on the loss-vs-lr plot (what the reference library plots for the rule).
 *
 * @example
 * const point: SuggestionPoint | undefined = minimum([1e-3, 1e-2, 1e-1], [2, 1, 3])?.point;
 * point?.loss; // 1
 */
export interface SuggestionPoint {
  lr: number;
  loss: number;
}

/**
 * The outcome of one rule on a curve.
 *
 * @example
 * const result: RuleResult | null = minimum([1e-3, 1e-2, 1e-1], [2, 1, 3]);
 * result?.lr; // 0.001
 * result?.index; // 1
 */
export interface RuleResult {
  /** The suggested learning rate. */
  lr: number;
  /** Where the reference marks the suggestion on the plot. */
  point: SuggestionPoint;
  /** Index into the curve of the point the rule picked (for `minimum`, the minimum, not lr/10). */
  index: number;
}

/**
 * Options of fastai's `slide` rule (its keyword arguments).
 *
 * @example
 * const options: SlideOptions = { lrDiff: 1, thresh: 0.005 };
 * slide([1e-3, 1e-2, 1e-1, 1], [2, 1.5, 1, 3], options)?.lr! > 0; // true
 */
export interface SlideOptions {
  /** Distance in points between the two compared gradients. Default 15. */
  lrDiff?: number;
  /** Gradient difference (in loss units per point) below which the slide stops. Default 0.005. */
  thresh?: number;
  /** Factor applied to the found lr. Default 1. */
  adjustValue?: number;
}

/**
 * fastai `valley`: finds the longest "valley", the longest strictly decreasing subsequence of the losses
 * (O(n²) dynamic programming as in fastai), and suggests the lr about half way into it: index
 * `start + int(len/3) + int(len/3/2)` with `end` the subsequence's last index, `start = end - lds[end]` and
 * `len = end - start` (fastai's own arithmetic, which puts `start` one before the subsequence). A negative
 * index wraps like Python's, as in fastai.
 *
 * @example
 * valley([1e-3, 1e-2, 1e-1, 1], [2, 1.5, 1, 3]); // { lr: 1e-2, ... }
 */
export function valley(lrs: readonly number[], losses: readonly number[]): RuleResult | null {
  const n = losses.length;
  if (n < 1) return null;
  let maxStart = 0;
  let maxEnd = 0;
  const lds = new Array<number>(n).fill(1);
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if ((losses[i] as number) < (losses[j] as number) && (lds[i] as number) < (lds[j] as number) + 1) lds[i] = (lds[j] as number) + 1;
      // fastai updates the best run inside the inner loop; the outcome is the same as after it.
      if ((lds[maxEnd] as number) < (lds[i] as number)) {
        maxEnd = i;
        maxStart = maxEnd - (lds[maxEnd] as number);
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  const idx = pyIndex(maxStart + Math.trunc(sections) + Math.trunc(sections / 2), n);
  return { lr: lrs[idx] as number, point: { lr: lrs[idx] as number, loss: losses[idx] as number }, index: idx };
}

/**
 * fastai `slide`: walks a window of `lrDiff` points leftwards from the end of the curve while the unit-spaced
 * gradients (`np.gradient`) at its two ends differ by more than `thresh`; suggests the left end's lr
 * (times `adjustValue`). The plotted loss is interpolated at the suggestion on log10(lr). Needs more than
 * `lrDiff` points.
 *
 * @example
 * const lrs = [1e-4, 1e-3, 1e-2, 1e-1, 1];
 * const smoothedLosses = [2.3, 2.2, 1.6, 1.1, 4];
 * slide(lrs, smoothedLosses, { lrDiff: 1, thresh: 0.005 })?.lr! > 0; // true
 */
export function slide(lrs: readonly number[], losses: readonly number[], options: SlideOptions = {}): RuleResult | null {
  const { lrDiff = 15, thresh = 0.005, adjustValue = 1 } = options;
  const n = losses.length;
  if (n < lrDiff + 1 || n < 2) return null;
  const grad = gradientUnit(losses);
  let r = n - 1;
  let l = r - lrDiff;
  let found = l;
  while (l >= 0 && Math.abs((grad[r] as number) - (grad[l] as number)) > thresh) {
    found = l;
    r -= 1;
    l -= 1;
  }
  const lr = (lrs[found] as number) * adjustValue;
  const loss = interp(Math.log10(lr), lrs.map(Math.log10), losses);
  return { lr, point: { lr, loss }, index: found };
}

/**
 * fastai `minimum`: one tenth of the lr at the lowest loss (first one on ties). The plotted point is the
 * minimum itself.
 *
 * @example
 * minimum([1e-3, 1e-2, 1e-1], [2, 1, 3]); // { lr: 1e-3, point: { lr: 1e-2, loss: 1 }, index: 1 }
 */
export function minimum(lrs: readonly number[], losses: readonly number[]): RuleResult | null {
  const i = argmin(losses);
  if (i < 0) return null;
  const lrMin = lrs[i] as number;
  return { lr: lrMin / 10, point: { lr: lrMin, loss: losses[i] as number }, index: i };
}

/**
 * fastai `steep`: the lr at the left end of the segment with the most negative slope of loss over
 * ln(lr): `argmin((loss[i+1] - loss[i]) / (ln lr[i+1] - ln lr[i]))`. Needs 2 points.
 *
 * @example
 * steep([1e-3, 1e-2, 1e-1, 1], [3, 2.9, 1, 4]); // { lr: 1e-2, ... }
 */
export function steep(lrs: readonly number[], losses: readonly number[]): RuleResult | null {
  const n = losses.length;
  if (n < 2) return null;
  const grads: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    grads.push(((losses[i + 1] as number) - (losses[i] as number)) / (Math.log(lrs[i + 1] as number) - Math.log(lrs[i] as number)));
  }
  const i = argmin(grads);
  return { lr: lrs[i] as number, point: { lr: lrs[i] as number, loss: losses[i] as number }, index: i };
}

/**
 * pytorch-lr-finder's "steepest gradient": `argmin(np.gradient(losses))` with unit spacing (per point, not
 * per lr), on the curve after `skip_start`/`skip_end` trimming. Needs 2 points.
 *
 * @example
 * steepestGradient([1e-3, 1e-2, 1e-1, 1], [3, 2.9, 1, 4]); // { lr: 1e-2, ... }
 */
export function steepestGradient(lrs: readonly number[], losses: readonly number[]): RuleResult | null {
  if (losses.length < 2) return null;
  const i = argmin(gradientUnit(losses));
  return { lr: lrs[i] as number, point: { lr: lrs[i] as number, loss: losses[i] as number }, index: i };
}

/**
 * Lightning's suggestion: `argmin(torch.gradient(losses, spacing=[lrs]))`, the steepest descent of the loss
 * per unit of lr (not of log lr), on the finite points left after `skip_begin`/`skip_end` trimming.
 * Needs 2 points.
 *
 * @example
 * lightningGradient([1e-3, 1e-2, 1e-1, 1], [3, 2.9, 1, 4]);
 */
export function lightningGradient(lrs: readonly number[], losses: readonly number[]): RuleResult | null {
  if (losses.length < 2) return null;
  const i = argmin(gradientAt(losses, lrs));
  return { lr: lrs[i] as number, point: { lr: lrs[i] as number, loss: losses[i] as number }, index: i };
}

/**
 * The optimizer family the `centredMinimum` rule scales its pick for.
 *
 * @example
 * const family: OptimizerFamily = optimizerFamily(createOptimizer({ type: 'adam', lr: 1e-3 }));
 * family; // 'adaptive'
 * CENTRED_MINIMUM_FACTORS[family]; // 0.9
 */
export type OptimizerFamily = 'sgd' | 'adaptive';

/**
 * Options of {@link centredMinimum}.
 *
 * @example
 * const options: CentredMinimumOptions = { sigma: 0, family: 'sgd', factor: 1 };
 * centredMinimum([1e-3, 1e-2, 1e-1], [2, 1, 3], options)?.lr; // 0.01
 */
export interface CentredMinimumOptions {
  /** Standard deviation of the zero-phase Gaussian smoothing, in sweep points. Default {@link CENTRED_MINIMUM_SIGMA} (5). */
  sigma?: number;
  /** `'adaptive'` (Adam, AdamW, RMSProp...) or `'sgd'` (plain or momentum SGD). Default `'sgd'`. */
  family?: OptimizerFamily;
  /** Multiplies the lr at the minimum. Default: {@link CENTRED_MINIMUM_FACTORS} of the family. */
  factor?: number;
}

/**
 * The `centredMinimum` rule's factor per optimizer family: OneCycleLR's best peak lr relative to the lr at
 * the minimum of the zero-phase smoothed range-test loss, as measured on the design settings of
 * docs/finder-study.md: momentum SGD's best peak is above the minimum (its momentum and OneCycleLR's warmup
 * tolerate it), Adam-type optimizers' at the minimum.
 *
 * @example
 * CENTRED_MINIMUM_FACTORS.sgd; // 2
 * CENTRED_MINIMUM_FACTORS.adaptive; // 0.9
 */
export const CENTRED_MINIMUM_FACTORS: Readonly<Record<OptimizerFamily, number>> = { sgd: 2, adaptive: 0.9 };

/**
 * The `centredMinimum` rule's default smoothing width, in sweep points (0.4 of a decade at findLr's default sweep of 12.5 points per decade).
 *
 * @example
 * CENTRED_MINIMUM_SIGMA; // 5
 */
export const CENTRED_MINIMUM_SIGMA = 5;

/**
 * lrkit's default rule, `centredMinimum`: smooths the *raw* losses with a zero-phase (centred) Gaussian
 * ({@link centredSmooth}), so the minimum is where the loss really bottoms out rather than where a lagging
 * running average does, and returns the lr there times a factor for the optimizer family
 * ({@link CENTRED_MINIMUM_FACTORS}). The factor is the measured ratio between OneCycleLR's best `maxLr` and
 * that minimum. The plotted point is the minimum itself. Needs 1 finite point.
 *
 * @example
 * const lrs = [1e-3, 1e-2, 1e-1, 1];
 * const rawLosses = [2, 1.2, 1, 4];
 * centredMinimum(lrs, rawLosses, { sigma: 0, family: 'adaptive' })?.lr; // 0.09000000000000001
 */
export function centredMinimum(lrs: readonly number[], rawLosses: readonly number[], options: CentredMinimumOptions = {}): RuleResult | null {
  const { sigma = CENTRED_MINIMUM_SIGMA, family = 'sgd' } = options;
  const factor = options.factor ?? CENTRED_MINIMUM_FACTORS[family];
  const smoothed = centredSmooth(rawLosses, sigma);
  const i = argmin(smoothed);
  if (i < 0) return null;
  return { lr: (lrs[i] as number) * factor, point: { lr: lrs[i] as number, loss: smoothed[i] as number }, index: i };
}

/** Python's `seq[i]` index for a possibly negative i. */
function pyIndex(i: number, n: number): number {
  return i < 0 ? i + n : i;
}

/** `np.interp(x, xp, fp)` for increasing xp: linear inside, clamped to the end values outside. */
function interp(x: number, xp: readonly number[], fp: readonly number[]): number {
  const n = xp.length;
  if (x <= (xp[0] as number)) return fp[0] as number;
  if (x >= (xp[n - 1] as number)) return fp[n - 1] as number;
  let j = 0;
  while ((xp[j + 1] as number) <= x) j += 1;
  const x0 = xp[j] as number;
  const x1 = xp[j + 1] as number;
  const f0 = fp[j] as number;
  const f1 = fp[j + 1] as number;
  return f0 + ((x - x0) * (f1 - f0)) / (x1 - x0);
}
