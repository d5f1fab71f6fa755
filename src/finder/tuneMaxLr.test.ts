import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { candidatesAround, tuneMaxLr } from './tuneMaxLr.js';

describe('candidatesAround', () => {
  it('centres the candidates on the lr in log scale', () => {
    expect(candidatesAround(0.1)).toEqual([0.05, 0.1, 0.2]);
    const four = candidatesAround(1, { count: 4, factor: 4 });
    expect(four[0]).toBeCloseTo(1 / 8, 15);
    expect(four[3]).toBeCloseTo(8, 15);
    expect(() => candidatesAround(0)).toThrow(OptionError);
    expect(() => candidatesAround(1, { count: 1 })).toThrow(/candidatesAround.count/);
    expect(() => candidatesAround(1, { factor: 1 })).toThrow(/candidatesAround.factor/);
  });
});

describe('tuneMaxLr', () => {
  it('halves the field each round with doubling budgets and returns the best candidate', async () => {
    const calls: Array<[number, number]> = [];
    // A score peaking at lr 0.2 (in log scale); more budget only adds a constant.
    const result = await tuneMaxLr({
      candidates: [0.8, 0.05, 0.2, 0.1],
      evaluate: (lr, budget) => {
        calls.push([lr, budget]);
        return budget - Math.abs(Math.log2(lr / 0.2));
      },
    });
    expect(result.bestLr).toBe(0.2);
    expect(calls).toEqual([[0.05, 0.25], [0.1, 0.25], [0.2, 0.25], [0.8, 0.25], [0.1, 0.5], [0.2, 0.5]]);
    expect(result.rounds.map((r) => r.budget)).toEqual([0.25, 0.5]);
    expect(result.totalBudget).toBe(2);
  });

  it('three candidates: two rounds (1/4 then 1/2); ties keep the smaller lr', async () => {
    const result = await tuneMaxLr({ candidates: [0.1, 0.2, 0.4], evaluate: async () => 1 });
    expect(result.rounds.map((r) => r.scores.length)).toEqual([3, 2]);
    expect(result.totalBudget).toBe(1.75);
    expect(result.bestLr).toBe(0.1);
  });

  it('rejects bad input with OptionError', async () => {
    const evaluate = () => 1;
    await expect(tuneMaxLr({ candidates: [0.1], evaluate })).rejects.toThrow(/tuneMaxLr.candidates: expected an array of at least 2/);
    await expect(tuneMaxLr({ candidates: [0.1, -1], evaluate })).rejects.toThrow(/tuneMaxLr.candidates\[1\]/);
    await expect(tuneMaxLr({ candidates: [0.1, 0.1], evaluate })).rejects.toThrow(/distinct/);
    await expect(tuneMaxLr({ candidates: [0.1, 0.2], evaluate: 1 as never })).rejects.toThrow(/tuneMaxLr.evaluate/);
    await expect(tuneMaxLr({ candidates: [0.1, 0.2], evaluate: () => NaN })).rejects.toThrow(/a numeric score \(lr 0.1, budget 0.5\)/);
    await expect(tuneMaxLr({ candidates: [0.1, 0.2], evaluate, extra: 1 } as never)).rejects.toThrow(/tuneMaxLr.extra/);
  });
});
