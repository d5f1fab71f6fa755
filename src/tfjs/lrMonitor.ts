import { Callback } from '@tensorflow/tfjs';
import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { knownKeys, oneOf, plainObject } from '../validate.js';
import { readHyperparameters } from './logs.js';

/**
 * Options of {@link lrMonitor}.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const sgd = tf.train.momentum(0.05, 0.9);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: sgd, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const options: LrMonitorOptions = { every: 'epoch', print: false };
 * const monitor = lrMonitor(tfjsOptimizer(sgd), options);
 * await model.fit(xs, ys, { epochs: 2, verbose: 0, callbacks: [monitor] });
 * monitor.records.length; // 2
 */
export interface LrMonitorOptions {
  /** Record before every batch's update (default) or once per epoch. */
  every?: 'batch' | 'epoch';
  /** Print each record: `true` for console.log, or your own line sink. Default false. */
  print?: boolean | ((line: string) => void);
}

/**
 * The hyperparameters one update (or one epoch) used.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const sgd = tf.train.momentum(0.05, 0.9);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: sgd, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const monitor = lrMonitor(tfjsOptimizer(sgd));
 * await model.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: [monitor] });
 * const record: LrRecord = monitor.records[0]!;
 * record.lr; // [0.05]
 * record.momentum; // [0.9]
 */
export interface LrRecord {
  /** 0-based count of records so far (global batch index with `every: 'batch'`). */
  step: number;
  epoch: number;
  /** Batch index within the epoch; -1 for epoch records. */
  batch: number;
  /** lr of every param group. */
  lr: number[];
  /** momentum (beta1 for Adam-like groups) of every param group; null where a group has none. */
  momentum: Array<number | null>;
}

/**
 * Records (and optionally prints) the lr and momentum every update actually used. Works as a tfjs
 * `model.fit` callback, or call {@link LrMonitor.record} yourself in a custom loop.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const sgd = tf.train.momentum(0.05, 0.9);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: sgd, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const optimizer = tfjsOptimizer(sgd);
 * const scheduler = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
 * const monitor = new LrMonitor(optimizer, { every: 'batch' });
 * await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [schedulerCallback(scheduler, { every: 'batch' }), monitor] });
 * monitor.records.map((r) => r.lr[0]); // [0.05, 0.05, 0.025, 0.025]
 */
export class LrMonitor extends Callback {
  readonly optimizer: Optimizer;
  readonly every: 'batch' | 'epoch';
  readonly records: LrRecord[] = [];
  private readonly sink: ((line: string) => void) | null;
  private epoch = 0;

  constructor(optimizer: Optimizer, options: LrMonitorOptions = {}) {
    super();
    if (typeof optimizer !== 'object' || optimizer === null || !Array.isArray((optimizer as Partial<Optimizer>).paramGroups)) {
      throw new OptionError('lrMonitor.optimizer', optimizer, 'an lrkit optimizer (e.g. tfjsOptimizer(...))');
    }
    const opts = plainObject('lrMonitor.options', options);
    knownKeys('lrMonitor', opts, ['every', 'print']);
    this.optimizer = optimizer;
    this.every = opts.every === undefined ? 'batch' : oneOf('lrMonitor.every', opts.every, ['batch', 'epoch'] as const);
    const print = opts.print;
    if (print !== undefined && typeof print !== 'boolean' && typeof print !== 'function') {
      throw new OptionError('lrMonitor.print', print, 'a boolean or a function (line) => void');
    }
    this.sink = print === true ? (line) => console.log(line) : typeof print === 'function' ? (print as (line: string) => void) : null;
  }

  /** Records the current values; `batch` -1 means an epoch record. Returns the record. */
  record(epoch: number, batch = -1): LrRecord {
    const values = readHyperparameters(this.optimizer);
    const rec: LrRecord = {
      step: this.records.length,
      epoch,
      batch,
      lr: values.map((v) => v.lr),
      momentum: values.map((v) => v.momentum ?? null),
    };
    this.records.push(rec);
    if (this.sink !== null) {
      const where = batch >= 0 ? `epoch ${epoch} batch ${batch}` : `epoch ${epoch}`;
      const label = values.some((v) => v.momentumName === 'beta1') ? (values.every((v) => v.momentumName === 'beta1') ? 'beta1' : 'momentum/beta1') : 'momentum';
      const mom = rec.momentum.some((m) => m !== null) ? ` ${label} ${rec.momentum.map((m) => (m === null ? '-' : String(m))).join(', ')}` : '';
      this.sink(`${where} lr ${rec.lr.join(', ')}${mom}`);
    }
    return rec;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epoch = epoch;
    if (this.every === 'epoch') this.record(epoch);
  }

  override async onBatchBegin(batch: number): Promise<void> {
    if (this.every === 'batch') this.record(this.epoch, batch);
  }
}

/**
 * Creates an {@link LrMonitor}.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const lines: string[] = [];
 * const monitor = lrMonitor(tfjsOptimizer(tf.train.sgd(0.1)), { every: 'epoch', print: (line) => void lines.push(line) });
 * monitor.records.length; // 0
 */
export function lrMonitor(optimizer: Optimizer, options: LrMonitorOptions = {}): LrMonitor {
  return new LrMonitor(optimizer, options);
}
