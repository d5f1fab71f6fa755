import * as tf from '@tensorflow/tfjs';

/** Deterministic regression data: y = sin(2 x0) + 0.5 x1 x2, n samples in [-1, 1]^3. */
export function makeData(n = 64, seed = 7): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  let s = seed;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 - 1;
  };
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = [rand(), rand(), rand()] as [number, number, number];
    x.push(row);
    y.push([Math.sin(2 * row[0]) + 0.5 * row[1] * row[2]]);
  }
  return { xs: tf.tensor2d(x), ys: tf.tensor2d(y) };
}

/** A small MLP with seeded initializers, compiled with `optimizer`. */
export function makeModel(optimizer: tf.Optimizer | string, seed = 1): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [3], units: 8, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}

/** All weights of a model as plain arrays (for exact comparisons). */
export function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}
