import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from './mnist.js';
import { useWasmBackend } from 'lrkit/tfjs/node';

beforeAll(useWasmBackend);

describe('loadMnist', () => {
  it('seeded, disjoint train/test splits of real digits with one-hot labels', () => {
    const a = loadMnist({ train: 200, test: 100, seed: 3 });
    const b = loadMnist({ train: 200, test: 100, seed: 3 });
    const c = loadMnist({ train: 200, test: 100, seed: 4 });
    expect(a.train.labels).toEqual(b.train.labels);
    expect(a.train.labels).not.toEqual(c.train.labels);
    expect(a.train.xs.shape).toEqual([200, 784]);
    expect(a.test.ys.shape).toEqual([100, 10]);
    expect(new Set(a.train.labels).size).toBe(10);
    const pixels = Array.from(a.train.xs.dataSync());
    expect(pixels.reduce((m, v) => Math.min(m, v), Infinity)).toBe(0);
    expect(pixels.reduce((m, v) => Math.max(m, v), -Infinity)).toBeLessThanOrEqual(1);
    expect(Array.from(tf.tidy(() => a.test.ys.argMax(1)).dataSync())).toEqual(a.test.labels);
    // no test image is also a training image
    const rows = (x: tf.Tensor2D) => x.arraySync().map((r) => r.join(','));
    const train = new Set(rows(a.train.xs));
    expect(rows(a.test.xs).filter((r) => train.has(r)).length).toBe(0);
    for (const s of [a, b, c]) tf.dispose([s.train.xs, s.train.ys, s.test.xs, s.test.ys]);
  });

  it('rejects impossible sizes', () => {
    expect(() => loadMnist({ train: 9000, test: 2000 })).toThrow(/loadMnist.train: expected train \+ test <= 10000 \(the samples in the mnist package\), got 11000/);
    expect(() => loadMnist({ train: 0 })).toThrow(/loadMnist.train: expected a positive integer/);
  });
});
