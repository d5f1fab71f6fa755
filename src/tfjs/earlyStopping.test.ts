import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWasm } from '../../test/tfjs/backend.js';
import { makeData, makeModel, weightsOf } from '../../test/tfjs/models.js';
import { LambdaLR } from '../torch/LambdaLR.js';
import { earlyStopping } from './earlyStopping.js';
import { schedulerCallback } from './schedulerCallback.js';
import { tfjsOptimizer } from './tfjsOptimizer.js';

beforeAll(async () => {
  await useWasm();
});

/**
 * Trains with a schedule that turns the lr absurdly high from epoch 3 on, so val_loss gets worse after a
 * best epoch. Returns the weights after every epoch and the early-stopping callback.
 */
async function divergingRun(restoreBestWeights: boolean, patience = 2): Promise<{ snaps: number[][][]; final: number[][]; valLoss: number[]; stopper: ReturnType<typeof earlyStopping> }> {
  const { xs, ys } = makeData(64);
  const opt = tf.train.sgd(0.05);
  const model = makeModel(opt);
  const view = tfjsOptimizer(opt);
  const scheduler = new LambdaLR(view, { lrLambda: (epoch: number) => (epoch < 3 ? 1 : 60) });
  const stopper = earlyStopping({ monitor: 'val_loss', patience, restoreBestWeights });
  const snaps: number[][][] = [];
  const snapshot = new tf.CustomCallback({ onEpochEnd: async () => void snaps.push(weightsOf(model)) });
  const history = await model.fit(xs, ys, {
    epochs: 20,
    batchSize: 16,
    shuffle: false,
    verbose: 0,
    validationSplit: 0.25,
    callbacks: [schedulerCallback(scheduler), snapshot, stopper],
  });
  const final = weightsOf(model);
  view.detach();
  model.dispose();
  opt.dispose();
  tf.dispose([xs, ys]);
  return { snaps, final, valLoss: history.history.val_loss as number[], stopper };
}

describe('earlyStopping', () => {
  it("tfjs's own EarlyStopping cannot restore best weights (the gap this fills)", () => {
    expect(() => tf.callbacks.earlyStopping({ restoreBestWeights: true })).toThrow(/not implemented/);
  });

  it('stops after `patience` epochs without improvement and restores the best epoch exactly', async () => {
    const { snaps, final, valLoss, stopper } = await divergingRun(true);
    const best = valLoss.indexOf(Math.min(...valLoss));
    expect(stopper.bestEpoch).toBe(best);
    expect(stopper.stoppedEpoch).toBe(best + 2);
    expect(valLoss).toHaveLength(best + 3);
    expect(stopper.restored).toBe(true);
    expect(final).toEqual(snaps[best]);
    expect(final).not.toEqual(snaps.at(-1));
  });

  it('without restoreBestWeights keeps the last weights', async () => {
    const { snaps, final, stopper } = await divergingRun(false, 1);
    expect(stopper.restored).toBe(false);
    expect(stopper.stoppedEpoch).toBe(stopper.bestEpoch + 1);
    expect(final).toEqual(snaps.at(-1));
  });

  it('leaks no tensors across a run with snapshots', async () => {
    await divergingRun(true); // warm up lazily created kernels/variables
    const before = tf.memory().numTensors;
    await divergingRun(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names a missing monitor key and validates options', async () => {
    const { xs, ys } = makeData(16);
    const model = makeModel(tf.train.sgd(0.01));
    await expect(model.fit(xs, ys, { epochs: 2, verbose: 0, callbacks: [earlyStopping()] })).rejects.toThrow(
      'earlyStopping.monitor: expected a key of the epoch logs (available: loss; val_* keys need validationData or validationSplit in fit()), got "val_loss"',
    );
    expect(() => earlyStopping({ patience: -1 })).toThrow(/earlyStopping\.patience/);
    expect(() => earlyStopping({ mode: 'up' as 'min' })).toThrow(/earlyStopping\.mode/);
    expect(() => earlyStopping({ restoreBest: true } as never)).toThrow(/restoreBest/);
    expect(earlyStopping({ monitor: 'val_acc' }).mode).toBe('max');
    tf.dispose([xs, ys]);
    model.dispose();
  });
});
