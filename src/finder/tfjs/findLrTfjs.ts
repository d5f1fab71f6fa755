import * as tf from '@tensorflow/tfjs';
import { OptionError } from '../../errors.js';
import { restoreCheckpoint, saveCheckpoint, type Checkpoint } from '../../tfjs/checkpoint.js';
import { tfjsOptimizer, TfjsOptimizerView } from '../../tfjs/tfjsOptimizer.js';
import { boolean, integerAtLeast, knownKeys, plainObject, positiveInteger } from '../../validate.js';
import { findLr, type FindLrOptions, type FindLrResult } from '../findLr.js';
import { mulberry32, shuffleInPlace } from '../../random.js';

/**
 * Training data for {@link findLrTfjs}: whole tensors (batched by the finder) or a batched tf.data.Dataset.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const sgd = tf.train.momentum(0.05, 0.9);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: sgd, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const data: FinderData = { xs, ys };
 * const result = await findLrTfjs(model, data, { batchSize: 8, numIter: 20, startLr: 1e-4, endLr: 1 });
 * result.lrs.length > 0; // true
 */
export type FinderData =
  | { xs: tf.Tensor | tf.Tensor[]; ys: tf.Tensor | tf.Tensor[] }
  | tf.data.Dataset<{ xs: tf.Tensor | tf.Tensor[]; ys: tf.Tensor | tf.Tensor[] } | [tf.Tensor, tf.Tensor]>;

/**
 * Options of {@link findLrTfjs}: {@link findLr}'s sweep options plus batching.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const sgd = tf.train.momentum(0.05, 0.9);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: sgd, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const options: FindLrTfjsOptions = { batchSize: 8, numIter: 20, startLr: 1e-4, endLr: 1, seed: 1 };
 * (await findLrTfjs(model, { xs, ys }, options)).settings.numIter; // 20
 */
export interface FindLrTfjsOptions extends Omit<FindLrOptions, 'trainStep' | 'optimizer' | 'checkpoint'> {
  /** Batch size for tensor data (a Dataset is already batched). Default 32. */
  batchSize?: number;
  /** Shuffle tensor data each pass with a seeded permutation. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffling. Default 0. */
  seed?: number;
  /**
   * The lrkit view already driving `model.optimizer`, if you made one (a tfjs optimizer can be driven by one
   * view only). Default: the finder wraps `model.optimizer` itself and detaches afterwards.
   */
  optimizer?: TfjsOptimizerView;
}

/**
 * The LR range test for a compiled `tf.LayersModel`: one `model.trainOnBatch` per iteration while the lr
 * of `model.optimizer` sweeps from `startLr` to `endLr`. Afterwards the model weights, the optimizer's slot
 * variables (momentum, Adam moments), its iteration count and its lr are restored exactly, and every tensor
 * the finder made is disposed. Tensor data is batched by the finder (seeded shuffling); a Dataset must
 * yield batches `{ xs, ys }` (as for `model.fitDataset`) and is restarted when it runs out.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const sgd = tf.train.momentum(0.05, 0.9);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: sgd, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const result = await findLrTfjs(model, { xs, ys }, { batchSize: 8, numIter: 30, startLr: 1e-4, endLr: 10 });
 * result.suggestedLr !== undefined; // true (null when no rule finds a descent)
 */
export async function findLrTfjs(model: tf.LayersModel, data: FinderData, options: FindLrTfjsOptions = {}): Promise<FindLrResult> {
  if (!(model instanceof tf.LayersModel)) throw new OptionError('findLrTfjs.model', model, 'a tf.LayersModel');
  const tfOptimizer = (model as unknown as { optimizer?: tf.Optimizer }).optimizer;
  if (tfOptimizer === undefined || tfOptimizer === null) throw new OptionError('findLrTfjs.model', model.name, 'a compiled model (call model.compile first)');
  const opts = plainObject('findLrTfjs.options', options);
  const { batchSize: rawBatch, shuffle: rawShuffle, seed: rawSeed, optimizer: rawView, ...finderOptions } = opts;
  for (const key of ['trainStep', 'checkpoint']) {
    if (key in finderOptions) throw new OptionError(`findLrTfjs.${key}`, finderOptions[key], 'nothing (findLrTfjs trains the model and restores it itself)');
  }
  knownKeys('findLrTfjs', finderOptions, [
    'startLr', 'endLr', 'numIter', 'mode', 'smoothing', 'beta', 'divergeThreshold', 'stopOnDivergence', 'suggest', 'suggestOptions', 'onIteration',
  ]);
  const batchSize = positiveInteger('findLrTfjs.batchSize', rawBatch ?? 32);
  const shuffle = boolean('findLrTfjs.shuffle', rawShuffle ?? true);
  const seed = integerAtLeast('findLrTfjs.seed', rawSeed ?? 0, 0);
  if (rawView !== undefined && !(rawView instanceof TfjsOptimizerView && rawView.optimizers.length === 1 && rawView.optimizers[0] === tfOptimizer)) {
    throw new OptionError('findLrTfjs.optimizer', rawView, 'the tfjsOptimizer view of model.optimizer');
  }
  const batches = await batchSource(data, batchSize, shuffle, seed);
  const view = (rawView as TfjsOptimizerView | undefined) ?? tfjsOptimizer(tfOptimizer);
  try {
    return await findLr<Checkpoint>({
      ...(finderOptions as Omit<FindLrOptions, 'trainStep' | 'optimizer'>),
      optimizer: view,
      checkpoint: {
        save: () => saveCheckpoint({ model, optimizer: view }),
        restore: (saved) => restoreCheckpoint(saved, { model, optimizer: view }),
      },
      trainStep: async () => {
        const { xs, ys, owned } = await batches.next();
        try {
          const out = await model.trainOnBatch(xs, ys);
          return Array.isArray(out) ? (out[0] as number) : out;
        } finally {
          if (owned) tf.dispose([xs, ys]);
        }
      },
    });
  } finally {
    if (rawView === undefined) view.detach();
  }
}

