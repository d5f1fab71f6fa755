import { OptionError } from '../errors.js';
import { finiteNumber, knownKeys, nonNegativeInteger, numberInRange, oneOf, plainObject, positiveInteger } from '../validate.js';
import {
  centredMinimum,
  lightningGradient,
  minimum,
  slide,
  steep,
  steepestGradient,
  valley,
  type CentredMinimumOptions,
  type OptimizerFamily,
  type RuleResult,
  type SlideOptions,
  type SuggestionPoint,
} from './suggestions.js';

/** Names of the suggestion rules, in the order `suggestLrs` reports them. */
export const SUGGESTION_NAMES = ['valley', 'slide', 'minimum', 'steep', 'steepestGradient', 'lightningGradient', 'centredMinimum'] as const;

/** The rules reproduced from fastai, pytorch-lr-finder and Lightning (golden fixtures in test/fixtures/finder). */
export const REFERENCE_SUGGESTION_NAMES = ['valley', 'slide', 'minimum', 'steep', 'steepestGradient', 'lightningGradient'] as const;

/** The rule `findLr`, `suggestLrs` and `oneCycleFromFinder` use unless told otherwise (chosen by docs/finder-study.md). */
export const DEFAULT_SUGGESTION: SuggestionName = 'centredMinimum';

/** One of {@link SUGGESTION_NAMES}. */
export type SuggestionName = (typeof SUGGESTION_NAMES)[number];

const SOURCES: Record<SuggestionName, string> = {
  valley: 'fastai valley (fastai/callback/schedule.py)',
  slide: 'fastai slide (fastai/callback/schedule.py)',
  minimum: 'fastai minimum: lr at the minimum / 10 (fastai/callback/schedule.py)',
  steep: 'fastai steep (fastai/callback/schedule.py)',
  steepestGradient: 'pytorch-lr-finder steepest gradient (torch_lr_finder/lr_finder.py)',
  lightningGradient: 'Lightning lr_find suggestion (lightning/pytorch/tuner/lr_finder.py)',
  centredMinimum: 'lrkit: lr at the minimum of the zero-phase smoothed loss x a per-family factor (docs/finder-study.md)',
};

/** One rule's suggestion; `lr` is null (with a `reason`) when the curve is too short for the rule. */
export interface Suggestion {
  name: SuggestionName;
  /** Where the rule comes from. */
  source: string;
  lr: number | null;
  /** The point the reference library marks on its plot. */
  point: SuggestionPoint | null;
  /** Index into the finder's records of the picked point. */
  index: number | null;
  /** True for the rule selected with `suggest`. */
  chosen: boolean;
  reason?: string;
}

/** How much of the curve a rule ignores at each end. */
export interface SkipOptions {
  skipStart?: number;
  skipEnd?: number;
}

/** Options of {@link suggestLrs}. Defaults are the reference libraries' defaults. */
export interface SuggestOptions {
  /** The rule whose lr becomes `suggestedLr`. Default `'centredMinimum'` (see docs/finder-study.md). */
  suggest?: SuggestionName;
  /** The sweep's planned iterations (fastai trims `numIter // 10` points at the start). Default: the curve length. */
  numIter?: number;
  /** fastai rules (valley, slide, minimum, steep): default `skipStart = floor(numIter / 10)`, `skipEnd = 5`. */
  fastai?: SkipOptions;
  /** Options of fastai's slide rule. */
  slide?: SlideOptions;
  /** pytorch-lr-finder: default `skipStart = 10`, `skipEnd = 5`. */
  steepestGradient?: SkipOptions;
  /** Lightning: default `skipStart = 10` (`skip_begin`), `skipEnd = 1`. */
  lightningGradient?: SkipOptions;
  /** lrkit's `centredMinimum` rule: smoothing width, optimizer family and factor. */
  centredMinimum?: CentredMinimumOptions;
}

/** The curve the rules read: learning rates and smoothed losses, one per finder iteration. */
export interface FinderCurve {
  lrs: readonly number[];
  smoothedLosses: readonly number[];
  /** The raw losses; `centredMinimum` smooths them itself (without them it gives no suggestion). */
  losses?: readonly number[];
}

/** Every rule's suggestion plus the chosen one. */
export interface SuggestionSet {
  suggestions: Suggestion[];
  /** The chosen rule's lr, or null when it could not suggest one. */
  suggestedLr: number | null;
  /** The chosen rule. */
  suggestion: SuggestionName;
}

/**
 * Runs every suggestion rule on a finder curve, each with its reference's trimming, and marks the chosen
 * one. Trimming per reference: fastai's `lr_find` keeps `[numIter // 10 : -5]` and cuts at the first NaN;
 * pytorch-lr-finder keeps `[skip_start : -skip_end]` (10, 5); Lightning keeps `[skip_begin : -skip_end]`
 * (10, 1) and drops non-finite points. lrkit cuts at the first non-finite loss for fastai and
 * pytorch-lr-finder too (a finder run ends at the first one anyway), and reads `skipEnd: 0` as "keep the end".
 *
 * @example
 * const { suggestedLr, suggestions } = suggestLrs(result, { suggest: 'minimum' });
 */
