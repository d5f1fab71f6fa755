import { createOptimizer, findLr, type FindLrResult } from '../../src/index.js';

/**
 * The LR range test of the guide, for its chart: gradient descent on a noisy quadratic, (w - 3)^2 with a
 * seeded noisy gradient, swept from `startLr` to `endLr`. The same code as the guide's example.
 */
export async function noisyQuadraticRangeTest(options: { startLr?: number; endLr?: number; numIter?: number; seed?: number } = {}): Promise<FindLrResult> {
  const optimizer = createOptimizer({ lr: 0.01 });
  let w = 0;
  let seed = options.seed ?? 1;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.1;
  return findLr({
    optimizer,
    startLr: options.startLr ?? 1e-4,
    endLr: options.endLr ?? 10,
    numIter: options.numIter ?? 100,
    trainStep: ({ lr }) => {
      w -= lr * (2 * (w - 3) + noise());
      return (w - 3) ** 2;
    },
    checkpoint: { save: () => w, restore: (saved) => void (w = saved) },
  });
}
