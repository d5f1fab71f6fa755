// Shared by the tfjs examples: a small deterministic dataset.
import * as tf from '@tensorflow/tfjs';

/** Two interleaved half-moons, labels 0/1, deterministic. */
export function twoMoons(n: number, noise = 0.1, seed = 42): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  let s = seed;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const t = Math.PI * rand();
    const px = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const py = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    x.push([px + noise * (rand() * 2 - 1), py + noise * (rand() * 2 - 1)]);
    y.push([label]);
  }
  return { xs: tf.tensor2d(x), ys: tf.tensor2d(y) };
}
