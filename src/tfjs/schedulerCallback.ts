import { Callback } from '@tensorflow/tfjs';
import { OptionError } from '../errors.js';
import type { Scheduler } from '../torch/LRScheduler.js';
import { knownKeys, oneOf, plainObject } from '../validate.js';
import { readHyperparameters, readLogValue, writeHyperparameters, type GroupValues, type UnresolvedLogs } from './logs.js';
import { TfjsOptimizerView } from './tfjsOptimizer.js';

export interface SchedulerCallbackOptions {
  /** Step the scheduler after every batch or after every epoch. Default `'epoch'` (PyTorch's classic loop). */
  every?: 'batch' | 'epoch';
  /**
   * For schedulers stepped on a metric (`stepInput: 'metric'`: ReduceLROnPlateau, a WarmupLR over one, a
   * PlateauSequentialLR with a plateau phase): the log key whose value is passed to `step(metric)`, e.g.
   * `'val_loss'` (default), `'loss'`, `'val_acc'`. With `every: 'batch'` it is read from the batch logs.
   */
  monitor?: string;
  /**
   * Write the lr (and momentum / beta1) each update used into the logs, so `History` records them.
   * Default true. Keys: `lr`, `momentum` or `beta1`; further param groups get `_1`, `_2`, ... suffixes.
   */
  log?: boolean;
}

/**
 * A tfjs `model.fit` / `fitDataset` callback that steps an lrkit scheduler.
 *
 * The scheduler must drive the model's optimizer through {@link tfjsOptimizer} (checked when training
 * starts: compiling with `optimizer: 'adam'` makes a new optimizer the schedule would never reach).
 * The step happens after the optimizer's update (onBatchEnd / onEpochEnd), PyTorch's order.
 *
 * @example
 * const optimizer = tf.train.momentum(0.01, 0.9);
 * model.compile({ optimizer, loss: 'meanSquaredError' });
 * const scheduler = new OneCycleLR(tfjsOptimizer(optimizer), { maxLr: 0.1, epochs: 10, stepsPerEpoch: 32 });
 * const history = await model.fit(xs, ys, { epochs: 10, batchSize: 8, callbacks: [schedulerCallback(scheduler, { every: 'batch' })] });
 * history.history.lr; // lr of the last update of each epoch
 */
export class SchedulerCallback extends Callback {
  readonly scheduler: Scheduler;
  readonly every: 'batch' | 'epoch';
  readonly monitor: string | undefined;
  readonly log: boolean;
  // Hyperparameters in effect for the batch that is running (read at its start, before any step).
  private current: GroupValues[] = [];

  constructor(scheduler: Scheduler, options: SchedulerCallbackOptions = {}) {
    super();
    const opts = plainObject('schedulerCallback.options', options);
    knownKeys('schedulerCallback', opts, ['every', 'monitor', 'log']);
    if (typeof scheduler !== 'object' || scheduler === null || typeof (scheduler as Partial<Scheduler>).step !== 'function') {
      throw new OptionError('schedulerCallback.scheduler', scheduler, 'an lrkit scheduler');
    }
    if (!(scheduler.optimizer instanceof TfjsOptimizerView)) {
      throw new OptionError('schedulerCallback.scheduler.optimizer', scheduler.optimizer, 'a tfjsOptimizer(...) view of the optimizer the model is compiled with');
    }
    this.scheduler = scheduler;
    this.every = opts.every === undefined ? 'epoch' : oneOf('schedulerCallback.every', opts.every, ['batch', 'epoch'] as const);
    const metric = scheduler.stepInput === 'metric';
    if (opts.monitor !== undefined && !metric) {
      throw new OptionError('schedulerCallback.monitor', opts.monitor, `no monitor for ${scheduler.type} (it is not stepped on a metric)`);
    }
    if (opts.monitor !== undefined && (typeof opts.monitor !== 'string' || opts.monitor === '')) {
      throw new OptionError('schedulerCallback.monitor', opts.monitor, 'a log key such as "val_loss" or "loss"');
    }
    this.monitor = metric ? ((opts.monitor as string | undefined) ?? 'val_loss') : undefined;
    if (opts.log !== undefined && typeof opts.log !== 'boolean') throw new OptionError('schedulerCallback.log', opts.log, 'a boolean');
    this.log = opts.log ?? true;
  }

  override async onTrainBegin(): Promise<void> {
    const view = this.scheduler.optimizer as TfjsOptimizerView;
    const compiled = this.model?.optimizer;
    if (compiled !== undefined && compiled !== null && !view.optimizers.includes(compiled)) {
      throw new OptionError(
        'schedulerCallback.scheduler.optimizer',
        view.kinds.join(', '),
        `a view of the optimizer the model was compiled with (${compiled.getClassName()}); compile with the tfjs optimizer object you wrapped, not a name like 'adam'`,
      );
    }
    this.current = readHyperparameters(view);
  }

  override async onBatchBegin(): Promise<void> {
    this.current = readHyperparameters(this.scheduler.optimizer);
  }

  override async onBatchEnd(_batch: number, logs?: UnresolvedLogs): Promise<void> {
    if (this.log) writeHyperparameters(logs, this.current);
    if (this.every === 'batch') await this.step(logs, 'batch');
  }

  override async onEpochEnd(_epoch: number, logs?: UnresolvedLogs): Promise<void> {
    // The epoch's row in History gets the values its last update used.
    if (this.log) writeHyperparameters(logs, this.current);
    if (this.every === 'epoch') await this.step(logs, 'epoch');
    this.current = readHyperparameters(this.scheduler.optimizer);
  }

  private async step(logs: UnresolvedLogs | undefined, kind: 'batch' | 'epoch'): Promise<void> {
    if (this.monitor !== undefined) {
      (this.scheduler as Scheduler & { step(metric: number): void }).step(await readLogValue('schedulerCallback.monitor', logs, this.monitor, kind));
    } else {
      (this.scheduler as Scheduler & { step(): void }).step();
    }
  }
}

/**
 * Creates a {@link SchedulerCallback} for `model.fit` / `fitDataset`.
 *
 * @example
 * const plateau = new ReduceLROnPlateau(tfjsOptimizer(optimizer), { patience: 2 });
 * await model.fit(xs, ys, { epochs: 20, validationSplit: 0.2, callbacks: [schedulerCallback(plateau, { monitor: 'val_loss' })] });
 */
export function schedulerCallback(scheduler: Scheduler, options: SchedulerCallbackOptions = {}): SchedulerCallback {
  return new SchedulerCallback(scheduler, options);
}
