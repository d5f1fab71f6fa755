import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWasm } from '../../test/tfjs/backend.js';
import { makeData, makeModel } from '../../test/tfjs/models.js';
import { createOptimizer } from '../optim/createOptimizer.js';
import { StepLR } from '../torch/StepLR.js';
import { lrMonitor } from './lrMonitor.js';
import { schedulerCallback } from './schedulerCallback.js';
import { tfjsOptimizer } from './tfjsOptimizer.js';

beforeAll(async () => {
  await useWasm();
});

describe('lrMonitor', () => {
  it('records and prints per epoch inside model.fit', async () => {
    const { xs, ys } = makeData(16);
    const opt = tf.train.adam(0.01);
    const model = makeModel(opt);
    const view = tfjsOptimizer(opt);
    const lines: string[] = [];
    const monitor = lrMonitor(view, { every: 'epoch', print: (line) => lines.push(line) });
    await model.fit(xs, ys, { epochs: 3, batchSize: 8, verbose: 0, callbacks: [schedulerCallback(new StepLR(view, { stepSize: 1, gamma: 0.5 })), monitor] });
    expect(monitor.records.map((r) => r.lr[0])).toEqual([0.01, 0.005, 0.0025]);
    expect(lines).toEqual(['epoch 0 lr 0.01 beta1 0.9', 'epoch 1 lr 0.005 beta1 0.9', 'epoch 2 lr 0.0025 beta1 0.9']);
    view.detach();
    tf.dispose([xs, ys]);
  });

  it('records in a custom loop with several groups', () => {
    const optimizer = createOptimizer({ lr: 0.1, groups: [{}, { lr: 0.01, momentum: 0.5 }] });
    const monitor = lrMonitor(optimizer);
    const rec = monitor.record(0, 0);
    expect(rec).toEqual({ step: 0, epoch: 0, batch: 0, lr: [0.1, 0.01], momentum: [0, 0.5] });
    expect(() => lrMonitor({} as never)).toThrow(/lrMonitor\.optimizer/);
    expect(() => lrMonitor(optimizer, { print: 'yes' as never })).toThrow(/lrMonitor\.print/);
  });
});