export function suggestLrs(curve: FinderCurve, options: SuggestOptions = {}, scope = 'suggestLrs'): SuggestionSet {
  const opts = plainObject(`${scope}.options`, options);
  knownKeys(scope, opts, ['suggest', 'numIter', 'fastai', 'slide', 'steepestGradient', 'lightningGradient', 'centredMinimum']);
  const suggest = opts.suggest === undefined ? DEFAULT_SUGGESTION : oneOf(`${scope}.suggest`, opts.suggest, SUGGESTION_NAMES);
  const { lrs, smoothedLosses: losses, losses: raw } = curve;
  if (!Array.isArray(lrs) || !Array.isArray(losses) || lrs.length !== losses.length) {
    throw new OptionError(`${scope}.curve`, curve, 'lrs and smoothedLosses arrays of equal length');
  }
  if (raw !== undefined && (!Array.isArray(raw) || raw.length !== lrs.length)) {
    throw new OptionError(`${scope}.curve.losses`, raw, `an array of raw losses, one per lr (${lrs.length})`);
  }
  const centred = readCentred(`${scope}.centredMinimum`, opts.centredMinimum);
  const numIter = opts.numIter === undefined ? lrs.length : positiveInteger(`${scope}.numIter`, opts.numIter);
  const fastaiSkip = readSkip(`${scope}.fastai`, opts.fastai, Math.floor(numIter / 10), 5);
  const torchSkip = readSkip(`${scope}.steepestGradient`, opts.steepestGradient, 10, 5);
  const lightningSkip = readSkip(`${scope}.lightningGradient`, opts.lightningGradient, 10, 1);
  const slideOptions = readSlide(`${scope}.slide`, opts.slide);

  const fastaiIdx = cutAtNonFinite(trimmed(lrs.length, fastaiSkip), losses);
  const torchIdx = cutAtNonFinite(trimmed(lrs.length, torchSkip), losses);
  const lightningIdx = trimmed(lrs.length, lightningSkip).filter((i) => Number.isFinite(losses[i]));

  const run = (name: SuggestionName, idx: number[], rule: (l: number[], y: number[]) => RuleResult | null, need: number): Suggestion => {
    const result = idx.length >= need ? rule(idx.map((i) => lrs[i] as number), idx.map((i) => losses[i] as number)) : null;
    if (result === null) {
      return { name, source: SOURCES[name], lr: null, point: null, index: null, chosen: name === suggest, reason: `needs at least ${need} points after trimming, has ${idx.length}` };
    }
    return { name, source: SOURCES[name], lr: result.lr, point: result.point, index: idx[result.index] as number, chosen: name === suggest };
  };
  const suggestions = [
    run('valley', fastaiIdx, valley, 1),
    run('slide', fastaiIdx, (l, y) => slide(l, y, slideOptions), Math.max(2, (slideOptions.lrDiff ?? 15) + 1)),
    run('minimum', fastaiIdx, minimum, 1),
    run('steep', fastaiIdx, steep, 2),
    run('steepestGradient', torchIdx, steepestGradient, 2),
    run('lightningGradient', lightningIdx, lightningGradient, 2),
    raw === undefined
      ? { name: 'centredMinimum' as const, source: SOURCES.centredMinimum, lr: null, point: null, index: null, chosen: suggest === 'centredMinimum', reason: 'needs the raw losses (curve.losses)' }
      : run('centredMinimum', lrs.map((_, i) => i), (l) => centredMinimum(l, raw, centred), 1),
  ];
  const chosen = suggestions.find((s) => s.chosen) as Suggestion;
  return { suggestions, suggestedLr: chosen.lr, suggestion: suggest };
}

function readSkip(scope: string, raw: unknown, skipStart: number, skipEnd: number): Required<SkipOptions> {
  if (raw === undefined) return { skipStart, skipEnd };
  const o = plainObject(scope, raw);
  knownKeys(scope, o, ['skipStart', 'skipEnd']);
  return {
    skipStart: o.skipStart === undefined ? skipStart : nonNegativeInteger(`${scope}.skipStart`, o.skipStart),
    skipEnd: o.skipEnd === undefined ? skipEnd : nonNegativeInteger(`${scope}.skipEnd`, o.skipEnd),
  };
}

function readCentred(scope: string, raw: unknown): CentredMinimumOptions {
  if (raw === undefined) return {};
  const o = plainObject(scope, raw);
  knownKeys(scope, o, ['sigma', 'family', 'factor']);
  const out: CentredMinimumOptions = {};
  if (o.sigma !== undefined) out.sigma = numberInRange(`${scope}.sigma`, o.sigma, { min: 0, max: 1000 });
  if (o.family !== undefined) out.family = oneOf(`${scope}.family`, o.family, ['sgd', 'adaptive'] as const) as OptimizerFamily;
  if (o.factor !== undefined) out.factor = numberInRange(`${scope}.factor`, o.factor, { min: 0, minExclusive: true, max: 1e6 });
  return out;
}

function readSlide(scope: string, raw: unknown): SlideOptions {
  if (raw === undefined) return {};
  const o = plainObject(scope, raw);
  knownKeys(scope, o, ['lrDiff', 'thresh', 'adjustValue']);
  const out: SlideOptions = {};
  if (o.lrDiff !== undefined) out.lrDiff = positiveInteger(`${scope}.lrDiff`, o.lrDiff);
  if (o.thresh !== undefined) out.thresh = numberInRange(`${scope}.thresh`, o.thresh, { min: 0 });
  if (o.adjustValue !== undefined) {
    out.adjustValue = finiteNumber(`${scope}.adjustValue`, o.adjustValue);
    if (out.adjustValue <= 0) throw new OptionError(`${scope}.adjustValue`, o.adjustValue, 'a positive number');
  }
  return out;
}

/** Indices `[skipStart, n - skipEnd)`, Python's `[skip_start:-skip_end]` with 0 meaning "to the end". */
function trimmed(n: number, { skipStart, skipEnd }: Required<SkipOptions>): number[] {
  const out: number[] = [];
  for (let i = skipStart; i < n - skipEnd; i++) out.push(i);
  return out;
}

function cutAtNonFinite(idx: number[], losses: readonly number[]): number[] {
  const bad = idx.findIndex((i) => !Number.isFinite(losses[i]));
  return bad === -1 ? idx : idx.slice(0, bad);
}
