// The LR finder on real MNIST digits: find an lr for a small MLP, then train at that lr, 10x above and
// 10x below it, and compare. Run:
//   npx tsx examples/finder-mnist.ts [--optimizer adam|sgd|momentum] [--hidden 64] [--epochs 2] [--train 4000] [--seed 0] [--schedule oneCycle|constant]
import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { findLrTfjs } from '../src/finder/tfjs/findLrTfjs.js';
import { buildMlp, type MlpSpec } from '../src/finder/tfjs/mlp.js';
import { loadMnist } from '../packages/cli/src/datasets/mnist.js';
import { useWasmBackend } from '../src/tfjs/wasmBackend.js';
import type { FindLrResult } from '../src/finder/findLr.js';
import type { SuggestionName } from '../src/finder/suggest.js';
import { oneCycleFromFinder } from '../src/finder/oneCycleFromFinder.js';
import { schedulerCallback } from '../src/tfjs/schedulerCallback.js';
import { tfjsOptimizer } from '../src/tfjs/tfjsOptimizer.js';

export interface MnistEvidenceOptions {
  train?: number;
  test?: number;
  epochs?: number;
  batchSize?: number;
  numIter?: number;
  model?: MlpSpec;
  seed?: number;
  /**
   * How each candidate lr is used: `'oneCycle'` (default) as the peak of a OneCycleLR built with
   * oneCycleFromFinder (fastai's `fit_one_cycle(lr_max=...)`, the finder's intended hand-off), or
   * `'constant'` for the whole run.
   */
  schedule?: 'oneCycle' | 'constant';
  /** The suggestion rule to test. Default 'valley' (fastai's default). */
  suggest?: SuggestionName;
}

export interface LrOutcome {
  label: string;
  lr: number;
  testLoss: number;
  testAccuracy: number;
  trainLoss: number;
}

export interface MnistEvidence {
  backend: string;
  finder: FindLrResult;
  outcomes: LrOutcome[];
}

/** Finder on MNIST, then constant-lr training at suggested, suggested×10 and suggested/10 (same init, same batches). */
export async function mnistEvidence(options: MnistEvidenceOptions = {}): Promise<MnistEvidence> {
  const { train = 4000, test = 1000, epochs = 2, batchSize = 64, numIter = 100, model: spec = { hidden: [64], optimizer: 'adam' }, seed = 0, schedule = 'oneCycle', suggest = 'valley' } = options;
  const backend = await useWasmBackend();
  const data = loadMnist({ train, test, seed });
  try {
    const probe = buildMlp(spec, { inputs: 784, classes: 10, lr: 0.01 });
    const finder = await findLrTfjs(probe, { xs: data.train.xs, ys: data.train.ys }, { batchSize, numIter, seed, suggest });
    probe.dispose();
    const suggested = finder.suggestedLr;
    if (suggested === null) throw new Error('the finder gave no suggestion');
    const outcomes: LrOutcome[] = [];
    for (const [label, scale] of [['suggested / 10', 0.1], ['suggested', 1], ['suggested x 10', 10]] as const) {
      const lr = suggested * scale;
      const model = buildMlp(spec, { inputs: 784, classes: 10, lr });
      const callbacks: tf.CustomCallbackArgs[] = [];
      let view: ReturnType<typeof tfjsOptimizer> | undefined;
      if (schedule === 'oneCycle') {
        view = tfjsOptimizer(model.optimizer);
        const totalSteps = epochs * Math.ceil(train / batchSize);
        const scheduler = oneCycleFromFinder(finder, { optimizer: view, totalSteps, scale, cycleMomentum: spec.optimizer !== 'sgd' });
        callbacks.push(schedulerCallback(scheduler, { every: 'batch', log: false }) as unknown as tf.CustomCallbackArgs);
      }
      // shuffle: false on data already shuffled by seed, so every run sees the same batches (model.fit's shuffle is unseeded).
      const history = await model.fit(data.train.xs, data.train.ys, { epochs, batchSize, shuffle: false, verbose: 0, callbacks });
      view?.detach();
      const [lossT, accT] = model.evaluate(data.test.xs, data.test.ys, { batchSize: 500 }) as tf.Scalar[];
      const testLoss = (await (lossT as tf.Scalar).data())[0] as number;
      const testAccuracy = (await (accT as tf.Scalar).data())[0] as number;
      tf.dispose([lossT, accT]);
      const trainLoss = (history.history.loss as number[]).at(-1) as number;
      outcomes.push({ label, lr, testLoss: Number.isFinite(testLoss) ? testLoss : Infinity, testAccuracy, trainLoss });
      model.dispose();
    }
    return { backend, finder, outcomes };
  } finally {
    tf.dispose([data.train.xs, data.train.ys, data.test.xs, data.test.ys]);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const started = Date.now();
  const result = await mnistEvidence({
    epochs: Number(arg('epochs') ?? 2),
    train: Number(arg('train') ?? 4000),
    test: Number(arg('test') ?? 1000),
    seed: Number(arg('seed') ?? 0),
    model: { hidden: (arg('hidden') ?? '64').split(',').map(Number), optimizer: (arg('optimizer') ?? 'adam') as MlpSpec['optimizer'] },
    schedule: (arg('schedule') ?? 'oneCycle') as 'oneCycle' | 'constant',
    suggest: (arg('suggest') ?? 'valley') as SuggestionName,
  });
  console.log(`backend ${result.backend}, finder: ${result.finder.lrs.length} iterations, stop: ${result.finder.stopReason}`);
  for (const s of result.finder.suggestions) console.log(`  ${s.chosen ? '*' : ' '} ${s.name.padEnd(18)} ${s.lr === null ? s.reason : s.lr.toExponential(3)}`);
  for (const o of result.outcomes) {
    console.log(`${o.label.padEnd(15)} lr ${o.lr.toExponential(3)}  test loss ${o.testLoss.toFixed(4)}  test acc ${(o.testAccuracy * 100).toFixed(2)}%  train loss ${o.trainLoss.toFixed(4)}`);
  }
  console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
}
