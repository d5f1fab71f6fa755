/* global window */
// Bundled for the browser by test/e2e/tfjsInBrowser.test.ts with the built lrkit package (its `exports`, as an
// app would import it) and @tensorflow/tfjs. Trains in the page and publishes what it saw on window.lrkitResult.
import * as tf from '@tensorflow/tfjs';
import { StepLR } from 'lrkit';
import { schedulerCallback, tfjsOptimizer } from 'lrkit/tfjs';

async function customLoop() {
  // loss = sum(w * x): the gradient is exactly x, so every update is w -= lr * x and reveals the lr tfjs applied.
  const x = tf.tensor1d([1, 2, 4]);
  const w = tf.variable(tf.zeros([3]));
  const sgd = tf.train.momentum(0.1, 0); // Momentum caches -lr in a tensor: writing learningRate alone would not reach it
  const scheduler = new StepLR(tfjsOptimizer(sgd), { stepSize: 1, gamma: 0.5 });
  const applied = [];
  for (let i = 0; i < 4; i++) {
    const before = await w.array();
    sgd.minimize(() => tf.sum(tf.mul(w, x)));
    const after = await w.array();
    applied.push((before[2] - after[2]) / 4);
    scheduler.step();
  }
  return { applied, scheduled: scheduler.getLastLr() };
}

async function fitLoop() {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  const adam = tf.train.adam(0.01);
  model.compile({ optimizer: adam, loss: 'meanSquaredError' });
  const scheduler = new StepLR(tfjsOptimizer(adam), { stepSize: 2, gamma: 0.1 });
  const seen = [];
  const record = new tf.CustomCallback({ onBatchBegin: async () => void seen.push(adam.learningRate) });
  const xs = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0], [2, 1], [1, 2]]);
  const ys = tf.tensor2d([[1], [1], [2], [0], [3], [3]]);
  const history = await model.fit(xs, ys, { epochs: 2, batchSize: 2, shuffle: false, callbacks: [record, schedulerCallback(scheduler, { every: 'batch' })] });
  return { seen, losses: history.history.loss };
}

window.lrkitResult = (async () => {
  await tf.setBackend('cpu');
  return { backend: tf.getBackend(), custom: await customLoop(), fit: await fitLoop() };
})().catch((error) => ({ error: String(error?.stack ?? error) }));
