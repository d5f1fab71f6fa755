import { OptionError } from '../errors.js';
import { knownKeys, numberInRange, plainObject } from '../validate.js';

/** Options of {@link tuneMaxLr}. */
export interface TuneMaxLrOptions {
  /** Peak learning rates to compare (2 or more, positive, distinct). See {@link candidatesAround}. */
  candidates: number[];
  /**
   * Trains a fresh model for `budget` (a fraction of the full run, in (0, 1]) with the candidate as its peak lr
   * and returns a score, higher is better (e.g. validation accuracy, or minus the validation loss).
   */
  evaluate: (lr: number, budget: number) => number | Promise<number>;
}

/** One round of successive halving. */
export interface TuneRound {
  budget: number;
  scores: Array<{ lr: number; score: number }>;
}

/** The outcome of {@link tuneMaxLr}. */
export interface TuneMaxLrResult {
  /** The surviving candidate. */
  bestLr: number;
  rounds: TuneRound[];
  /** Compute spent, in full runs (the sum of the budgets evaluated). */
  totalBudget: number;
}

/**
 * Candidate peaks around a finder suggestion: `count` values spaced by `factor`, centred on `lr` in log scale.
 *
 * @example
 * candidatesAround(0.1); // [0.05, 0.1, 0.2]
 */
export function candidatesAround(lr: number, { count = 3, factor = 2 }: { count?: number; factor?: number } = {}): number[] {
  numberInRange('candidatesAround.lr', lr, { min: 0, minExclusive: true });
  if (!Number.isInteger(count) || count < 2) throw new OptionError('candidatesAround.count', count, 'an integer >= 2');
  numberInRange('candidatesAround.factor', factor, { min: 1, minExclusive: true });
  return Array.from({ length: count }, (_, i) => lr * factor ** (i - (count - 1) / 2));
}

/**
 * Successive halving over peak learning rates: every candidate is trained with a small budget, the better
 * half (rounded up) goes on with twice the budget, until one is left. With n candidates there are
 * `ceil(log2 n)` rounds, the last at budget 1/2, so the whole search costs about `log2(n)` full runs
 * (3 candidates: 1.75, 4 candidates: 2). Ties keep the smaller lr.
 *
 * @example
 * const { bestLr } = await tuneMaxLr({
 *   candidates: candidatesAround(finder.suggestedLr),
 *   evaluate: (lr, budget) => trainOneCycle({ maxLr: lr, epochs: budget * epochs }).valAccuracy,
 * });
 */
export async function tuneMaxLr(options: TuneMaxLrOptions): Promise<TuneMaxLrResult> {
  const opts = plainObject('tuneMaxLr.options', options);
  knownKeys('tuneMaxLr', opts, ['candidates', 'evaluate']);
  const { candidates, evaluate } = opts as unknown as TuneMaxLrOptions;
  if (!Array.isArray(candidates) || candidates.length < 2) throw new OptionError('tuneMaxLr.candidates', candidates, 'an array of at least 2 learning rates');
  candidates.forEach((lr, i) => numberInRange(`tuneMaxLr.candidates[${i}]`, lr, { min: 0, minExclusive: true }));
  if (new Set(candidates).size !== candidates.length) throw new OptionError('tuneMaxLr.candidates', candidates, 'distinct learning rates');
  if (typeof evaluate !== 'function') throw new OptionError('tuneMaxLr.evaluate', evaluate, 'a function (lr, budget) returning a score');
  const rounds = Math.ceil(Math.log2(candidates.length));
  let alive = [...candidates].sort((a, b) => a - b);
  const history: TuneRound[] = [];
  let totalBudget = 0;
  for (let r = 0; r < rounds; r++) {
    const budget = 2 ** (r - rounds);
    const scores: Array<{ lr: number; score: number }> = [];
    for (const lr of alive) {
      const score: unknown = await evaluate(lr, budget);
      if (typeof score !== 'number' || Number.isNaN(score)) throw new OptionError('tuneMaxLr.evaluate', score, `a numeric score (lr ${lr}, budget ${budget})`);
      scores.push({ lr, score });
      totalBudget += budget;
    }
    history.push({ budget, scores });
    // Stable sort on the score: among equal scores the smaller lr (earlier) stays ahead.
    alive = [...scores].sort((a, b) => b.score - a.score).slice(0, Math.ceil(alive.length / 2)).map((s) => s.lr).sort((a, b) => a - b);
  }
  return { bestLr: alive[0] as number, rounds: history, totalBudget };
}
