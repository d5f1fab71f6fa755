import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { createOptimizer } from '../optim/createOptimizer.js';
import { OneCycleLR } from '../torch/OneCycleLR.js';
import { findLr } from './findLr.js';
import { oneCycleFromFinder } from './oneCycleFromFinder.js';

async function finderResult() {
  // A loss that falls until lr ~ 1e-2 and explodes after: the suggestions land below 1e-1.
  return findLr({
    optimizer: createOptimizer({ lr: 0.1 }),
    numIter: 100,
    trainStep: ({ lr }) => 2 - 1.5 / (1 + Math.exp(-(Math.log10(lr) + 4) * 3)) + Math.exp((Math.log10(lr) + 1.5) * 2.5),
  });
}

describe('oneCycleFromFinder', () => {
  it('peaks at the suggested lr, equal to a OneCycleLR built by hand', async () => {
    const result = await finderResult();
    expect(result.suggestedLr).not.toBeNull();
    const a = createOptimizer({ lr: 0.1, momentum: 0.9 });
    const b = createOptimizer({ lr: 0.1, momentum: 0.9 });
    const fromFinder = oneCycleFromFinder(result, { optimizer: a, totalSteps: 50, pctStart: 0.2 });
    const byHand = new OneCycleLR(b, { maxLr: result.suggestedLr as number, totalSteps: 50, pctStart: 0.2 });
    const lrs: number[] = [];
    for (let i = 0; i < 50; i++) {
      expect(a.paramGroups).toEqual(b.paramGroups);
      lrs.push(a.paramGroups[0]?.lr as number);
      a.step();
      b.step();
      fromFinder.step();
      byHand.step();
    }
    expect(Math.max(...lrs)).toBeCloseTo(result.suggestedLr as number, 15);
  });

  it('can use another rule and scale it', async () => {
    const result = await finderResult();
    const steep = result.suggestions.find((s) => s.name === 'steep')?.lr as number;
    const opt = createOptimizer({ lr: 0.1 });
    oneCycleFromFinder(result, { optimizer: opt, totalSteps: 10, suggestion: 'steep', scale: 0.5, cycleMomentum: false });
    expect(opt.paramGroups[0]?.maxLr).toBe(steep * 0.5);
  });

  it('rejects results without a suggestion and bad options', async () => {
    const result = await finderResult();
    const opt = createOptimizer({ lr: 0.1 });
    const none = { ...result, suggestions: result.suggestions.map((s) => ({ ...s, lr: null, reason: 'needs at least 2 points after trimming, has 0' })) };
    expect(() => oneCycleFromFinder(none, { optimizer: opt, totalSteps: 10 })).toThrow(/oneCycleFromFinder.result.suggestions.centredMinimum: expected a suggested lr \(needs at least 2/);
    expect(() => oneCycleFromFinder(result, { optimizer: opt, totalSteps: 10, scale: 0 })).toThrow(OptionError);
    expect(() => oneCycleFromFinder(result, { optimizer: opt, totalSteps: 10, suggestion: 'x' as never })).toThrow(/oneCycleFromFinder.suggestion/);
    expect(() => oneCycleFromFinder(result, { optimizer: opt, totalSteps: 10, maxLr: 1 } as never)).toThrow(/oneCycleFromFinder.maxLr/);
    expect(() => oneCycleFromFinder(result, { optimizer: opt })).toThrow(/OneCycleLR.totalSteps/);
    expect(() => oneCycleFromFinder({} as never, { optimizer: opt, totalSteps: 10 })).toThrow(/oneCycleFromFinder.result/);
  });
});
