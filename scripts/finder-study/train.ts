/**
 * The finder study's training core: seeded models (MLPs and a small CNN), momentum SGD / Adam / AdamW
 * (decoupled weight decay, see `decayWeights`), a custom loop driven by lrkit schedulers through the
 * `lrkit/tfjs` view, the LR range test on the same model and batches, and validation accuracy.
 * Everything is a pure function of its arguments (seeded initializers, seeded batch order, wasm backend).
 */
import * as tf from '@tensorflow/tfjs';
import { findLr } from '../../src/finder/findLr.js';
import { OneCycleLR } from '../../src/torch/OneCycleLR.js';
import { tfjsOptimizer } from '../../src/tfjs/tfjsOptimizer.js';
import { mulberry32, shuffleInPlace } from '../../src/random.js';
import type { Optimizer } from '../../src/optim/Optimizer.js';

export type ModelName = 'mlp32' | 'mlp128' | 'mlp256x128x64' | 'cnn';
export type OptimizerName = 'momentum' | 'adam' | 'adamw';

/** One study setting: everything but the seed and the peak lr. */
export interface Setting {
  id: string;
  model: ModelName;
  optimizer: OptimizerName;
  batchSize: number;
  epochs: number;
  /** true: never used to design or tune a rule. */
  heldOut: boolean;
}

export interface Data {
  /** [n, 784] pixels, or [n, 144, 25] patches for the CNN. */
  trainX: tf.Tensor;
  trainY: tf.Tensor2D;
  valX: tf.Tensor;
  valY: tf.Tensor2D;
  trainCount: number;
}

/** AdamW's decoupled weight decay coefficient (PyTorch's AdamW default is 0.01; 0.05 makes it matter more here). */
export const ADAMW_WEIGHT_DECAY = 0.05;
/** Momentum of momentum SGD (OneCycleLR cycles it between 0.85 and 0.95, as in PyTorch). */
export const SGD_MOMENTUM = 0.9;

function dense(units: number, seed: number, extra: tf.serialization.ConfigDict = {}): tf.layers.Layer {
  return tf.layers.dense({ units, kernelInitializer: tf.initializers.glorotUniform({ seed }), ...extra });
}

