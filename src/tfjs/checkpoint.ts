import { dispose, io, LayersModel, type Tensor, type Variable } from '@tensorflow/tfjs';
import { LrkitError, OptionError, StateError } from '../errors.js';
import type { JsonValue, SchedulerState } from '../state.js';

/** tfjs-core's `NamedTensor` (not re-exported by @tensorflow/tfjs). */
type NamedTensor = { name: string; tensor: Tensor };
import type { Scheduler } from '../torch/LRScheduler.js';
import { TfjsOptimizerView, type TfjsOptimizerViewState } from './tfjsOptimizer.js';

/**
 * Encoded tensors: tfjs weight specs plus one binary buffer (the tfjs weights format).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const adam = tf.train.adam(0.01);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: adam, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * model.fit(xs, ys, { epochs: 1, verbose: 0 });
 * const checkpoint = await saveCheckpoint({ model, optimizer: tfjsOptimizer(adam) });
 * const weights: EncodedWeights | null = checkpoint.optimizerWeights[0] ?? null;
 * weights === null || weights.weightData.byteLength >= 0; // true
 */
export interface EncodedWeights {
  weightSpecs: io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

/**
 * Everything needed to resume training mid-schedule, as a plain object (ArrayBuffers inside, so it can
 * go to IndexedDB or `postMessage` as is). In Node, {@link writeCheckpoint} stores it in a directory.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const adam = tf.train.adam(0.01);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: adam, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const checkpoint: Checkpoint = await saveCheckpoint({ model, optimizer: tfjsOptimizer(adam) }, { extra: { epoch: 3 } });
 * checkpoint.format; // 'lrkit.tfjsCheckpoint'
 * JSON.stringify(checkpoint.extra); // '{"epoch":3}'
 */
export interface Checkpoint {
  format: 'lrkit.tfjsCheckpoint';
  version: 1;
  /** Model weights (and topology for a LayersModel), as tfjs `ModelArtifacts`; null if no model was given. */
  model: io.ModelArtifacts | null;
  /** Per wrapped tfjs optimizer: its slot variables and iteration count from `getWeights()`; null where not saved. */
  optimizerWeights: Array<EncodedWeights | null>;
  /** The view's param groups: lr, momentum / betas and scheduler bookkeeping (`initialLr`, ...). */
  optimizer: TfjsOptimizerViewState;
  scheduler: SchedulerState | null;
  /** Your own JSON data (epoch counters, data-loader position, ...). */
  extra: JsonValue | null;
}

/**
 * What to save or restore.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const adam = tf.train.adam(0.01);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: adam, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const optimizer = tfjsOptimizer(adam);
 * const parts: CheckpointParts = { model, optimizer, scheduler: new StepLR(optimizer, { stepSize: 10 }) };
 * const checkpoint = await saveCheckpoint(parts);
 * await restoreCheckpoint(checkpoint, parts);
 * checkpoint.scheduler?.type; // 'StepLR'
 */
export interface CheckpointParts {
  /** A tfjs LayersModel, or the variables of a custom training loop (restored by position). */
  model?: LayersModel | Variable[];
  optimizer: TfjsOptimizerView;
  scheduler?: Scheduler;
}

/**
 * Options of {@link saveCheckpoint}.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const adam = tf.train.adam(0.01);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: adam, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const options: SaveCheckpointOptions = { optimizerWeights: false, extra: { note: 'weights and lr only' } };
 * const checkpoint = await saveCheckpoint({ model, optimizer: tfjsOptimizer(adam) }, options);
 * checkpoint.optimizerWeights.every((w) => w === null); // true
 */
export interface SaveCheckpointOptions {
  /**
   * Save the tfjs optimizers' slot variables (momentum buffers, Adam moments) and iteration counters
   * via `getWeights()`. Default true. tfjs 4.22 Adamax does not implement `getWeights`: set false to
   * checkpoint it anyway (its moments then restart from zero on resume).
   */
  optimizerWeights?: boolean;
  /** JSON data stored with the checkpoint. */
  extra?: JsonValue;
}

/**
 * Captures model weights, optimizer state (tfjs slot variables + lrkit param groups) and scheduler
 * state into a plain {@link Checkpoint}.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const adam = tf.train.adam(0.01);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: adam, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const optimizer = tfjsOptimizer(adam);
 * const scheduler = new OneCycleLR(optimizer, { maxLr: 0.01, totalSteps: 1000 });
 * const checkpoint = await saveCheckpoint({ model, optimizer, scheduler }, { extra: { epoch: 7 } });
 * // browser: store it in IndexedDB; Node: await writeCheckpoint('./ckpt', checkpoint)
 * checkpoint.scheduler?.type; // 'OneCycleLR'
 */
export async function saveCheckpoint(parts: CheckpointParts, options: SaveCheckpointOptions = {}): Promise<Checkpoint> {
  const view = checkParts('saveCheckpoint', parts);
  const withOptimizerWeights = options.optimizerWeights ?? true;
  if (typeof withOptimizerWeights !== 'boolean') throw new OptionError('saveCheckpoint.optimizerWeights', withOptimizerWeights, 'a boolean');
  const model = parts.model === undefined ? null : await saveModel(parts.model);
  const optimizerWeights: Array<EncodedWeights | null> = [];
  for (let i = 0; i < view.optimizers.length; i++) {
    optimizerWeights.push(withOptimizerWeights ? await saveOptimizerWeights(view, i) : null);
  }
  return {
    format: 'lrkit.tfjsCheckpoint',
    version: 1,
    model,
    optimizerWeights,
    optimizer: view.stateDict(),
    scheduler: parts.scheduler === undefined ? null : parts.scheduler.stateDict(),
    extra: options.extra === undefined ? null : (JSON.parse(JSON.stringify(options.extra)) as JsonValue),
  };
}

/**
 * Puts a {@link Checkpoint} back: model weights, tfjs optimizer slots and iteration counters, lrkit
 * param groups and scheduler state. Build the model, tfjs optimizers, view and scheduler exactly as for
 * the original run, then restore; training continues as if never interrupted.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const adam = tf.train.adam(0.01);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: adam, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const optimizer = tfjsOptimizer(adam);
 * const scheduler = new StepLR(optimizer, { stepSize: 1, gamma: 0.5 });
 * const checkpoint = await saveCheckpoint({ model, optimizer, scheduler });
 * adam.minimize(() => tf.losses.meanSquaredError(ys, model.predict(xs) as tf.Tensor) as tf.Scalar);
 * scheduler.step();
 * await restoreCheckpoint(checkpoint, { model, optimizer, scheduler }); // or readCheckpoint('./ckpt') in Node
 * scheduler.getLastLr(); // [0.01]
 */
export async function restoreCheckpoint(checkpoint: Checkpoint, parts: CheckpointParts): Promise<void> {
  const view = checkParts('restoreCheckpoint', parts);
  const ckpt = checkCheckpoint(checkpoint);
  if (ckpt.optimizerWeights.length !== view.optimizers.length) {
    throw new StateError('checkpoint.optimizerWeights', `expected ${view.optimizers.length} entries (one per wrapped tfjs optimizer), got ${ckpt.optimizerWeights.length}`);
  }
  if (parts.scheduler !== undefined && ckpt.scheduler === null) throw new StateError('checkpoint.scheduler', 'missing (the checkpoint was saved without a scheduler)');
  if (parts.model !== undefined && ckpt.model === null) throw new StateError('checkpoint.model', 'missing (the checkpoint was saved without a model)');
  // Cheap checks first, so a mismatching checkpoint changes nothing.
  view.checkStateDict(ckpt.optimizer, 'checkpoint.optimizer');
  if (parts.model !== undefined) restoreModel(parts.model, ckpt.model as io.ModelArtifacts);
  for (let i = 0; i < view.optimizers.length; i++) {
    const saved = ckpt.optimizerWeights[i];
    if (saved !== null && saved !== undefined) await restoreOptimizerWeights(view, i, saved);
  }
  view.loadStateDict(ckpt.optimizer, 'checkpoint.optimizer');
  if (parts.scheduler !== undefined) parts.scheduler.loadStateDict(ckpt.scheduler, 'checkpoint.scheduler');
}

function checkParts(scope: string, parts: CheckpointParts): TfjsOptimizerView {
  if (typeof parts !== 'object' || parts === null) throw new OptionError(`${scope}.parts`, parts, 'an object { model?, optimizer, scheduler? }');
  if (!(parts.optimizer instanceof TfjsOptimizerView)) throw new OptionError(`${scope}.optimizer`, parts.optimizer, 'a tfjsOptimizer(...) view');
  if (parts.scheduler !== undefined && parts.scheduler.optimizer !== parts.optimizer) {
    throw new OptionError(`${scope}.scheduler`, parts.scheduler.type, 'a scheduler attached to the given optimizer view');
  }
  if (parts.model !== undefined && !(parts.model instanceof LayersModel) && !Array.isArray(parts.model)) {
    throw new OptionError(`${scope}.model`, parts.model, 'a tfjs LayersModel or an array of tf.Variables');
  }
  return parts.optimizer;
}

function checkCheckpoint(value: unknown): Checkpoint {
  if (typeof value !== 'object' || value === null) throw new StateError('checkpoint', 'expected a checkpoint object');
  const c = value as Partial<Checkpoint>;
  if (c.format !== 'lrkit.tfjsCheckpoint') throw new StateError('checkpoint.format', `expected "lrkit.tfjsCheckpoint", got ${JSON.stringify(c.format)}`);
  if (c.version !== 1) throw new StateError('checkpoint.version', `unsupported version ${JSON.stringify(c.version)} (this lrkit reads version 1)`);
  if (!Array.isArray(c.optimizerWeights)) throw new StateError('checkpoint.optimizerWeights', 'expected an array');
  return c as Checkpoint;
}

async function saveModel(model: LayersModel | Variable[]): Promise<io.ModelArtifacts> {
  if (Array.isArray(model)) {
    const { data, specs } = await io.encodeWeights(model.map((v, i) => ({ name: `${i}/${v.name}`, tensor: v })));
    return { weightSpecs: specs, weightData: data };
  }
  let captured: io.ModelArtifacts | undefined;
  await model.save(
    io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  const artifacts = captured as io.ModelArtifacts;
  return { ...artifacts, weightData: joinWeightData(artifacts.weightData) };
}

/** Restores weights by position (layer names differ between two model instances in one process). */
function restoreModel(model: LayersModel | Variable[], artifacts: io.ModelArtifacts): void {
  const specs = artifacts.weightSpecs ?? [];
  const targets: Array<{ shape: ReadonlyArray<number | null>; name: string }> = Array.isArray(model) ? model : model.weights;
  if (specs.length !== targets.length) {
    throw new StateError('checkpoint.model.weightSpecs', `expected ${targets.length} weights, got ${specs.length}`);
  }
  specs.forEach((spec, i) => {
    const shape = (targets[i] as { shape: ReadonlyArray<number | null> }).shape;
    if (spec.shape.length !== shape.length || spec.shape.some((d, k) => d !== shape[k])) {
      throw new StateError(`checkpoint.model.weightSpecs[${i}]`, `shape [${spec.shape.join(', ')}] does not fit weight ${(targets[i] as { name: string }).name} of shape [${shape.join(', ')}]`);
    }
  });
  const decoded = io.decodeWeights(joinWeightData(artifacts.weightData ?? new ArrayBuffer(0)), specs);
  const tensors = specs.map((s) => decoded[s.name] as Tensor);
  if (Array.isArray(model)) {
    model.forEach((v, i) => v.assign(tensors[i] as Tensor));
  } else {
    model.setWeights(tensors);
  }
  dispose(tensors);
}

async function saveOptimizerWeights(view: TfjsOptimizerView, i: number): Promise<EncodedWeights> {
  const opt = view.optimizers[i] as TfjsOptimizerView['optimizers'][number];
  let weights: NamedTensor[];
  try {
    weights = await opt.getWeights();
  } catch (error) {
    throw new OptionError(
      `saveCheckpoint.optimizer.optimizers[${i}]`,
      view.kinds[i],
      `a tfjs optimizer whose state tfjs can save (getWeights() failed: ${(error as Error).message}); pass { optimizerWeights: false } to save only its hyperparameters`,
    );
  }
  try {
    const { data, specs } = await io.encodeWeights(weights);
    return { weightSpecs: specs, weightData: data };
  } finally {
    // weights[0] is the iteration counter, a fresh tensor; the others are the optimizer's live variables.
    dispose(weights[0]?.tensor);
  }
}

async function restoreOptimizerWeights(view: TfjsOptimizerView, i: number, saved: EncodedWeights): Promise<void> {
  const opt = view.optimizers[i] as TfjsOptimizerView['optimizers'][number];
  const decoded = io.decodeWeights(joinWeightData(saved.weightData), saved.weightSpecs);
  const named = saved.weightSpecs.map((s) => ({ name: s.name, tensor: decoded[s.name] as Tensor }));
  let previous: NamedTensor[] = [];
  try {
    previous = await opt.getWeights();
  } catch {
    // optimizers without getWeights: nothing to free
  }
  try {
    await opt.setWeights(named);
  } catch (error) {
    dispose(named.map((n) => n.tensor));
    dispose(previous[0]?.tensor);
    throw new LrkitError(`restoreCheckpoint: the ${view.kinds[i]} optimizer at optimizers[${i}] rejected the saved weights: ${(error as Error).message}`);
  }
  // setWeights made new slot variables from the decoded tensors and dropped the old ones without freeing them.
  dispose(named.map((n) => n.tensor));
  dispose(previous.map((p) => p.tensor));
}

function joinWeightData(data: io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  return io.CompositeArrayBuffer.join(data);
}
