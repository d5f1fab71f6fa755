// Survey behind the finder's MNIST evidence: for each suggestion rule, train a 784-64-10 MLP for 2 epochs at the
// suggested lr, 10x above and 10x below (constant lr, and OneCycleLR peaking there) and print held-out loss.
// Run: npx tsx examples/finder-mnist-survey.ts adam|momentum|sgd SEED [TRAIN=8000] [EPOCHS=2]
import * as tf from '@tensorflow/tfjs';
import { findLrTfjs } from '../src/finder/tfjs/findLrTfjs.js';
import { buildMlp } from '../src/finder/tfjs/mlp.js';
import { loadMnist } from '../packages/cli/src/datasets/mnist.js';
import { useWasmBackend } from '../src/tfjs/wasmBackend.js';
import { OneCycleLR } from '../src/torch/OneCycleLR.js';
import { schedulerCallback } from '../src/tfjs/schedulerCallback.js';
import { tfjsOptimizer } from '../src/tfjs/tfjsOptimizer.js';
await useWasmBackend();
const [opt, seedText, train = '8000', epochs = '2'] = process.argv.slice(2);
const seed = Number(seedText);
const spec = { hidden: [64], optimizer: opt as 'adam' };
const data = loadMnist({ train: Number(train), test: 2000, seed });
const probe = buildMlp(spec, { inputs: 784, classes: 10, lr: 0.01 });
const f = await findLrTfjs(probe, { xs: data.train.xs, ys: data.train.ys }, { batchSize: 64, numIter: 100, seed });
const cache = new Map<string, number>();
async function score(lr: number, schedule: string) {
  const key = `${schedule}:${lr}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const m = buildMlp(spec, { inputs: 784, classes: 10, lr });
  const callbacks: tf.CustomCallbackArgs[] = [];
  let view: ReturnType<typeof tfjsOptimizer> | undefined;
  if (schedule === 'oneCycle') {
    view = tfjsOptimizer(m.optimizer);
    callbacks.push(schedulerCallback(new OneCycleLR(view, { maxLr: lr, totalSteps: Number(epochs) * Math.ceil(Number(train) / 64), cycleMomentum: opt !== 'sgd' }), { every: 'batch', log: false }) as unknown as tf.CustomCallbackArgs);
  }
  await m.fit(data.train.xs, data.train.ys, { epochs: Number(epochs), batchSize: 64, shuffle: false, verbose: 0, callbacks });
  view?.detach();
  const [l, acc] = m.evaluate(data.test.xs, data.test.ys, { batchSize: 500 }) as [tf.Scalar, tf.Scalar];
  const raw = l.dataSync()[0] as number;
  const v = Number.isFinite(raw) ? raw : Infinity;
  tf.dispose([l, acc]);
  m.dispose();
  cache.set(key, v);
  return v;
}
for (const schedule of ['constant', 'oneCycle']) {
  for (const s of f.suggestions) {
    if (s.lr === null || s.name === 'lightningGradient' || s.name === 'slide') continue;
    const lo = await score(s.lr / 10, schedule), mid = await score(s.lr, schedule), hi = await score(s.lr * 10, schedule);
    console.log(JSON.stringify({ opt, seed, schedule, rule: s.name, lr: +s.lr.toExponential(3), loss: [lo, mid, hi].map((x) => +x.toFixed(4)), ordered: mid < lo && mid < hi }));
  }
}