/** Seeded model; the output is logits (the loss is softmax cross-entropy on logits). */
export function buildModel(name: ModelName, seed: number): tf.Sequential {
  const m = tf.sequential();
  const hidden = name === 'mlp32' ? [32] : name === 'mlp128' ? [128] : name === 'mlp256x128x64' ? [256, 128, 64] : null;
  if (hidden !== null) {
    hidden.forEach((units, i) => m.add(dense(units, seed * 100 + i, { activation: 'relu', ...(i === 0 ? { inputShape: [784] } : {}) })));
    m.add(dense(10, seed * 100 + hidden.length));
    return m;
  }
  // The small CNN: a 5x5 stride-2 convolution with 16 filters, written as one dense layer shared over the
  // 144 image patches (the input is the patch tensor from `toPatches`; tfjs' wasm backend has no
  // Conv2DBackpropFilter kernel), then relu, 2x2 max pooling and a linear classifier.
  m.add(dense(16, seed * 100, { activation: 'relu', inputShape: [PATCHES, PATCH_SIZE] }));
  m.add(tf.layers.reshape({ targetShape: [12, 12, 16] }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(dense(10, seed * 100 + 1));
  return m;
}

const PATCHES = 144;
const PATCH_SIZE = 25;

/**
 * im2col for the CNN: the 5x5 patches at stride 2 (12x12 positions, zero padding of 1 on the right and
 * bottom, as TF's 'same' padding) of each 28x28 image, as a [n, 144, 25] tensor.
 */
export function toPatches(pixels: tf.Tensor2D): tf.Tensor3D {
  const n = pixels.shape[0];
  const src = pixels.dataSync();
  const out = new Float32Array(n * PATCHES * PATCH_SIZE);
  let k = 0;
  for (let s = 0; s < n; s++) {
    for (let py = 0; py < 12; py++) {
      for (let px = 0; px < 12; px++) {
        for (let dy = 0; dy < 5; dy++) {
          for (let dx = 0; dx < 5; dx++) {
            const y = py * 2 + dy;
            const x = px * 2 + dx;
            out[k++] = y < 28 && x < 28 ? (src[s * 784 + y * 28 + x] as number) : 0;
          }
        }
      }
    }
  }
  return tf.tensor3d(out, [n, PATCHES, PATCH_SIZE]);
}

export function buildOptimizer(name: OptimizerName, lr: number): tf.Optimizer {
  // eps 1e-8 as PyTorch (tfjs defaults to 1e-7).
  return name === 'momentum' ? tf.train.momentum(lr, SGD_MOMENTUM) : tf.train.adam(lr, 0.9, 0.999, 1e-8);
}

/**
 * AdamW's decoupled weight decay, as PyTorch's `torch.optim.AdamW` applies it: before the Adam update,
 * every parameter is multiplied by `1 - lr * weightDecay` with the step's (scheduled) lr. tfjs has no AdamW;
 * this plus tfjs Adam is AdamW.
 */
export function decayWeights(model: tf.LayersModel, lr: number, weightDecay: number): void {
  const factor = 1 - lr * weightDecay;
  tf.tidy(() => {
    for (const w of model.trainableWeights) {
      const v = (w as unknown as { val: tf.Variable }).val;
      v.assign(tf.mul(v, factor));
    }
  });
}

/** Per-epoch batches of row indices, shuffled with a seed that depends only on (seed, epoch). */
export function batchesFor(epoch: number, count: number, batchSize: number, seed: number): Int32Array[] {
  const order = shuffleInPlace(Array.from({ length: count }, (_, i) => i), mulberry32(seed * 1000 + epoch));
  const batches: Int32Array[] = [];
  for (let start = 0; start + batchSize <= count; start += batchSize) batches.push(Int32Array.from(order.slice(start, start + batchSize)));
  return batches;
}

function makeStep(model: tf.Sequential, tfOpt: tf.Optimizer, view: Optimizer, optimizer: OptimizerName, data: Data) {
  return async (batch: Int32Array): Promise<number> => {
    if (optimizer === 'adamw') decayWeights(model, view.paramGroups[0]?.lr as number, ADAMW_WEIGHT_DECAY);
    const loss = tf.tidy(() => {
      const idx = tf.tensor1d(batch, 'int32');
      const x = tf.gather(data.trainX, idx);
      const y = tf.gather(data.trainY, idx);
      return tfOpt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar, true) as tf.Scalar;
    });
    const value = (await loss.data())[0] as number;
    loss.dispose();
    return value;
  };
}

export interface OneCycleOutcome {
  accuracy: number;
  valLoss: number;
  finalTrainLoss: number;
}

/**
 * Trains `setting` with OneCycleLR (PyTorch defaults: pctStart 0.3, cos, momentum cycled) peaking at `maxLr`,
 * over `budget` (a fraction) of the setting's updates: a shorter run is a whole, shorter one-cycle schedule.
 */
export async function trainOneCycle(setting: Setting, seed: number, maxLr: number, data: Data, budget = 1): Promise<OneCycleOutcome> {
  const model = buildModel(setting.model, seed);
  const tfOpt = buildOptimizer(setting.optimizer, maxLr / 25);
  const view = tfjsOptimizer(tfOpt);
  const perEpoch = Math.floor(data.trainCount / setting.batchSize);
  const totalSteps = Math.max(2, Math.round(budget * perEpoch * setting.epochs));
  const scheduler = new OneCycleLR(view, { maxLr, totalSteps });
  const step = makeStep(model, tfOpt, view, setting.optimizer, data);
  let last = NaN;
  let done = 0;
  for (let epoch = 0; done < totalSteps; epoch++) {
    for (const batch of batchesFor(epoch, data.trainCount, setting.batchSize, seed)) {
      if (done === totalSteps) break;
      last = await step(batch);
      done += 1;
      if (done < totalSteps) scheduler.step();
    }
  }
  const out = evaluate(model, data);
  view.detach();
  model.dispose();
  tfOpt.dispose();
  return { ...(await out), finalTrainLoss: last };
}

async function evaluate(model: tf.Sequential, data: Data): Promise<{ accuracy: number; valLoss: number }> {
  const [l, a] = tf.tidy(() => {
    const logits = model.apply(data.valX) as tf.Tensor;
    return [tf.losses.softmaxCrossEntropy(data.valY, logits), tf.mean(tf.equal(tf.argMax(logits, 1), tf.argMax(data.valY, 1)).toFloat())];
  }) as [tf.Tensor, tf.Tensor];
  const valLoss = (await l.data())[0] as number;
  const accuracy = (await a.data())[0] as number;
  tf.dispose([l, a]);
  return { accuracy, valLoss: Number.isFinite(valLoss) ? valLoss : Infinity };
}

export interface FinderCurve {
  lrs: number[];
  losses: number[];
}

/**
 * The LR range test with findLr's default sweep (1e-7 to 10, 100 iterations, exponential) on the setting's
 * model (same initial weights as the training runs), optimizer and batch size, without early stopping:
 * every rule's own stopping criterion is applied to the recorded curve afterwards. Stops only at a
 * non-finite loss.
 */
export async function runFinder(setting: Setting, seed: number, data: Data): Promise<FinderCurve> {
  const model = buildModel(setting.model, seed);
  const tfOpt = buildOptimizer(setting.optimizer, 1e-7);
  const view = tfjsOptimizer(tfOpt);
  const step = makeStep(model, tfOpt, view, setting.optimizer, data);
  const batches: Int32Array[] = [];
  for (let epoch = 0; batches.length < 100; epoch++) batches.push(...batchesFor(epoch, data.trainCount, setting.batchSize, seed + 7919));
  const result = await findLr({ optimizer: view, stopOnDivergence: false, trainStep: ({ iteration }) => step(batches[iteration] as Int32Array) });
  view.detach();
  model.dispose();
  tfOpt.dispose();
  return { lrs: result.lrs, losses: result.losses };
}
