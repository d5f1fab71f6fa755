/**
 * The demo's training loop: a small MLP on real MNIST digits with a tfjs momentum-SGD optimizer driven by an
 * lrkit scheduler through the `lrkit/tfjs` view. Deterministic for a fixed seed (seeded initializers, seeded
 * shuffles, single-threaded wasm backend).
 */
import * as tf from '@tensorflow/tfjs';
import type { Optimizer, Scheduler } from '../../src/index.js';
import type { MnistSplit } from '../../packages/cli/src/datasets/mnist.js';
import { mulberry32, shuffleInPlace } from '../../src/random.js';
import { tfjsOptimizer } from '../../src/tfjs/index.js';

export interface TrainSettings {
  epochs: number;
  batchSize: number;
  seed: number;
  hidden: number;
}

/** A schedule under test: the initial lr and how to build its scheduler (null: constant lr). */
export interface RunConfig {
  name: string;
  lr: number;
  scheduler: (optimizer: Optimizer, totalSteps: number) => Scheduler | null;
}

export interface RunResult {
  name: string;
  /** lr used by each update, and the training loss of that batch. */
  lrs: number[];
  losses: number[];
  valLoss: number;
  valAccuracy: number;
  seconds: number;
}

export interface Tensors {
  trainX: tf.Tensor2D;
  trainY: tf.Tensor2D;
  valX: tf.Tensor2D;
  valY: tf.Tensor2D;
  trainCount: number;
}

export function toTensors(train: MnistSplit, validation: MnistSplit): Tensors {
  return { trainX: train.xs, trainY: train.ys, valX: validation.xs, valY: validation.ys, trainCount: train.labels.length };
}

const PIXELS = 784;

/** The same architecture and (seeded) initial weights for every run, so runs differ only in their schedule. */
export function buildModel(settings: TrainSettings): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [PIXELS], units: settings.hidden, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: settings.seed }) }));
  model.add(tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: settings.seed + 1 }) }));
  return model;
}

export function lossOf(model: tf.Sequential, x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar;
}

/** Per-epoch batches of row indices, shuffled with a seed that depends only on the epoch. */
export function batchesFor(epoch: number, count: number, batchSize: number, seed: number): Int32Array[] {
  const order = shuffleInPlace(Array.from({ length: count }, (_, i) => i), mulberry32(seed * 1000 + epoch));
  const batches: Int32Array[] = [];
  for (let start = 0; start + batchSize <= count; start += batchSize) batches.push(Int32Array.from(order.slice(start, start + batchSize)));
  return batches;
}

export async function evaluate(model: tf.Sequential, data: Tensors): Promise<{ loss: number; accuracy: number }> {
  const [loss, accuracy] = tf.tidy(() => {
    const logits = model.apply(data.valX) as tf.Tensor;
    const l = tf.losses.softmaxCrossEntropy(data.valY, logits);
    const acc = tf.mean(tf.equal(tf.argMax(logits, 1), tf.argMax(data.valY, 1)).toFloat());
    return [l, acc];
  });
  const values = [(await (loss as tf.Tensor).data())[0] as number, (await (accuracy as tf.Tensor).data())[0] as number];
  tf.dispose([loss as tf.Tensor, accuracy as tf.Tensor]);
  return { loss: values[0] as number, accuracy: values[1] as number };
}

/** Trains one run; `onStep` is called after every update (for the progress bar). */
export async function trainRun(config: RunConfig, data: Tensors, settings: TrainSettings, onStep: () => void): Promise<RunResult> {
  const started = performance.now();
  const model = buildModel(settings);
  const sgd = tf.train.momentum(config.lr, 0.9);
  const optimizer = tfjsOptimizer(sgd);
  const stepsPerEpoch = Math.floor(data.trainCount / settings.batchSize);
  const scheduler = config.scheduler(optimizer, stepsPerEpoch * settings.epochs);
  const lrs: number[] = [];
  const losses: number[] = [];
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (const batch of batchesFor(epoch, data.trainCount, settings.batchSize, settings.seed)) {
      lrs.push(optimizer.paramGroups[0]?.lr as number);
      const loss = tf.tidy(() => {
        const idx = tf.tensor1d(batch, 'int32');
        const x = tf.gather(data.trainX, idx);
        const y = tf.gather(data.trainY, idx);
        return sgd.minimize(() => lossOf(model, x, y), true) as tf.Scalar;
      });
      losses.push((await loss.data())[0] as number);
      loss.dispose();
      (scheduler as { step(): void } | null)?.step();
      onStep();
    }
  }
  const { loss, accuracy } = await evaluate(model, data);
  model.dispose();
  sgd.dispose();
  return { name: config.name, lrs, losses, valLoss: loss, valAccuracy: accuracy, seconds: (performance.now() - started) / 1000 };
}