interface Batch {
  xs: tf.Tensor | tf.Tensor[];
  ys: tf.Tensor | tf.Tensor[];
  /** The batch tensors were made for this step and must be freed after it. */
  owned: boolean;
}

interface BatchSource {
  next(): Promise<Batch>;
}

async function batchSource(data: FinderData, batchSize: number, shuffle: boolean, seed: number): Promise<BatchSource> {
  if (data instanceof tf.data.Dataset) return datasetSource(data as tf.data.Dataset<tf.TensorContainer>);
  const d = plainObject('findLrTfjs.data', data) as { xs?: unknown; ys?: unknown };
  const xs = tensorList('findLrTfjs.data.xs', d.xs);
  const ys = tensorList('findLrTfjs.data.ys', d.ys);
  const n = (xs[0] as tf.Tensor).shape[0] as number;
  [...xs, ...ys].forEach((t, i) => {
    if (t.shape[0] !== n) throw new OptionError('findLrTfjs.data', `tensor ${i} has ${t.shape[0]} samples`, `the same number of samples (${n}) in every xs and ys tensor`);
  });
  if (n === 0) throw new OptionError('findLrTfjs.data.xs', 0, 'at least one sample');
  const random = mulberry32(seed);
  let order: number[] = [];
  let cursor = 0;
  const single = (list: tf.Tensor[], original: unknown) => (Array.isArray(original) ? list : (list[0] as tf.Tensor));
  return {
    async next() {
      if (cursor >= order.length) {
        order = Array.from({ length: n }, (_, i) => i);
        if (shuffle) shuffleInPlace(order, random);
        cursor = 0;
      }
      // The last batch of a pass may be smaller, as in model.fit.
      const idx = order.slice(cursor, cursor + batchSize);
      cursor += batchSize;
      const indices = tf.tensor1d(idx, 'int32');
      const bx = xs.map((t) => tf.gather(t, indices));
      const by = ys.map((t) => tf.gather(t, indices));
      indices.dispose();
      return { xs: single(bx, d.xs), ys: single(by, d.ys), owned: true };
    },
  };
}

async function datasetSource(dataset: tf.data.Dataset<tf.TensorContainer>): Promise<BatchSource> {
  let iterator = await dataset.iterator();
  return {
    async next() {
      let item = await iterator.next();
      if (item.done) {
        // Like pytorch-lr-finder's TrainDataLoaderIter(auto_reset=True): start the data over.
        iterator = await dataset.iterator();
        item = await iterator.next();
        if (item.done) {
          throw new OptionError('findLrTfjs.data', 'an empty dataset', 'a tf.data.Dataset yielding at least one batch');
        }
      }
      const v = item.value as { xs?: tf.Tensor | tf.Tensor[]; ys?: tf.Tensor | tf.Tensor[] } | [tf.Tensor, tf.Tensor];
      if (Array.isArray(v) && v.length === 2) return { xs: v[0], ys: v[1], owned: true };
      if (typeof v === 'object' && v !== null && !Array.isArray(v) && v.xs !== undefined && v.ys !== undefined) return { xs: v.xs, ys: v.ys, owned: true };
      tf.dispose(v as tf.TensorContainer);
      throw new OptionError('findLrTfjs.data', v, 'dataset elements { xs, ys } (batched, as for model.fitDataset)');
    },
  };
}

function tensorList(option: string, value: unknown): tf.Tensor[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((t) => t instanceof tf.Tensor)) throw new OptionError(option, value, 'a tf.Tensor or an array of them');
  list.forEach((t, i) => {
    if ((t as tf.Tensor).rank === 0) throw new OptionError(Array.isArray(value) ? `${option}[${i}]` : option, 'a scalar', 'a tensor with a batch dimension');
  });
  return list as tf.Tensor[];
}
