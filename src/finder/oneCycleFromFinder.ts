import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { OneCycleLR, type OneCycleLROptions } from '../torch/OneCycleLR.js';
import { numberInRange, oneOf, plainObject } from '../validate.js';
import { SUGGESTION_NAMES, type SuggestionName, type SuggestionSet } from './suggest.js';

/**
 * Options of {@link oneCycleFromFinder}: OneCycleLR's options without `maxLr`, plus the optimizer.
 *
 * @example
 * const options: OneCycleFromFinderOptions = { optimizer: createOptimizer({ lr: 0.1, momentum: 0.9 }), totalSteps: 100, scale: 0.5 };
 * const result = suggestLrs({ lrs: [1e-3, 1e-2, 1e-1], smoothedLosses: [2, 1, 3] }, { suggest: 'minimum', fastai: { skipStart: 0, skipEnd: 0 } });
 * oneCycleFromFinder(result, options).getLastLr(); // [0.00002]
 */
export interface OneCycleFromFinderOptions extends Omit<OneCycleLROptions, 'maxLr'> {
  /** The optimizer the OneCycleLR drives. */
  optimizer: Optimizer;
  /** Use another rule's lr than the result's chosen one. */
  suggestion?: SuggestionName;
  /** Multiplies the suggested lr (e.g. 0.5 for a cautious peak). Default 1. */
  scale?: number;
}

/**
 * Builds a {@link OneCycleLR} whose `maxLr` is the finder's suggested lr, as fastai's
 * `fit_one_cycle(lr_max=lr_find().valley)`. All other OneCycleLR options pass through.
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.01 });
 * let w = 0;
 * const trainStep = ({ lr }: TrainStepInfo) => {
 *   w -= lr * 2 * (w - 3); // one gradient step on (w - 3)^2
 *   return (w - 3) ** 2;
 * };
 * const result = await findLr({ optimizer, trainStep, startLr: 1e-4, endLr: 10 });
 * const scheduler = oneCycleFromFinder(result, { optimizer: createOptimizer({ lr: 0.1, momentum: 0.9 }), totalSteps: 1000 });
 * scheduler.getLastLr()[0] === result.suggestedLr! / 25; // true
 */
export function oneCycleFromFinder(result: SuggestionSet, options: OneCycleFromFinderOptions): OneCycleLR {
  const r = plainObject('oneCycleFromFinder.result', result) as unknown as SuggestionSet;
  if (!Array.isArray(r.suggestions)) throw new OptionError('oneCycleFromFinder.result', result, 'a findLr result (with suggestions)');
  const opts = plainObject('oneCycleFromFinder.options', options);
  const { optimizer, suggestion, scale, ...rest } = opts;
  if ('maxLr' in rest) throw new OptionError('oneCycleFromFinder.maxLr', rest.maxLr, 'no maxLr (it comes from the finder; use scale to adjust it)');
  const name = suggestion === undefined ? r.suggestion : oneOf('oneCycleFromFinder.suggestion', suggestion, SUGGESTION_NAMES);
  const factor = scale === undefined ? 1 : numberInRange('oneCycleFromFinder.scale', scale, { min: 0, minExclusive: true });
  const picked = r.suggestions.find((s) => s.name === name);
  if (picked === undefined || typeof picked.lr !== 'number' || !(picked.lr > 0)) {
    throw new OptionError(`oneCycleFromFinder.result.suggestions.${name}`, picked?.lr ?? null, `a suggested lr (${picked?.reason ?? 'the finder gave none'})`);
  }
  return new OneCycleLR(optimizer as Optimizer, { ...(rest as Omit<OneCycleLROptions, 'maxLr'>), maxLr: picked.lr * factor });
}
