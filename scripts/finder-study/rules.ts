/**
 * The rules the study scores. Each replays the recorded finder curve (recorded without early stopping)
 * through lrkit's own `findLr`, so the stopping criterion, smoothing and suggestion are exactly what a
 * user gets with those options.
 */
import { findLr, type FindLrOptions } from '../../src/finder/findLr.js';
import { createOptimizer } from '../../src/optim/createOptimizer.js';
import type { SuggestionName } from '../../src/finder/suggest.js';
import type { FinderCurve, Setting } from './train.js';

export interface StudyRule {
  name: string;
  /** One line: what the rule does. */
  description: string;
  /** true for lrkit's default rule. */
  isDefault?: boolean;
  /** true for the rules reproduced from fastai, pytorch-lr-finder and Lightning. */
  reference?: boolean;
  /** Extra training the rule spends, in full runs (tuneMaxLr's short runs); 0 for the finder rules. */
  budget?: number;
  /**
   * The peak lr for OneCycleLR, or null when the rule gives none. `evaluate(lr, budget)` trains the setting
   * for a fraction of its updates and returns the validation accuracy (for rules that train).
   */
  pick(curve: FinderCurve, setting: Setting, evaluate: (lr: number, budget: number) => Promise<number>): Promise<number | null>;
}

/** findLr on a recorded curve: the sweep's lrs are deterministic, the losses are replayed. */
export async function replay(curve: FinderCurve, setting: Setting, options: Partial<FindLrOptions> = {}) {
  // The optimizer only carries the lr and, for Adam-type settings, betas (what findLr reads the family from).
  const optimizer = setting.optimizer === 'momentum' ? createOptimizer({ lr: 1e-7, momentum: 0.9 }) : createOptimizer({ lr: 1e-7, betas: [0.9, 0.999] });
  return findLr({ ...options, optimizer, trainStep: ({ iteration }) => curve.losses[iteration] ?? NaN });
}

const reference = (name: SuggestionName): StudyRule => ({
  name,
  reference: true,
  description: `${name} as its reference library: debiased EMA 0.98, stop at 4x the best smoothed loss`,
  async pick(curve, setting) {
    return (await replay(curve, setting, { suggest: name, stopAtStartLoss: false })).suggestedLr;
  },
});

export const REFERENCE_RULES: StudyRule[] = (['valley', 'slide', 'minimum', 'steep', 'steepestGradient', 'lightningGradient'] as const).map(reference);

export { CANDIDATE_RULES } from './candidates.js';
