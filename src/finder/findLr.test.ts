import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { createOptimizer } from '../optim/createOptimizer.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { findLr, type FindLrOptions } from './findLr.js';
import { createSmoother } from './smoothing.js';
import { sweepLr } from './sweep.js';

/** A tiny real model: linear regression trained by SGD with momentum, lr read from the optimizer's group. */
function regression(optimizer: Optimizer) {
  const xs = Array.from({ length: 64 }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) / 7]);
  const ys = xs.map(([a, b, c]) => 2 * (a as number) - (b as number) + 0.5 * (c as number) + 0.3);
  const state = { w: [0.1, -0.2, 0.05], b: 0, velocity: [0, 0, 0, 0], cursor: 0 };
  const step = (): number => {
    const lr = optimizer.paramGroups[0]?.lr as number;
    const grad = [0, 0, 0, 0];
    let loss = 0;
    for (let k = 0; k < 8; k++) {
      const i = (state.cursor + k) % xs.length;
      const x = xs[i] as number[];
      const err = state.w.reduce((s, w, j) => s + w * (x[j] as number), state.b) - (ys[i] as number);
      loss += (err * err) / 8;
      x.forEach((v, j) => (grad[j] = (grad[j] as number) + (2 * err * v) / 8));
      grad[3] = (grad[3] as number) + (2 * err) / 8;
    }
    state.cursor = (state.cursor + 8) % xs.length;
    state.velocity = state.velocity.map((v, j) => 0.9 * v + (grad[j] as number));
    state.w = state.w.map((w, j) => w - lr * (state.velocity[j] as number));
    state.b -= lr * (state.velocity[3] as number);
    return loss;
  };
  const checkpoint = {
    save: () => structuredClone(state),
    restore: (saved: typeof state) => Object.assign(state, structuredClone(saved)),
  };
  return { state, step, checkpoint };
}

describe('sweepLr', () => {
  it('exp: geometric from startLr to endLr, both exact', () => {
    const s = { startLr: 1e-6, endLr: 1, numIter: 7, mode: 'exp' as const };
    const lrs = Array.from({ length: 7 }, (_, i) => sweepLr(i, s));
    expect(lrs[0]).toBe(1e-6);
    expect(lrs[6]).toBe(1);
    lrs.slice(1).forEach((lr, i) => expect(lr / (lrs[i] as number)).toBeCloseTo(10, 10));
  });
  it('linear: evenly spaced', () => {
    const s = { startLr: 0.1, endLr: 0.5, numIter: 5, mode: 'linear' as const };
    expect(Array.from({ length: 5 }, (_, i) => sweepLr(i, s))).toEqual([0.1, 0.2, 0.30000000000000004, 0.4, 0.5]);
  });
});

describe('smoothing', () => {
  it('debiased: EMA from 0 divided by 1 - beta^t', () => {
    const s = createSmoother('debiased', 0.5);
    // avg: 0.5, 1.25, 2.125; divided by 0.5, 0.75, 0.875
    expect([1, 2, 3].map((l) => s.update(l))).toEqual([1, 1.25 / 0.75, 2.125 / 0.875]);
  });
  it("ema: pytorch-lr-finder's, first loss as is", () => {
    const s = createSmoother('ema', 0.5);
    expect([1, 2, 3].map((l) => s.update(l))).toEqual([1, 1.5, 2.25]);
  });
  it('beta 0 is no smoothing', () => {
    const a = createSmoother('debiased', 0);
    const b = createSmoother('ema', 0);
    expect([4, 1, 9].map((l) => [a.update(l), b.update(l)])).toEqual([[4, 4], [1, 1], [9, 9]]);
  });
});

