import { Callback } from '@tensorflow/tfjs';
import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import type { TrainingLogger } from '../tensorboard/logger.js';
import type { Scheduler } from '../torch/LRScheduler.js';
import { knownKeys, oneOf, plainObject } from '../validate.js';
import { readHyperparameters, type GroupValues, type UnresolvedLogs } from './logs.js';

export interface TensorBoardCallbackOptions {
  /** The scheduler whose optimizer's lr and momentum (or beta1) are logged. Give this or `optimizer`. */
  scheduler?: Scheduler;
  /** The lrkit optimizer view to read lr and momentum from, when there is no scheduler. */
  optimizer?: Optimizer;
  /** 'batch' (default): `batch/*` tags every update, plus `epoch/*` tags; 'epoch': `epoch/*` tags only. */
  every?: 'batch' | 'epoch';
}

// Keys of tfjs batch logs that are bookkeeping, not measurements.
const SKIP = new Set(['batch', 'size']);

/**
 * A tfjs `model.fit` / `fitDataset` callback that logs training to a {@link TrainingLogger} (lrkit/tensorboard's
 * SummaryWriter or FileLogger). Per batch (step = global batch index): `batch/lr`, `batch/momentum` (or
 * `batch/beta1`; `_1`, `_2`, ... for further param groups) as used by that update, and every numeric batch log
 * (`batch/loss`, `batch/acc`, ...). Per epoch (step = epoch): `epoch/lr`, ... and every epoch log (`epoch/loss`,
 * `epoch/val_loss`, ...). Flushes the logger when training ends; closing it stays with you.
 *
 * @example
 * const writer = new SummaryWriter('runs/onecycle');
 * await model.fit(xs, ys, { epochs: 5, callbacks: [schedulerCallback(scheduler, { every: 'batch' }), tensorBoardCallback(writer, { scheduler })] });
 * await writer.close();
 */
export class TensorBoardCallback extends Callback {
  readonly logger: TrainingLogger;
  readonly optimizer: Optimizer;
  readonly every: 'batch' | 'epoch';
  private globalBatch = 0;
  private batchValues: GroupValues[] = [];
  private epochValues: GroupValues[] = [];

  constructor(logger: TrainingLogger, options: TensorBoardCallbackOptions) {
    super();
    if (typeof logger !== 'object' || logger === null || typeof (logger as Partial<TrainingLogger>).addScalar !== 'function') {
      throw new OptionError('tensorBoardCallback.logger', logger, 'a SummaryWriter or FileLogger from lrkit/tensorboard');
    }
    const opts = plainObject('tensorBoardCallback.options', options);
    knownKeys('tensorBoardCallback', opts, ['scheduler', 'optimizer', 'every']);
    const optimizer = (opts.scheduler as Scheduler | undefined)?.optimizer ?? (opts.optimizer as Optimizer | undefined);
    if (typeof optimizer !== 'object' || optimizer === null || !Array.isArray((optimizer as Partial<Optimizer>).paramGroups)) {
      const option = opts.scheduler !== undefined ? 'tensorBoardCallback.scheduler' : 'tensorBoardCallback.optimizer';
      throw new OptionError(option, opts.scheduler ?? opts.optimizer, 'an lrkit scheduler (or a tfjsOptimizer(...) view) to read lr and momentum from');
    }
    this.logger = logger;
    this.optimizer = optimizer;
    this.every = opts.every === undefined ? 'batch' : oneOf('tensorBoardCallback.every', opts.every, ['batch', 'epoch'] as const);
  }

  override async onEpochBegin(): Promise<void> {
    this.epochValues = readHyperparameters(this.optimizer);
  }

  override async onBatchBegin(): Promise<void> {
    if (this.every === 'batch') this.batchValues = readHyperparameters(this.optimizer);
  }

  override async onBatchEnd(_batch: number, logs?: UnresolvedLogs): Promise<void> {
    if (this.every !== 'batch') return;
    await this.write('batch/', this.globalBatch, this.batchValues, logs);
    this.globalBatch += 1;
  }

  override async onEpochEnd(epoch: number, logs?: UnresolvedLogs): Promise<void> {
    await this.write('epoch/', epoch, this.epochValues, logs);
  }

  override async onTrainEnd(): Promise<void> {
    await this.logger.flush();
  }

  private async write(prefix: string, step: number, groups: GroupValues[], logs: UnresolvedLogs | undefined): Promise<void> {
    const written = new Set<string>();
    groups.forEach((g, i) => {
      const suffix = i === 0 ? '' : `_${i}`;
      this.logger.addScalar(`${prefix}lr${suffix}`, g.lr, step);
      written.add(`lr${suffix}`);
      if (g.momentum !== undefined) {
        this.logger.addScalar(`${prefix}${g.momentumName}${suffix}`, g.momentum, step);
        written.add(`${g.momentumName}${suffix}`);
      }
    });
    for (const [key, value] of Object.entries(logs ?? {})) {
      // schedulerCallback also puts lr/momentum into the logs; those are already written above.
      if (SKIP.has(key) || written.has(key)) continue;
      const number = typeof value === 'number' ? value : ((await value.data())[0] as number);
      this.logger.addScalar(`${prefix}${key}`, number, step);
    }
  }
}

/** Creates a {@link TensorBoardCallback}. */
export function tensorBoardCallback(logger: TrainingLogger, options: TensorBoardCallbackOptions): TensorBoardCallback {
  return new TensorBoardCallback(logger, options);
}
