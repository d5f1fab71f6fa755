/**
 * TensorFlow.js model.fit with lrkit: ReduceLROnPlateau on val_loss, early stopping that restores the
 * best weights, and the lr recorded in History.
 *
 *   npx tsx examples/tfjs-fit.ts
 *
 * In your project, import from 'lrkit' and 'lrkit/tfjs' instead of ../src.
 */
import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import { ReduceLROnPlateau } from '../src/index.js';
import { earlyStopping, lrMonitor, schedulerCallback, tfjsOptimizer } from '../src/tfjs/index.js';
import { twoMoons } from './twoMoons.js';
import { useWasmBackend } from '../src/tfjs/wasmBackend.js';

export interface FitExampleOptions {
  samples?: number;
  epochs?: number;
  log?: (line: string) => void;
}

export interface FitExampleResult {
  backend: string;
  /** History as tfjs records it, including `lr` and `beta1` per epoch. */
  history: Record<string, number[]>;
  bestEpoch: number;
  stoppedEpoch: number;
  /** val_loss of the weights the model holds after fit() (the best epoch's). */
  finalValLoss: number;
}

export async function runFitExample(options: FitExampleOptions = {}): Promise<FitExampleResult> {
  const { samples = 600, epochs = 60, log = () => {} } = options;
  const backend = await useWasmBackend();
  const { xs, ys } = twoMoons(samples, 0.25);
  const nVal = Math.floor(samples / 4);
  const [xTrain, xVal] = tf.split(xs, [samples - nVal, nVal]) as [tf.Tensor2D, tf.Tensor2D];
  const [yTrain, yVal] = tf.split(ys, [samples - nVal, nVal]) as [tf.Tensor2D, tf.Tensor2D];

  const adam = tf.train.adam(0.05);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: 32, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 3 }) }),
      tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 4 }) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
    ],
  });
  // Compile with the optimizer *object* the view wraps (a name like 'adam' would create another one).
  model.compile({ optimizer: adam, loss: 'binaryCrossentropy', metrics: ['accuracy'] });

  const optimizer = tfjsOptimizer(adam);
  const plateau = new ReduceLROnPlateau(optimizer, { factor: 0.3, patience: 3, minLr: 1e-4 });
  const stopper = earlyStopping({ monitor: 'val_loss', patience: 8, restoreBestWeights: true });
  const history = await model.fit(xTrain, yTrain, {
    epochs,
    batchSize: 32,
    validationData: [xVal, yVal],
    shuffle: false,
    verbose: 0,
    callbacks: [schedulerCallback(plateau, { monitor: 'val_loss' }), stopper, lrMonitor(optimizer, { every: 'epoch', print: log })],
  });
  const finalValLoss = tf.tidy(() => (model.evaluate(xVal, yVal) as tf.Scalar[])[0]!.dataSync()[0] as number);
  log(`best epoch ${stopper.bestEpoch} (val_loss ${stopper.best.toFixed(4)}), stopped at ${stopper.stoppedEpoch}; model now scores val_loss ${finalValLoss.toFixed(4)} on ${backend}`);
  optimizer.detach();
  model.dispose();
  adam.dispose();
  tf.dispose([xs, ys, xTrain, xVal, yTrain, yVal]);
  return { backend, history: history.history as Record<string, number[]>, bestEpoch: stopper.bestEpoch, stoppedEpoch: stopper.stoppedEpoch, finalValLoss };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runFitExample({ log: (line) => console.log(line) });
}
