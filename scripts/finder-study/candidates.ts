/** lrkit's own rules, designed on the D settings only (scripts/finder-study/design.ts). */
import type { StudyRule } from './rules.js';
import { replay } from './rules.js';
import { candidatesAround, tuneMaxLr } from '../../src/finder/tuneMaxLr.js';

export const CANDIDATE_RULES: StudyRule[] = [
  {
    name: 'centredMinimum',
    description: "lrkit's default: findLr's defaults (stop at 4x best or back at the start loss), lr at the zero-phase smoothed minimum x the family factor",
    isDefault: true,
    async pick(curve, setting) {
      return (await replay(curve, setting)).suggestedLr;
    },
  },
  {
    name: 'centredMinimum x1.4',
    description: 'as centredMinimum, but one factor (1.4, the best single factor on the design settings) for every optimizer',
    async pick(curve, setting) {
      return (await replay(curve, setting, { suggestOptions: { centredMinimum: { factor: 1.4 } } })).suggestedLr;
    },
  },
  {
    name: 'steep + start-loss stop',
    description: "fastai steep on a sweep that also stops when the loss is back at the start loss (findLr's default stop)",
    async pick(curve, setting) {
      return (await replay(curve, setting, { suggest: 'steep' })).suggestedLr;
    },
  },
  {
    name: 'tuneMaxLr (3 around the default)',
    description:
      'successive halving over the default pick x 0.5, 1, 2: all three trained for 1/4 of the updates, the better two for 1/2, by validation accuracy (as the grid search selects); costs 1.75 extra runs',
    budget: 1.75,
    async pick(curve, setting, evaluate) {
      const centre = (await replay(curve, setting)).suggestedLr;
      if (centre === null) return null;
      return (await tuneMaxLr({ candidates: candidatesAround(centre), evaluate })).bestLr;
    },
  },
];
