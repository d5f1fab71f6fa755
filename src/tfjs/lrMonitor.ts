import { Callback } from '@tensorflow/tfjs';
import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { knownKeys, oneOf, plainObject } from '../validate.js';
import { readHyperparameters } from './logs.js';

export interface LrMonitorOptions {
  /** Record before every batch's update (default) or once per epoch. */
  every?: 'batch' | 'epoch';
  /** Print each record: `true` for console.log, or your own line sink. Default false. */
  print?: boolean | ((line: string) => void);
}

/** The hyperparameters one update (or one epoch) used. */
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
 * const monitor = lrMonitor(tfjsOptimizer(optimizer), { print: true });
 * await model.fit(xs, ys, { epochs: 3, callbacks: [schedulerCallback(scheduler, { every: 'batch' }), monitor] });
 * monitor.records.map((r) => r.lr[0]); // one lr per batch
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
 * const monitor = lrMonitor(view, { every: 'epoch', print: (line) => logger.info(line) });
 */
export function lrMonitor(optimizer: Optimizer, options: LrMonitorOptions = {}): LrMonitor {
  return new LrMonitor(optimizer, options);
}
