import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useWasm } from '../../test/tfjs/backend.js';
import { makeData, makeModel, weightsOf } from '../../test/tfjs/models.js';
import { StateError } from '../errors.js';
import { CosineAnnealingLR } from '../torch/CosineAnnealingLR.js';
import { OneCycleLR } from '../torch/OneCycleLR.js';
import { restoreCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.js';
import { fileSystemHandler, readCheckpoint, writeCheckpoint } from './fileSystem.js';
import { schedulerCallback } from './schedulerCallback.js';
import { tfjsOptimizer } from './tfjsOptimizer.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lrkit-ckpt-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  await useWasm();
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Custom loop: a 2-layer MLP as raw variables, Adam with OneCycleLR cycling beta1.
const TOTAL = 40;
function customLoop(seed: number): { vars: tf.Variable[]; opt: tf.Optimizer; view: ReturnType<typeof tfjsOptimizer>; scheduler: OneCycleLR; step: () => void; dispose: () => void } {
  const { xs, ys } = makeData(32);
  const vars = [
    tf.variable(tf.randomNormal([3, 6], 0, 0.5, 'float32', seed)),
    tf.variable(tf.zeros([6])),
    tf.variable(tf.randomNormal([6, 1], 0, 0.5, 'float32', seed + 1)),
  ];
  const [w1, b1, w2] = vars as [tf.Variable, tf.Variable, tf.Variable];
  const opt = tf.train.adam(0.001, 0.9, 0.999, 1e-8);
  const view = tfjsOptimizer(opt);
  const scheduler = new OneCycleLR(view, { maxLr: 0.05, totalSteps: TOTAL });
  const step = (): void => {
    opt.minimize(() => tf.losses.meanSquaredError(ys, tf.matMul(tf.tanh(tf.add(tf.matMul(xs, w1), b1)), w2)) as tf.Scalar, false, vars);
    scheduler.step();
  };
  const dispose = (): void => {
    view.detach();
    opt.dispose();
    tf.dispose([xs, ys, ...vars]);
  };
  return { vars, opt, view, scheduler, step, dispose };
}

const values = (vars: tf.Variable[]): number[][] => vars.map((v) => Array.from(v.dataSync()));

describe('checkpoints: resumed training equals uninterrupted training', () => {
  it('custom loop, Adam + OneCycleLR (beta1 cycling), in memory and through a directory', async () => {
    const full = customLoop(1);
    for (let i = 0; i < TOTAL; i++) full.step();
    const expected = values(full.vars);
    full.dispose();

    const first = customLoop(1);
    for (let i = 0; i < TOTAL / 2; i++) first.step();
    const checkpoint = await saveCheckpoint({ model: first.vars, optimizer: first.view, scheduler: first.scheduler }, { extra: { step: TOTAL / 2 } });
    const dir = tempDir();
    await writeCheckpoint(dir, checkpoint);
    first.dispose();

    // Browser path: the checkpoint is a plain, structured-cloneable object.
    for (const source of ['memory', 'directory'] as const) {
      const loaded: Checkpoint = source === 'memory' ? structuredClone(checkpoint) : await readCheckpoint(dir);
      expect(loaded.extra).toEqual({ step: TOTAL / 2 });
      const resumed = customLoop(99); // different initial weights: everything must come from the checkpoint
      resumed.step(); // a used optimizer, with Adam slots: restoring must replace (and free) them
      const before = tf.memory().numTensors;
      await restoreCheckpoint(loaded, { model: resumed.vars, optimizer: resumed.view, scheduler: resumed.scheduler });
      expect(tf.memory().numTensors).toBe(before);
      for (let i = 0; i < TOTAL / 2; i++) resumed.step();
      expect(tf.memory().numTensors).toBe(before);
      expect(values(resumed.vars)).toEqual(expected);
      resumed.dispose();
    }
  });

  it('model.fit, Momentum + CosineAnnealingLR per epoch, through a directory', async () => {
    const { xs, ys } = makeData(48);
    const run = (seed: number): { model: tf.Sequential; view: ReturnType<typeof tfjsOptimizer>; scheduler: CosineAnnealingLR; fit: (epochs: number) => Promise<tf.History> } => {
      const opt = tf.train.momentum(0.05, 0.9);
      const model = makeModel(opt, seed);
      const view = tfjsOptimizer(opt);
      const scheduler = new CosineAnnealingLR(view, { tMax: 4, etaMin: 0.001 });
      const fit = (epochs: number): Promise<tf.History> => model.fit(xs, ys, { epochs, batchSize: 16, shuffle: false, verbose: 0, callbacks: [schedulerCallback(scheduler)] });
      return { model, view, scheduler, fit };
    };
    const full = run(1);
    const fullHistory = await full.fit(4);
    const expected = weightsOf(full.model);

    const first = run(1);
    await first.fit(2);
    const dir = tempDir();
    await writeCheckpoint(dir, await saveCheckpoint({ model: first.model, optimizer: first.view, scheduler: first.scheduler }));
    const resumed = run(5);
    await restoreCheckpoint(await readCheckpoint(dir), { model: resumed.model, optimizer: resumed.view, scheduler: resumed.scheduler });
    const resumedHistory = await resumed.fit(2);
    expect(weightsOf(resumed.model)).toEqual(expected);
    expect(resumedHistory.history.lr).toEqual((fullHistory.history.lr as number[]).slice(2));
    // The model part is a standard tfjs model directory.
    const files = readdirSync(dir).sort();
    expect(files).toEqual(expect.arrayContaining(['checkpoint.json']));
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
    [full, first, resumed].forEach((r) => r.view.detach());
    tf.dispose([xs, ys]);
  });
});

describe('checkpoint files', () => {
  it('a second save replaces the first and removes its files; stray temp files do not matter', async () => {
    const loop = customLoop(3);
    loop.step();
    const dir = tempDir();
    await writeCheckpoint(dir, await saveCheckpoint({ model: loop.vars, optimizer: loop.view, scheduler: loop.scheduler }));
    const firstFiles = readdirSync(dir);
    writeFileSync(path.join(dir, 'checkpoint.json.tmp-1-crashed'), '{"half":');
    loop.step();
    await writeCheckpoint(dir, await saveCheckpoint({ model: loop.vars, optimizer: loop.view, scheduler: loop.scheduler }, { extra: 'second' }));
    const secondFiles = readdirSync(dir);
    expect(secondFiles.filter((f) => firstFiles.includes(f) && f !== 'checkpoint.json' && !f.includes('.tmp-'))).toEqual([]);
    expect((await readCheckpoint(dir)).extra).toBe('second');
    loop.dispose();
    await expect(readCheckpoint(tempDir())).rejects.toThrow(/checkpoint\.json: cannot read/);
  });

  it('fileSystemHandler saves a LayersModel that tf.loadLayersModel reads back', async () => {
    const model = makeModel(tf.train.sgd(0.1), 4);
    const dir = tempDir();
    await model.save(fileSystemHandler(dir));
    await model.save(fileSystemHandler(dir));
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const loaded = await tf.loadLayersModel(fileSystemHandler(dir));
    expect(weightsOf(loaded)).toEqual(weightsOf(model));
    model.dispose();
    loaded.dispose();
  });

  it('Adamax: tfjs cannot save its moments; the error says so and how to proceed', async () => {
    const opt = tf.train.adamax(0.01);
    const view = tfjsOptimizer(opt);
    await expect(saveCheckpoint({ optimizer: view })).rejects.toThrow(/saveCheckpoint\.optimizer\.optimizers\[0\]: expected a tfjs optimizer whose state tfjs can save .*optimizerWeights: false/);
    const ckpt = await saveCheckpoint({ optimizer: view }, { optimizerWeights: false });
    expect(ckpt.optimizerWeights).toEqual([null]);
    view.detach();
  });

  it('refuses checkpoints that do not fit, before changing anything', async () => {
    const loop = customLoop(3);
    const ckpt = await saveCheckpoint({ model: loop.vars, optimizer: loop.view, scheduler: loop.scheduler });
    const before = values(loop.vars);
    const other = tfjsOptimizer(tf.train.sgd(0.1));
    await expect(restoreCheckpoint(ckpt, { optimizer: other })).rejects.toThrow(/checkpoint\.optimizer\.kinds: expected \["SGD"\]/);
    await expect(restoreCheckpoint({ ...ckpt, version: 2 } as unknown as Checkpoint, { optimizer: loop.view })).rejects.toThrow(StateError);
    const wrongShape = [tf.variable(tf.zeros([2, 2])), tf.variable(tf.zeros([6])), tf.variable(tf.zeros([6, 1]))];
    await expect(restoreCheckpoint(ckpt, { model: wrongShape, optimizer: loop.view })).rejects.toThrow(/weightSpecs\[0\]: shape \[3, 6\] does not fit/);
    expect(values(loop.vars)).toEqual(before);
    other.detach();
    tf.dispose(wrongShape);
    loop.dispose();
  });
});
