import { Callback, dispose, type Tensor } from '@tensorflow/tfjs';
import { OptionError } from '../errors.js';
import { boolean, finiteNumber, knownKeys, nonNegativeInteger, oneOf, plainObject } from '../validate.js';
import { readLogValue, type UnresolvedLogs } from './logs.js';

/**
 * Options of {@link earlyStopping} (Keras EarlyStopping's, in lowerCamelCase).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const sgd = tf.train.momentum(0.05, 0.9);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: sgd, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const options: EarlyStoppingOptions = { monitor: 'loss', patience: 1, minDelta: 1e9 };
 * const stopper = earlyStopping(options);
 * await model.fit(xs, ys, { epochs: 10, verbose: 0, callbacks: [stopper] });
 * stopper.stoppedEpoch; // 1
 */
export interface EarlyStoppingOptions {
  /** Epoch-log key to watch. Default `'val_loss'`. */
  monitor?: string;
  /** Smallest change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement before training stops. Default 0. */
  patience?: number;
  /** `'min'`, `'max'`, or `'auto'` (default): `'max'` for keys containing `acc`, else `'min'`. */
  mode?: 'min' | 'max' | 'auto';
  /** Value the metric must beat to count as an improvement at all. Default: none. */
  baseline?: number;
  /**
   * Keep a copy of the weights of the best epoch and put them back into the model when training ends
   * (whether it stopped early or ran all epochs). Default false.
   */
  restoreBestWeights?: boolean;
}

/**
 * Keras-style early stopping for tfjs `model.fit`, with a `restoreBestWeights` that works (tfjs's own
 * `tf.callbacks.earlyStopping` throws NotImplementedError for it).
 *
 * Semantics follow Keras 2: an epoch improves if it beats the best value by more than `minDelta`;
 * after `patience` epochs without improvement training stops. With `restoreBestWeights`, the weights of
 * the best epoch are restored at the end of training even if it did not stop early (Keras only restores
 * when it stops; we always return the best weights you asked for).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const sgd = tf.train.momentum(0.05, 0.9);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: sgd, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const stopper = new EarlyStoppingCallback({ monitor: 'val_loss', patience: 3, restoreBestWeights: true });
 * await model.fit(xs, ys, { epochs: 5, verbose: 0, validationSplit: 0.25, callbacks: [stopper] });
 * stopper.bestEpoch >= 0; // true (the epoch whose weights the model now holds)
 */
export class EarlyStoppingCallback extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  /** Best monitored value so far. */
  best = Infinity;
  /** Epoch of the best value, or -1. */
  bestEpoch = -1;
  /** Epoch at which training was stopped, or -1 if it ran to the end. */
  stoppedEpoch = -1;
  /** Whether the best weights were put back into the model at the end of training. */
  restored = false;
  private wait = 0;
  private bestWeights: Tensor[] | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    const opts = plainObject('earlyStopping.options', options);
    knownKeys('earlyStopping', opts, ['monitor', 'minDelta', 'patience', 'mode', 'baseline', 'restoreBestWeights']);
    if (opts.monitor !== undefined && (typeof opts.monitor !== 'string' || opts.monitor === '')) {
      throw new OptionError('earlyStopping.monitor', opts.monitor, 'a log key such as "val_loss"');
    }
    this.monitor = (opts.monitor as string | undefined) ?? 'val_loss';
    this.minDelta = Math.abs(opts.minDelta === undefined ? 0 : finiteNumber('earlyStopping.minDelta', opts.minDelta));
    this.patience = opts.patience === undefined ? 0 : nonNegativeInteger('earlyStopping.patience', opts.patience);
    const mode = opts.mode === undefined ? 'auto' : oneOf('earlyStopping.mode', opts.mode, ['min', 'max', 'auto'] as const);
    this.mode = mode === 'auto' ? (this.monitor.includes('acc') ? 'max' : 'min') : mode;
    this.baseline = opts.baseline === undefined ? undefined : finiteNumber('earlyStopping.baseline', opts.baseline);
    this.restoreBestWeights = opts.restoreBestWeights === undefined ? false : boolean('earlyStopping.restoreBestWeights', opts.restoreBestWeights);
  }

  override async onTrainBegin(): Promise<void> {
    this.wait = 0;
    this.stoppedEpoch = -1;
    this.bestEpoch = -1;
    this.restored = false;
    this.best = this.baseline ?? (this.mode === 'min' ? Infinity : -Infinity);
    this.dropSnapshot();
  }

  override async onEpochEnd(epoch: number, logs?: UnresolvedLogs): Promise<void> {
    const value = await readLogValue('earlyStopping.monitor', logs, this.monitor, 'epoch');
    const improved = this.mode === 'min' ? value < this.best - this.minDelta : value > this.best + this.minDelta;
    if (improved) {
      this.best = value;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.restoreBestWeights) this.snapshot();
      return;
    }
    this.wait += 1;
    if (this.wait >= this.patience) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  override async onTrainEnd(): Promise<void> {
    if (this.restoreBestWeights && this.bestWeights !== null) {
      this.model.setWeights(this.bestWeights);
      this.restored = true;
    }
    this.dropSnapshot();
  }

  private snapshot(): void {
    this.dropSnapshot();
    // getWeights() returns the live variables; clone so later updates do not change the snapshot.
    this.bestWeights = this.model.getWeights().map((w) => w.clone());
  }

  private dropSnapshot(): void {
    if (this.bestWeights !== null) dispose(this.bestWeights);
    this.bestWeights = null;
  }
}

/**
 * Creates an {@link EarlyStoppingCallback}.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const sgd = tf.train.momentum(0.05, 0.9);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: sgd, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * await model.fit(xs, ys, { epochs: 5, verbose: 0, validationSplit: 0.25, callbacks: [earlyStopping({ patience: 2, restoreBestWeights: true })] });
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStoppingCallback {
  return new EarlyStoppingCallback(options);
}
