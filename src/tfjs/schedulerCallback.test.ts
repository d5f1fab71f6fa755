import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeData, makeModel, weightsOf } from '../../test/tfjs/models.js';
import { useWasm } from '../../test/tfjs/backend.js';
import { OptionError } from '../errors.js';
import { createOptimizer } from '../optim/createOptimizer.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { PlateauSequentialLR } from '../stateful/PlateauSequentialLR.js';
import { WarmupLR } from '../stateful/WarmupLR.js';
import { LambdaLR } from '../torch/LambdaLR.js';
import { LinearLR } from '../torch/LinearLR.js';
import { OneCycleLR } from '../torch/OneCycleLR.js';
import { ReduceLROnPlateau } from '../torch/ReduceLROnPlateau.js';
import { StepLR } from '../torch/StepLR.js';
import { lrMonitor } from './lrMonitor.js';
import { schedulerCallback } from './schedulerCallback.js';
import { tfjsOptimizer } from './tfjsOptimizer.js';

beforeAll(async () => {
  await useWasm();
});

/** Weights at the end of every epoch. */
function epochSnapshots(model: tf.LayersModel): { snaps: number[][][]; callback: tf.CustomCallback } {
  const snaps: number[][][] = [];
  // Mixed with lrkit's callback objects, plain {onEpochEnd} args must be wrapped (tfjs standardizes by the first element).
  return { snaps, callback: new tf.CustomCallback({ onEpochEnd: async () => void snaps.push(weightsOf(model)) }) };
}