describe('findLr', () => {
  const scripted = (losses: number[]) => {
    let i = 0;
    return () => losses[i++] as number;
  };

  it('records lr, raw and smoothed loss for every iteration and runs the planned sweep', async () => {
    const optimizer = createOptimizer({ lr: 0.5 });
    const seen: number[] = [];
    const result = await findLr({
      optimizer,
      startLr: 1e-4,
      endLr: 1,
      numIter: 5,
      beta: 0.5,
      trainStep: ({ lr, iteration }) => {
        expect(optimizer.paramGroups[0]?.lr).toBe(lr); // written before the step
        seen.push(iteration);
        return 1 / (iteration + 1);
      },
    });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(result.stopReason).toBe('completed');
    expect(result.lrs).toEqual([0, 1, 2, 3, 4].map((i) => sweepLr(i, { startLr: 1e-4, endLr: 1, numIter: 5, mode: 'exp' })));
    expect(result.losses).toEqual([1, 1 / 2, 1 / 3, 1 / 4, 1 / 5]);
    const s = createSmoother('debiased', 0.5);
    expect(result.smoothedLosses).toEqual(result.losses.map((l) => s.update(l)));
    expect(result.bestLoss).toBe(Math.min(...result.smoothedLosses));
    expect(result.settings).toEqual({ startLr: 1e-4, endLr: 1, numIter: 5, mode: 'exp', smoothing: 'debiased', beta: 0.5, divergeThreshold: 4, stopOnDivergence: true, stopAtStartLoss: true });
    expect(optimizer.paramGroups[0]?.lr).toBe(0.5);
  });

  it('stops when the smoothed loss exceeds divergeThreshold x best, keeping the diverging point', async () => {
    const result = await findLr({ optimizer: createOptimizer({ lr: 1 }), beta: 0, numIter: 10, stopAtStartLoss: false, trainStep: scripted([1, 0.5, 0.6, 1.9, 2.1, 3]) });
    // best 0.5; 1.9 <= 2.0 continues; 2.1 > 2.0 stops.
    expect(result.stopReason).toBe('diverged');
    expect(result.losses).toEqual([1, 0.5, 0.6, 1.9, 2.1]);
    expect(result.bestIndex).toBe(1);
    const custom = await findLr({ optimizer: createOptimizer({ lr: 1 }), beta: 0, numIter: 10, divergeThreshold: 3, stopAtStartLoss: false, trainStep: scripted([1, 0.5, 0.6, 1.9, 2.1, 3]) });
    expect(custom.losses).toEqual([1, 0.5, 0.6, 1.9]);
    const off = await findLr({ optimizer: createOptimizer({ lr: 1 }), beta: 0, numIter: 6, stopOnDivergence: false, trainStep: scripted([1, 0.5, 0.6, 1.9, 2.1, 3]) });
    expect(off.stopReason).toBe('completed');
    expect(off.losses).toHaveLength(6);
  });

  it('stops on NaN or Infinity even without divergence checking', async () => {
    for (const bad of [NaN, Infinity]) {
      const result = await findLr({ optimizer: createOptimizer({ lr: 1 }), numIter: 10, stopOnDivergence: false, trainStep: scripted([1, 0.9, bad, 0.5]) });
      expect(result.stopReason).toBe('nonFinite');
      expect(result.losses).toHaveLength(3);
      expect(result.losses[2]).toBe(bad);
    }
  });

  it("'ema' smoothing and linear mode", async () => {
    const result = await findLr({ optimizer: createOptimizer({ lr: 1 }), numIter: 4, mode: 'linear', smoothing: 'ema', startLr: 0.1, endLr: 0.4, trainStep: scripted([2, 1, 1, 1]) });
    expect(result.settings.beta).toBe(0.95);
    expect(result.lrs).toEqual([0.1, 0.2, 0.30000000000000004, 0.4]);
    expect(result.smoothedLosses[0]).toBe(2);
    expect(result.smoothedLosses[1]).toBeCloseTo(0.05 * 1 + 0.95 * 2, 12);
  });

  it('awaits async train steps and reports progress', async () => {
    const records: number[] = [];
    const result = await findLr({
      optimizer: createOptimizer({ lr: 1 }),
      numIter: 3,
      trainStep: async ({ iteration }) => {
        await new Promise((r) => setTimeout(r, 1));
        return 3 - iteration;
      },
      onIteration: (r) => records.push(r.loss),
    });
    expect(records).toEqual([3, 2, 1]);
    expect(result.losses).toEqual([3, 2, 1]);
  });

  it('restores param groups (every key) and the optimizer step count, and the checkpoint', async () => {
    const optimizer = createOptimizer({ lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01, initialLr: 0.02 }] });
    const before = optimizer.stateDict();
    let weights = 1;
    const result = await findLr({
      optimizer,
      numIter: 20,
      checkpoint: { save: () => weights, restore: (w) => (weights = w) },
      trainStep: ({ lr }) => {
        optimizer.step();
        optimizer.paramGroups[1]!.momentum = 0.5; // the step changes other keys too
        weights += lr;
        return 1;
      },
    });
    expect(result.lrs).toHaveLength(20);
    expect(optimizer.stateDict()).toEqual(before);
    expect(weights).toBe(1);
  });

  it('restores a bare optimizer object (no stateDict) key by key', async () => {
    const optimizer: Optimizer = { paramGroups: [{ lr: 0.3, betas: [0.9, 0.99] }] };
    await findLr({
      optimizer,
      numIter: 3,
      trainStep: () => {
        (optimizer.paramGroups[0]!.betas as number[])[0] = 0.1;
        optimizer.paramGroups[0]!.extra = true;
        return 1;
      },
    });
    expect(optimizer.paramGroups).toEqual([{ lr: 0.3, betas: [0.9, 0.99] }]);
  });

  it('restores even when a train step throws, and rethrows', async () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    let weights = 5;
    await expect(
      findLr({
        optimizer,
        checkpoint: { save: () => weights, restore: (w) => (weights = w) },
        trainStep: ({ iteration }) => {
          weights = 99;
          if (iteration === 3) throw new Error('boom');
          return 1;
        },
      }),
    ).rejects.toThrow('boom');
    expect(weights).toBe(5);
    expect(optimizer.paramGroups[0]?.lr).toBe(0.1);
  });

  it('training after the finder equals training without it', async () => {
    const plain = createOptimizer({ lr: 0.05 });
    const reference = regression(plain);
    const referenceLosses = Array.from({ length: 30 }, () => reference.step());

    const optimizer = createOptimizer({ lr: 0.05 });
    const model = regression(optimizer);
    const result = await findLr({ optimizer, trainStep: model.step, checkpoint: model.checkpoint, startLr: 1e-5, endLr: 10, numIter: 50 });
    expect(result.lrs.length).toBeGreaterThan(10); // the sweep really trained (and diverged at the end)
    const after = Array.from({ length: 30 }, () => model.step());
    expect(after).toEqual(referenceLosses);
    expect(model.state).toEqual(reference.state);
  });

  it('suggests an lr on a real training curve and marks the chosen rule', async () => {
    const optimizer = createOptimizer({ lr: 0.05 });
    const model = regression(optimizer);
    const result = await findLr({ optimizer, trainStep: model.step, checkpoint: model.checkpoint, startLr: 1e-5, endLr: 10, numIter: 100, suggest: 'minimum' });
    expect(result.suggestion).toBe('minimum');
    expect(result.suggestions.map((s) => s.name)).toEqual(['valley', 'slide', 'minimum', 'steep', 'steepestGradient', 'lightningGradient', 'centredMinimum']);
    expect(result.suggestions.find((s) => s.chosen)?.name).toBe('minimum');
    expect(result.suggestedLr).toBe(result.suggestions[2]?.lr);
    // the minimum rule: a tenth of the lr at the lowest smoothed loss within the trimmed curve
    expect(result.suggestedLr).toBeGreaterThan(1e-5);
    expect(result.suggestedLr).toBeLessThan(1);
  });

  it('validates every option with an OptionError naming it', async () => {
    const base: FindLrOptions = { optimizer: createOptimizer({ lr: 1 }), trainStep: () => 1 };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ trainStep: 3 }, /findLr.trainStep: expected a function/],
      [{ optimizer: {} }, /findLr.optimizer: expected an optimizer/],
      [{ optimizer: { paramGroups: [{ lr: '1' }] } }, /findLr.optimizer.paramGroups\[0\].lr/],
      [{ startLr: 0 }, /findLr.startLr: expected a number in \(0, inf\), got 0/],
      [{ endLr: NaN }, /findLr.endLr/],
      [{ startLr: 1, endLr: 0.5 }, /findLr.endLr: expected a number greater than startLr \(1\), got 0.5/],
      [{ numIter: 1 }, /findLr.numIter: expected an integer >= 2, got 1/],
      [{ numIter: 2.5 }, /findLr.numIter/],
      [{ mode: 'log' }, /findLr.mode: expected one of "exp", "linear", got "log"/],
      [{ smoothing: 'none' }, /findLr.smoothing/],
      [{ beta: 1 }, /findLr.beta: expected a number in \[0, 1\)/],
      [{ divergeThreshold: 1 }, /findLr.divergeThreshold: expected a number in \(1, inf\)/],
      [{ stopOnDivergence: 'yes' }, /findLr.stopOnDivergence: expected true or false/],
      [{ checkpoint: { save: () => 1 } }, /findLr.checkpoint.restore: expected a function/],
      [{ suggest: 'best' }, /findLr.suggest: expected one of "valley"/],
      [{ suggestOptions: { fastai: { skipEnd: -2 } } }, /findLr.fastai.skipEnd/],
      [{ suggestOptions: { suggest: 'valley' } }, /findLr.suggestOptions: expected no suggest or numIter key/],
      [{ onIteration: 1 }, /findLr.onIteration: expected a function/],
      [{ numIterations: 5 }, /findLr.numIterations: expected no such option/],
    ];
    for (const [patch, message] of cases) {
      const error = await findLr({ ...base, ...patch } as FindLrOptions).catch((e: unknown) => e);
      expect(error, JSON.stringify(Object.keys(patch))).toBeInstanceOf(OptionError);
      expect((error as Error).message).toMatch(message);
    }
    const notNumber = await findLr({ ...base, trainStep: () => '1' as unknown as number }).catch((e: unknown) => e);
    expect((notNumber as Error).message).toMatch(/findLr.trainStep: expected the loss as a number from trainStep \(iteration 0\), got "1"/);
  });
});
