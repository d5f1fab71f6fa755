import { bool, choice, defineDefinition, instantiate, num } from './define.js';
import { at, OptionError } from '../errors.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.oneCycle} (PyTorch OneCycleLR's lr options).
 *
 * @example
 * const options: OneCycleOptions = { maxLr: 0.1, totalSteps: 100, pctStart: 0.5 };
 * schedules.oneCycle(options)(50); // 0.1
 */
export interface OneCycleOptions {
  /** Peak value. */
  maxLr: number;
  /** Length of the cycle, a positive integer. */
  totalSteps: number;
  /** Fraction of the cycle spent increasing, in [0, 1]. Default 0.3. */
  pctStart?: number;
  /** Default 'cos'. */
  annealStrategy?: 'cos' | 'linear';
  /** Start value = maxLr / divFactor. Default 25. */
  divFactor?: number;
  /** End value = start / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
  /** The paper's three phases instead of fastai's two. Default false. */
  threePhase?: boolean;
}

export const oneCycleDefinition = defineDefinition({
  type: 'oneCycle',
  doc: 'The 1cycle policy (PyTorch OneCycleLR, lr only). Steps past totalSteps hold the value at totalSteps.',
  example: { maxLr: 0.1, totalSteps: 100 },
  options: {
    maxLr: num('Peak value.', { min: 0 }),
    totalSteps: { type: { kind: 'integer', min: 1 }, doc: 'Length of the cycle.' },
    pctStart: num('Fraction of the cycle spent increasing.', { min: 0, max: 1, default: 0.3 }),
    annealStrategy: choice('Annealing curve.', ['cos', 'linear'], 'cos'),
    divFactor: num('Start value = maxLr / divFactor.', { min: 0, minExclusive: true, default: 25 }),
    finalDivFactor: num('End value = start / finalDivFactor.', { min: 0, minExclusive: true, default: 1e4 }),
    threePhase: bool("Use the paper's three phases.", false),
  },
  check: (o, scope) => {
    const total = o.totalSteps;
    const pct = o.pctStart;
    const first = pct * total - 1;
    const second = o.threePhase ? 2 * pct * total - 2 : total - 1;
    if (first === 0 || second - first === 0 || (o.threePhase && total - 1 - second === 0)) {
      throw new OptionError(at(scope, 'pctStart'), pct, `a value that gives every phase a non-zero length with totalSteps ${total}`);
    }
  },
  build: (o) => {
    const maxLr = o.maxLr;
    const total = o.totalSteps;
    const pct = o.pctStart;
    const cos = o.annealStrategy === 'cos';
    const initial = maxLr / o.divFactor;
    const min = initial / o.finalDivFactor;
    const phases = o.threePhase
      ? [
          { end: pct * total - 1, a: initial, b: maxLr },
          { end: 2 * pct * total - 2, a: maxLr, b: initial },
          { end: total - 1, a: initial, b: min },
        ]
      : [
          { end: pct * total - 1, a: initial, b: maxLr },
          { end: total - 1, a: maxLr, b: min },
        ];
    const anneal = (start: number, end: number, p: number) =>
      cos ? end + ((start - end) / 2.0) * (Math.cos(Math.PI * p) + 1) : (end - start) * p + start;
    return (t) => {
      const stepNum = Math.min(Math.max(t, 0), total);
      let start = 0.0;
      for (let i = 0; i < phases.length; i++) {
        const phase = phases[i] as { end: number; a: number; b: number };
        if (stepNum <= phase.end || i === phases.length - 1) {
          return anneal(phase.a, phase.b, (stepNum - start) / (phase.end - start));
        }
        start = phase.end;
      }
      return min;
    };
  },
});

/**
 * One-cycle schedule, PyTorch's arithmetic (phase ends at `pctStart * totalSteps - 1`).
 *
 * @example
 * schedules.oneCycle({ maxLr: 0.1, totalSteps: 100 })(0); // 0.004
 */
export function oneCycle(options: OneCycleOptions): Schedule {
  return instantiate(oneCycleDefinition, options);
}