describe('schedulerCallback in model.fit', () => {
  it('every batch: OneCycleLR drives Momentum; History and lrMonitor record what each update used', async () => {
    const { xs, ys } = makeData(64);
    const opt = tf.train.momentum(0.01, 0.9);
    const model = makeModel(opt);
    const view = tfjsOptimizer(opt);
    const scheduler = new OneCycleLR(view, { maxLr: 0.1, epochs: 3, stepsPerEpoch: 4 });
    const monitor = lrMonitor(view);
    const history = await model.fit(xs, ys, { epochs: 3, batchSize: 16, shuffle: false, verbose: 0, callbacks: [schedulerCallback(scheduler, { every: 'batch' }), monitor] });

    // Reference: the same schedule on a plain optimizer, value before each of the 12 updates.
    const ref = createOptimizer({ lr: 0.01, momentum: 0.9 });
    const refScheduler = new OneCycleLR(ref, { maxLr: 0.1, epochs: 3, stepsPerEpoch: 4 });
    const lrs: number[] = [];
    const moms: number[] = [];
    for (let i = 0; i < 12; i++) {
      lrs.push(ref.paramGroups[0]!.lr);
      moms.push(ref.paramGroups[0]!.momentum!);
      ref.step();
      if (i < 11) refScheduler.step();
    }
    expect(monitor.records.map((r) => r.lr[0])).toEqual(lrs);
    expect(monitor.records.map((r) => r.momentum[0])).toEqual(moms);
    expect(history.history.lr).toEqual([lrs[3], lrs[7], lrs[11]]);
    expect(history.history.momentum).toEqual([moms[3], moms[7], moms[11]]);
    expect(history.history.loss).toHaveLength(3);
    view.detach();
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it("every epoch: a zero lr after epoch 0 freezes the weights (tfjs's cached lr scalar is really rebuilt)", async () => {
    const { xs, ys } = makeData(32);
    const opt = tf.train.sgd(0.1);
    const model = makeModel(opt);
    const scheduler = new LambdaLR(tfjsOptimizer(opt), { lrLambda: (epoch: number) => (epoch === 0 ? 1 : 0) });
    const { snaps, callback } = epochSnapshots(model);
    const history = await model.fit(xs, ys, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0, callbacks: [schedulerCallback(scheduler), callback] });
    expect(history.history.lr).toEqual([0.1, 0, 0]);
    expect(snaps[1]).toEqual(snaps[0]);
    expect(snaps[2]).toEqual(snaps[0]);
    (scheduler.optimizer as ReturnType<typeof tfjsOptimizer>).detach();
    tf.dispose([xs, ys]);
  });

  it('ReduceLROnPlateau reads val_loss (tf.Scalars in the logs) and decides like a replay on the recorded values', async () => {
    const { xs, ys } = makeData(64);
    const opt = tf.train.adam(0.05);
    const model = makeModel(opt);
    const options = { factor: 0.5, patience: 1, threshold: 0.05 };
    const scheduler = new ReduceLROnPlateau(tfjsOptimizer(opt), options);
    const history = await model.fit(xs, ys, { epochs: 12, batchSize: 16, shuffle: false, verbose: 0, validationSplit: 0.25, callbacks: [schedulerCallback(scheduler, { monitor: 'val_loss' })] });
    const valLoss = history.history.val_loss as number[];
    const replay = new ReduceLROnPlateau(createOptimizer({ type: 'adam', lr: 0.05, betas: [0.9, 0.999] }), options);
    const expected: number[] = [];
    for (const v of valLoss) {
      expected.push(replay.optimizer.paramGroups[0]!.lr);
      replay.step(v);
    }
    expect(history.history.lr).toEqual(expected);
    expect(new Set(expected).size).toBeGreaterThan(1); // the plateau logic actually fired
    expect(history.history.beta1).toEqual(new Array(12).fill(0.9));
    tf.dispose([xs, ys]);
  });

  it.each([
    ['WarmupLR(ReduceLROnPlateau)', (o: Optimizer) => new WarmupLR(new ReduceLROnPlateau(o, { factor: 0.5, patience: 0, threshold: 0.05 }), { steps: 3, startFactor: 0.1 })],
    [
      'PlateauSequentialLR',
      (o: Optimizer) =>
        new PlateauSequentialLR(o, { schedulers: [new LinearLR(o, { startFactor: 0.1, totalIters: 3 }), new ReduceLROnPlateau(o, { factor: 0.5, patience: 0, threshold: 0.05 })], milestones: [3] }),
    ],
  ] as const)('protocol: %s in model.fit is stepped on the monitored metric, like a replay on the recorded values', async (_name, make) => {
    const { xs, ys } = makeData(64);
    const opt = tf.train.adam(0.05);
    const model = makeModel(opt);
    const scheduler = make(tfjsOptimizer(opt));
    expect(scheduler.stepInput).toBe('metric');
    const history = await model.fit(xs, ys, { epochs: 10, batchSize: 16, shuffle: false, verbose: 0, validationSplit: 0.25, callbacks: [schedulerCallback(scheduler, { monitor: 'val_loss' })] });
    const valLoss = history.history.val_loss as number[];
    const replay = make(createOptimizer({ type: 'adam', lr: 0.05, betas: [0.9, 0.999] }));
    const expected: number[] = [];
    for (const v of valLoss) {
      expected.push(replay.optimizer.paramGroups[0]!.lr);
      replay.step(v);
    }
    expect(history.history.lr).toEqual(expected);
    expect(new Set(expected.slice(4)).size).toBeGreaterThan(1); // the plateau phase actually reduced the lr
    tf.dispose([xs, ys]);
  });

  it('ReduceLROnPlateau every batch reads the batch loss', async () => {
    const { xs, ys } = makeData(64);
    const opt = tf.train.sgd(0.05);
    const model = makeModel(opt);
    const scheduler = new ReduceLROnPlateau(tfjsOptimizer(opt), { patience: 0, threshold: 0.5 });
    const monitor = lrMonitor(scheduler.optimizer);
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, shuffle: false, verbose: 0, callbacks: [schedulerCallback(scheduler, { every: 'batch', monitor: 'loss' }), monitor] });
    expect(monitor.records).toHaveLength(8);
    expect(monitor.records.at(-1)!.lr[0]).toBeLessThan(0.05);
    tf.dispose([xs, ys]);
  });

  it('a missing monitor key fails fit() with the key and the available ones', async () => {
    const { xs, ys } = makeData(16);
    const opt = tf.train.sgd(0.05);
    const model = makeModel(opt);
    const scheduler = new ReduceLROnPlateau(tfjsOptimizer(opt));
    const fit = model.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: [schedulerCallback(scheduler)] });
    await expect(fit).rejects.toThrow(OptionError);
    await expect(model.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: [schedulerCallback(scheduler)] })).rejects.toThrow(
      'schedulerCallback.monitor: expected a key of the epoch logs (available: loss, lr; val_* keys need validationData or validationSplit in fit()), got "val_loss"',
    );
    tf.dispose([xs, ys]);
  });

  it('works with fitDataset', async () => {
    const { xs, ys } = makeData(32);
    const opt = tf.train.momentum(0.05, 0.9);
    const model = makeModel(opt);
    const scheduler = new StepLR(tfjsOptimizer(opt), { stepSize: 2, gamma: 0.1 });
    const dataset = tf.data.zip({ xs: tf.data.array(tf.unstack(xs)), ys: tf.data.array(tf.unstack(ys)) }).batch(8);
    const history = await model.fitDataset(dataset, { epochs: 3, verbose: 0, callbacks: [schedulerCallback(scheduler, { every: 'batch' })] });
    // 4 batches per epoch, StepLR every 2 batches: the last update of epoch e used 0.05 * 0.1^(2e+1).
    (history.history.lr as number[]).forEach((lr, e) => expect(lr).toBeCloseTo(0.05 * 0.1 ** (2 * e + 1), 15));
    tf.dispose([xs, ys]);
  });

  it('refuses a model compiled with another optimizer, and bad options', async () => {
    const { xs, ys } = makeData(16);
    const model = makeModel('sgd');
    const scheduler = new StepLR(tfjsOptimizer(tf.train.sgd(0.1)), { stepSize: 1 });
    await expect(model.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: [schedulerCallback(scheduler)] })).rejects.toThrow(/compile with the tfjs optimizer object you wrapped/);
    expect(() => schedulerCallback(scheduler, { monitor: 'loss' })).toThrow('schedulerCallback.monitor: expected no monitor for StepLR');
    expect(() => schedulerCallback(scheduler, { every: 'step' as 'batch' })).toThrow(/schedulerCallback\.every/);
    expect(() => schedulerCallback(new StepLR(createOptimizer({ lr: 0.1 }), { stepSize: 1 }))).toThrow(/schedulerCallback\.scheduler\.optimizer: expected a tfjsOptimizer/);
    tf.dispose([xs, ys]);
  });
});
