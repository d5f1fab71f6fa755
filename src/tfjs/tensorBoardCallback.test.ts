import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeData, makeModel } from '../../test/tfjs/models.js';
import { useWasm } from '../../test/tfjs/backend.js';
import { readEventDir } from '../../test/helpers/decodeEvents.js';
import { OptionError } from '../errors.js';
import { createOptimizer } from '../optim/createOptimizer.js';
import { FileLogger } from '../tensorboard/FileLogger.js';
import { SummaryWriter } from '../tensorboard/SummaryWriter.js';
import { OneCycleLR } from '../torch/OneCycleLR.js';
import { schedulerCallback } from './schedulerCallback.js';
import { tensorBoardCallback } from './tensorBoardCallback.js';
import { tfjsOptimizer } from './tfjsOptimizer.js';

const root = mkdtempSync(join(tmpdir(), 'lrkit-tb-callback-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  await useWasm();
});

/** lr and momentum OneCycleLR gives before each of `n` updates, from a plain optimizer. */
function reference(n: number): { lr: number[]; momentum: number[] } {
  const ref = createOptimizer({ lr: 0.01, momentum: 0.9 });
  const scheduler = new OneCycleLR(ref, { maxLr: 0.1, epochs: 3, stepsPerEpoch: 4 });
  const out = { lr: [] as number[], momentum: [] as number[] };
  for (let i = 0; i < n; i++) {
    out.lr.push(ref.paramGroups[0]?.lr as number);
    out.momentum.push(ref.paramGroups[0]?.momentum as number);
    ref.step(); // the update, then the schedule step: PyTorch's order
    if (i < n - 1) scheduler.step();
  }
  return out;
}

describe('tensorBoardCallback in model.fit', () => {
  it('per batch: lr and momentum each update used, the batch loss, and epoch logs, into a TensorBoard run', async () => {
    const { xs, ys } = makeData(64);
    const opt = tf.train.momentum(0.01, 0.9);
    const model = makeModel(opt);
    const scheduler = new OneCycleLR(tfjsOptimizer(opt), { maxLr: 0.1, epochs: 3, stepsPerEpoch: 4 });
    const dir = join(root, 'onecycle');
    const writer = new SummaryWriter(dir);
    await model.fit(xs, ys, {
      epochs: 3,
      batchSize: 16,
      shuffle: false,
      verbose: 0,
      validationData: [xs, ys],
      callbacks: [schedulerCallback(scheduler, { every: 'batch' }), tensorBoardCallback(writer, { scheduler })],
    });
    // onTrainEnd flushed: readable before close().
    const events = readEventDir(dir).slice(1);
    const series = (tag: string) => events.filter((e) => e.values[0]?.tag === tag).map((e) => [e.step, e.values[0]?.simpleValue]);
    const ref = reference(12);
    expect(series('batch/lr')).toEqual(ref.lr.map((lr, i) => [i, Math.fround(lr)]));
    expect(series('batch/momentum')).toEqual(ref.momentum.map((m, i) => [i, Math.fround(m)]));
    expect(series('batch/loss')).toHaveLength(12);
    expect(series('batch/loss').every(([, v]) => Number.isFinite(v))).toBe(true);
    expect(series('epoch/lr').map(([s, v]) => [s, v])).toEqual([0, 4, 8].map((i, epoch) => [epoch, Math.fround(ref.lr[i] as number)]));
    expect(series('epoch/val_loss').map(([s]) => s)).toEqual([0, 1, 2]);
    expect(series('epoch/loss')).toHaveLength(3);
    expect(events.some((e) => e.values[0]?.tag === 'batch/size' || e.values[0]?.tag === 'batch/batch')).toBe(false);
    await writer.close();
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it("every: 'epoch' writes epoch tags only; works with a FileLogger and an optimizer", async () => {
    const { xs, ys } = makeData(32);
    const opt = tf.train.adam(0.01);
    const model = makeModel(opt);
    const path = join(root, 'adam.jsonl');
    const log = new FileLogger(path);
    await model.fit(xs, ys, { epochs: 2, batchSize: 16, verbose: 0, callbacks: [tensorBoardCallback(log, { optimizer: tfjsOptimizer(opt), every: 'epoch' })] });
    await log.close();
    const rows = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tag: string; step: number; value: number });
    expect(rows.map((r) => `${r.tag}@${r.step}`)).toEqual(['epoch/lr@0', 'epoch/beta1@0', 'epoch/loss@0', 'epoch/lr@1', 'epoch/beta1@1', 'epoch/loss@1']);
    expect(rows[0]?.value).toBe(0.01);
    expect(rows[1]?.value).toBe(0.9);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('fitDataset: batch tags at the global batch index across epochs', async () => {
    const { xs, ys } = makeData(32);
    const opt = tf.train.sgd(0.05);
    const model = makeModel(opt);
    const [xRows, yRows] = [tf.unstack(xs), tf.unstack(ys)];
    const dataset = tf.data.zip({ xs: tf.data.array(xRows), ys: tf.data.array(yRows) }).batch(8);
    const path = join(root, 'dataset.csv');
    const log = new FileLogger(path);
    await model.fitDataset(dataset, { epochs: 2, verbose: 0, callbacks: [tensorBoardCallback(log, { optimizer: tfjsOptimizer(opt) })] });
    await log.close();
    const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.filter((r) => r[2] === 'batch/lr').map((r) => [r[1], r[4]])).toEqual(Array.from({ length: 8 }, (_, i) => [String(i), '0.05']));
    expect(rows.filter((r) => r[2] === 'batch/loss')).toHaveLength(8);
    expect(rows.filter((r) => r[2] === 'epoch/loss').map((r) => r[1])).toEqual(['0', '1']);
    tf.dispose([xs, ys, ...xRows, ...yRows]);
    model.dispose();
  });

  it('bad arguments are OptionErrors', () => {
    const log = { addScalar: () => undefined } as unknown as FileLogger;
    expect(() => tensorBoardCallback({} as FileLogger, { optimizer: createOptimizer({ lr: 1 }) })).toThrow(/tensorBoardCallback\.logger/);
    expect(() => tensorBoardCallback(log, {})).toThrow(/tensorBoardCallback\.optimizer: expected an lrkit scheduler/);
    expect(() => tensorBoardCallback(log, { optimizer: createOptimizer({ lr: 1 }), every: 'step' as 'batch' })).toThrow(OptionError);
  });
});
