/**
 * Custom TensorFlow.js training loop driven by an lrkit scheduler.
 *
 *   npx tsx examples/tfjs-custom-loop.ts
 *
 * Trains a small MLP on two half-moons with tf.train.momentum under OneCycleLR (lr warms up to maxLr
 * and anneals; momentum cycles the other way), checkpoints half-way to a directory and resumes from it.
 * In your project, import from 'lrkit' and 'lrkit/tfjs' instead of ../src.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OneCycleLR } from '../src/index.js';
import { lrMonitor, restoreCheckpoint, saveCheckpoint, tfjsOptimizer } from '../src/tfjs/index.js';
import { readCheckpoint, writeCheckpoint } from '../src/tfjs/node.js';
import { twoMoons } from './twoMoons.js';
import { useWasmBackend } from '../src/tfjs/wasmBackend.js';

export interface CustomLoopOptions {
  samples?: number;
  epochs?: number;
  batchSize?: number;
  /** Print progress lines. */
  log?: (line: string) => void;
}

export interface CustomLoopResult {
  backend: string;
  /** Mean loss of each epoch. */
  losses: number[];
  accuracy: number;
  /** lr and momentum used by every update. */
  lrs: number[];
  momenta: number[];
  /** Epoch after which the run was checkpointed and resumed. */
  resumedAfterEpoch: number;
}

function buildModel(): { params: tf.Variable[]; predict: (x: tf.Tensor) => tf.Tensor } {
  const params = [
    tf.variable(tf.randomNormal([2, 16], 0, 0.7, 'float32', 1)),
    tf.variable(tf.zeros([16])),
    tf.variable(tf.randomNormal([16, 1], 0, 0.3, 'float32', 2)),
    tf.variable(tf.zeros([1])),
  ];
  const [w1, b1, w2, b2] = params as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  return { params, predict: (x) => tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x, w1), b1)), w2), b2) };
}

export async function runCustomLoop(options: CustomLoopOptions = {}): Promise<CustomLoopResult> {
  const { samples = 512, epochs = 20, batchSize = 32, log = () => {} } = options;
  const backend = await useWasmBackend();
  const { xs, ys } = twoMoons(samples);
  const stepsPerEpoch = Math.ceil(samples / batchSize);

  // The run is built by one function so that the resumed half is constructed exactly like the first.
  const setup = () => {
    const model = buildModel();
    const sgd = tf.train.momentum(0.01, 0.9);
    const optimizer = tfjsOptimizer(sgd); // lrkit view: schedulers write lr and momentum through it
    const scheduler = new OneCycleLR(optimizer, { maxLr: 0.5, epochs, stepsPerEpoch });
    return { model, sgd, optimizer, scheduler, monitor: lrMonitor(optimizer) };
  };

  const trainEpoch = (run: ReturnType<typeof setup>, epoch: number): number => {
    let total = 0;
    for (let b = 0; b < stepsPerEpoch; b++) {
      run.monitor.record(epoch, b);
      const start = b * batchSize;
      const size = Math.min(batchSize, samples - start);
      const loss = tf.tidy(() => {
        const x = xs.slice([start, 0], [size, 2]);
        const y = ys.slice([start, 0], [size, 1]);
        return run.sgd.minimize(() => tf.losses.sigmoidCrossEntropy(y, run.model.predict(x)) as tf.Scalar, true, run.model.params) as tf.Scalar;
      });
      total += (loss.dataSync()[0] as number) * size;
      loss.dispose();
      run.scheduler.step(); // after the optimizer update, as in PyTorch
    }
    return total / samples;
  };

  const losses: number[] = [];
  const half = Math.floor(epochs / 2);
  const first = setup();
  for (let e = 0; e < half; e++) {
    losses.push(trainEpoch(first, e));
    log(`epoch ${e} loss ${losses[e]!.toFixed(4)} lr ${first.optimizer.paramGroups[0]!.lr.toFixed(4)}`);
  }

  // Checkpoint: weights, momentum buffers, lr/momentum groups and the scheduler's position.
  const dir = await mkdtemp(path.join(tmpdir(), 'lrkit-example-'));
  await writeCheckpoint(dir, await saveCheckpoint({ model: first.model.params, optimizer: first.optimizer, scheduler: first.scheduler }));
  log(`checkpointed to ${dir} after epoch ${half - 1}; resuming in a fresh model`);
  const firstRecords = first.monitor.records;
  first.optimizer.detach();
  first.sgd.dispose();
  tf.dispose(first.model.params);

  const second = setup();
  await restoreCheckpoint(await readCheckpoint(dir), { model: second.model.params, optimizer: second.optimizer, scheduler: second.scheduler });
  await rm(dir, { recursive: true, force: true });
  for (let e = half; e < epochs; e++) {
    losses.push(trainEpoch(second, e));
    log(`epoch ${e} loss ${losses[e]!.toFixed(4)} lr ${second.optimizer.paramGroups[0]!.lr.toFixed(4)}`);
  }

  const accuracy = tf.tidy(() => {
    const predicted = tf.greater(second.model.predict(xs), 0).cast('float32');
    return tf.mean(tf.equal(predicted, ys).cast('float32')).dataSync()[0] as number;
  });
  log(`accuracy ${(accuracy * 100).toFixed(1)}% on ${backend}`);
  const records = [...firstRecords, ...second.monitor.records];
  second.optimizer.detach();
  second.sgd.dispose();
  tf.dispose([xs, ys, ...second.model.params]);
  return { backend, losses, accuracy, lrs: records.map((r) => r.lr[0]!), momenta: records.map((r) => r.momentum[0]!), resumedAfterEpoch: half - 1 };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCustomLoop({ log: (line) => console.log(line) });
}
