import { at, OptionError } from '../errors.js';
import { warmup } from '../combinators/warmup.js';
import { choice, defineDefinition, instantiate, num } from '../schedules/define.js';
import { multiStep } from '../schedules/multiStep.js';
import type { Schedule } from '../schedules/Schedule.js';
import { numberInRange, plainObject, knownKeys } from '../validate.js';

export interface ScaledLrOptions {
  /** Lr tuned for `refBatchSize`. */
  baseLr: number;
  /** The batch size you train with. */
  batchSize: number;
  /** The batch size `baseLr` was tuned for. Default 256 (Goyal et al.). */
  refBatchSize?: number;
}

/**
 * Goyal et al. (2017) linear scaling rule: multiply the lr by k when the minibatch is k times larger.
 *
 * @example
 * scaledLr({ baseLr: 0.1, batchSize: 8192 }); // 3.2
 */
export function scaledLr(options: ScaledLrOptions): number {
  const o = plainObject('scaledLr.options', options);
  knownKeys('scaledLr', o, ['baseLr', 'batchSize', 'refBatchSize']);
  const baseLr = numberInRange('scaledLr.baseLr', o.baseLr, { min: 0 });
  const batchSize = numberInRange('scaledLr.batchSize', o.batchSize, { min: 0, minExclusive: true });
  const ref = numberInRange('scaledLr.refBatchSize', o.refBatchSize ?? 256, { min: 0, minExclusive: true });
  return (baseLr * batchSize) / ref;
}

export const goyalDefinition = defineDefinition({
  type: 'goyal',
  doc: 'Goyal et al. (2017): linear scaling rule + gradual warmup from baseLr to the scaled lr, then step decay at milestones (global steps).',
  example: { baseLr: 0.1, batchSize: 8192, warmupSteps: 25, milestones: [150, 300, 400] },
  options: {
    baseLr: num('Lr tuned for refBatchSize (also the warmup start).', { min: 0 }),
    batchSize: num('Batch size you train with.', { min: 0, minExclusive: true }),
    refBatchSize: num('Batch size baseLr was tuned for.', { min: 0, minExclusive: true, default: 256 }),
    warmupSteps: num('Length of the gradual warmup (5 epochs in the paper).', { min: 0, default: 0 }),
    warmupMode: choice("'linear' (gradual warmup) or 'constant' (the paper's constant warmup at baseLr).", ['linear', 'constant'], 'linear'),
    milestones: { type: { kind: 'numberList', order: 'nonDecreasing', min: 0 }, doc: 'Global steps of the x gamma decays (epochs 30, 60, 80 in the paper).', default: [] },
    gamma: num('Factor per milestone.', { min: 0, minExclusive: true, default: 0.1 }),
  },
  check: (o, scope) => {
    const first = o.milestones[0];
    if (first !== undefined && first < o.warmupSteps) throw new OptionError(at(scope, 'milestones'), o.milestones, `milestones after the warmup (${String(o.warmupSteps)} steps)`);
  },
  build: (o) => {
    const peak = scaledLr({ baseLr: o.baseLr, batchSize: o.batchSize, refBatchSize: o.refBatchSize });
    const decay = multiStep({ from: peak, milestones: o.milestones, gamma: o.gamma });
    return warmup(decay, { steps: o.warmupSteps, from: o.baseLr, to: peak, prefix: false, mode: o.warmupMode as 'linear' | 'constant' });
  },
});

/**
 * The full Goyal et al. recipe: scaled lr, gradual warmup, step decay.
 *
 * @example
 * // ResNet-50, batch 8192, 5 warmup epochs of 156 steps, decay at epochs 30/60/80
 * const s = goyal({ baseLr: 0.1, batchSize: 8192, warmupSteps: 780, milestones: [4680, 9360, 12480] });
 */
export function goyal(options: {
  baseLr: number;
  batchSize: number;
  refBatchSize?: number;
  warmupSteps?: number;
  warmupMode?: 'linear' | 'constant';
  milestones?: number[];
  gamma?: number;
}): Schedule {
  return instantiate(goyalDefinition, options);
}
