import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWasm } from '../../../test/tfjs/backend.js';
import { makeData, makeModel, weightsOf } from '../../../test/tfjs/models.js';
import { OptionError } from '../../errors.js';
import { tfjsOptimizer } from '../../tfjs/tfjsOptimizer.js';
import { sweepLr } from '../sweep.js';
import { findLrTfjs } from './findLrTfjs.js';
import { optimizerFamily } from '../findLr.js';

beforeAll(useWasm);

const optimizers: Record<string, () => tf.Optimizer> = {
  sgd: () => tf.train.sgd(0.05),
  momentum: () => tf.train.momentum(0.05, 0.9),
  adam: () => tf.train.adam(0.01),
};

async function trainSteps(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor, steps: number): Promise<number[]> {
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const start = (i * 16) % 64;
    const bx = xs.slice(start, 16);
    const by = ys.slice(start, 16);
    losses.push((await model.trainOnBatch(bx, by)) as number);
    tf.dispose([bx, by]);
  }
  return losses;
}

describe('findLrTfjs', () => {
  for (const [name, make] of Object.entries(optimizers)) {
    it(`${name}: restores weights, optimizer state and lr exactly, and frees every tensor it made`, async () => {
      const { xs, ys } = makeData(64);
      // Train a little first, so the optimizer has live slot variables to restore.
      const reference = makeModel(make());
      const model = makeModel(make());
      await trainSteps(reference, xs, ys, 3);
      await trainSteps(model, xs, ys, 3);
      const lrBefore = (model.optimizer as unknown as { learningRate: number }).learningRate;

      const tensorsBefore = tf.memory().numTensors;
      const result = await findLrTfjs(model, { xs, ys }, { batchSize: 16, startLr: 1e-5, endLr: 10, numIter: 40 });
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      expect(result.lrs.length).toBeGreaterThan(10);
      expect(result.suggestions).toHaveLength(7);
      expect((model.optimizer as unknown as { learningRate: number }).learningRate).toBe(lrBefore);
      expect(weightsOf(model)).toEqual(weightsOf(reference));

      // Training after the finder equals training without it.
      const after = await trainSteps(model, xs, ys, 5);
      const without = await trainSteps(reference, xs, ys, 5);
      expect(after).toEqual(without);
      expect(weightsOf(model)).toEqual(weightsOf(reference));
      tf.dispose([xs, ys]);
      model.dispose();
      reference.dispose();
    });
  }

  it('trains each iteration at the swept lr (same losses as a hand-written loop)', async () => {
    const { xs, ys } = makeData(64);
    const model = makeModel(tf.train.sgd(0.1));
    const result = await findLrTfjs(model, { xs, ys }, { batchSize: 16, shuffle: false, startLr: 1e-3, endLr: 1, numIter: 12, stopOnDivergence: false });
    const manual = makeModel(tf.train.sgd(0.1));
    const sgd = manual.optimizer as tf.SGDOptimizer;
    const losses: number[] = [];
    for (let i = 0; i < 12; i++) {
      sgd.setLearningRate(sweepLr(i, { startLr: 1e-3, endLr: 1, numIter: 12, mode: 'exp' }));
      const bx = xs.slice((i * 16) % 64, 16);
      const by = ys.slice((i * 16) % 64, 16);
      losses.push((await manual.trainOnBatch(bx, by)) as number);
      tf.dispose([bx, by]);
    }
    expect(result.losses).toEqual(losses);
    tf.dispose([xs, ys]);
    model.dispose();
    manual.dispose();
  });

  it('accepts a batched tf.data.Dataset, restarting it when it runs out', async () => {
    const { xs, ys } = makeData(48);
    const model = makeModel(tf.train.adam(0.01));
    const before = weightsOf(model);
    const dataset = tf.data.zip({ xs: tf.data.array(tf.unstack(xs)), ys: tf.data.array(tf.unstack(ys)) }).batch(16);
    const tensorsBefore = tf.memory().numTensors;
    const seen: number[] = [];
    const result = await findLrTfjs(model, dataset as never, { numIter: 10, stopOnDivergence: false, onIteration: (r) => seen.push(r.iteration) });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(result.losses).toHaveLength(10); // 3 batches per pass: the dataset was restarted 3 times
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(weightsOf(model)).toEqual(before);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('works with a view the caller already made, and leaves it attached', async () => {
    const { xs, ys } = makeData(32);
    const model = makeModel(tf.train.momentum(0.02, 0.9));
    const view = tfjsOptimizer(model.optimizer);
    await findLrTfjs(model, { xs, ys }, { optimizer: view, numIter: 8 });
    expect(view.paramGroups[0]?.lr).toBe(0.02);
    expect(() => tfjsOptimizer(model.optimizer)).toThrow(/already driven/);
    view.detach();
    // the finder's own view is detached afterwards: wrapping again works
    await findLrTfjs(model, { xs, ys }, { numIter: 8 });
    expect(() => tfjsOptimizer(model.optimizer).detach()).not.toThrow();
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('the default rule reads the optimizer family from the tfjs optimizer', () => {
    const cases: Array<[tf.Optimizer, string]> = [
      [tf.train.sgd(0.1), 'sgd'],
      [tf.train.momentum(0.1, 0.9), 'sgd'],
      [tf.train.adam(0.01), 'adaptive'],
      [tf.train.rmsprop(0.01), 'adaptive'],
      [tf.train.adagrad(0.01), 'adaptive'],
    ];
    for (const [optimizer, family] of cases) {
      const view = tfjsOptimizer(optimizer);
      expect(optimizerFamily(view), optimizer.getClassName()).toBe(family);
      view.detach();
      optimizer.dispose();
    }
  });

  it('validates its inputs', async () => {
    const { xs, ys } = makeData(16);
    const model = makeModel('sgd');
    const uncompiled = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 1 })] });
    const cases: Array<[Promise<unknown>, RegExp]> = [
      [findLrTfjs({} as never, { xs, ys }), /findLrTfjs.model: expected a tf.LayersModel/],
      [findLrTfjs(uncompiled, { xs, ys }), /findLrTfjs.model: expected a compiled model/],
      [findLrTfjs(model, { xs, ys }, { batchSize: 0 }), /findLrTfjs.batchSize: expected a positive integer, got 0/],
      [findLrTfjs(model, { xs, ys }, { trainStep: () => 1 } as never), /findLrTfjs.trainStep: expected nothing/],
      [findLrTfjs(model, { xs, ys }, { numIter: 1 }), /findLr.numIter/],
      [findLrTfjs(model, { xs, ys }, { batchsize: 8 } as never), /findLrTfjs.batchsize: expected no such option/],
      [findLrTfjs(model, { xs, ys: ys.slice(0, 8) }), /findLrTfjs.data: expected the same number of samples \(16\)/],
      [findLrTfjs(model, { xs: [1, 2] as never, ys }), /findLrTfjs.data.xs: expected a tf.Tensor/],
      [findLrTfjs(model, { xs, ys }, { optimizer: tfjsOptimizer(tf.train.sgd(0.1)) }), /findLrTfjs.optimizer: expected the tfjsOptimizer view of model.optimizer/],
    ];
    for (const [promise, message] of cases) {
      const error = await promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OptionError);
      expect((error as Error).message).toMatch(message);
    }
    tf.dispose([xs, ys]);
    model.dispose();
    uncompiled.dispose();
  });
});
