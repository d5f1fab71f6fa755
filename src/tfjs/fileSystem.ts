import { io } from '@tensorflow/tfjs';
import { StateError } from '../errors.js';
import type { Checkpoint, EncodedWeights } from './checkpoint.js';

// Node-only helpers. `node:` modules are imported lazily so that `lrkit/tfjs` still loads in browsers.
type Fs = typeof import('node:fs/promises');
type Path = typeof import('node:path');

async function nodeModules(): Promise<{ fs: Fs; path: Path }> {
  const [fs, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  return { fs, path };
}

function newId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** Writes `file` atomically: a temp file in the same directory, flushed, then renamed over the target. */
async function writeAtomic(fs: Fs, file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${globalThis.process?.pid ?? 0}-${newId()}`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/** Removes files of earlier saves (matched by `pattern`, capture group 1 = save id) except `keep`. */
async function removeStale(fs: Fs, path: Path, dir: string, pattern: RegExp, keep: string): Promise<void> {
  for (const name of await fs.readdir(dir)) {
    const m = pattern.exec(name);
    if (m !== null && m[1] !== keep) await fs.rm(path.join(dir, name), { force: true });
  }
}

function modelJson(artifacts: io.ModelArtifacts, weightsPath: string): io.ModelJSON {
  const json: Record<string, unknown> = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    trainingConfig: artifacts.trainingConfig,
    signature: artifacts.signature,
    userDefinedMetadata: artifacts.userDefinedMetadata,
    modelInitializer: artifacts.modelInitializer,
    initializerSignature: artifacts.initializerSignature,
    weightsManifest: [{ paths: [weightsPath], weights: artifacts.weightSpecs ?? [] }],
  };
  for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
  return json as unknown as io.ModelJSON;
}

function toBytes(data: io.WeightData | undefined): Uint8Array {
  return new Uint8Array(data === undefined ? new ArrayBuffer(0) : io.CompositeArrayBuffer.join(data));
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function readJson(fs: Fs, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new StateError(file, `cannot read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new StateError(file, `not valid JSON: ${(error as Error).message}`);
  }
}

async function loadModelJson(fs: Fs, path: Path, file: string): Promise<io.ModelArtifacts> {
  const json = (await readJson(fs, file)) as io.ModelJSON;
  const dir = path.dirname(file);
  return io.getModelArtifactsForJSON(json, async (manifest) => {
    const buffers: ArrayBuffer[] = [];
    for (const group of manifest) for (const p of group.paths) buffers.push(toArrayBuffer(await fs.readFile(path.join(dir, p))));
    return [io.getWeightSpecs(manifest), io.CompositeArrayBuffer.join(buffers)];
  });
}

async function saveModelFiles(fs: Fs, path: Path, dir: string, artifacts: io.ModelArtifacts, jsonName: string, id: string): Promise<void> {
  const weightsName = `weights.${id}.bin`;
  await writeAtomic(fs, path.join(dir, weightsName), toBytes(artifacts.weightData));
  await writeAtomic(fs, path.join(dir, jsonName), JSON.stringify(modelJson(artifacts, weightsName)));
}

/**
 * A tfjs IOHandler that saves to / loads from a directory in Node (tfjs-node's `file://` without
 * tfjs-node). Saving writes `weights.<id>.bin`, then `model.json` via temp file + rename: a crash never
 * leaves a model.json pointing at missing or half-written weights. Older weights files are removed after.
 *
 * @example
 * // no-run: writes files
 * import * as tf from '@tensorflow/tfjs';
 *
 * const sgd = tf.train.momentum(0.05, 0.9);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: sgd, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * await model.save(fileSystemHandler('./my-model'));
 * const again = await tf.loadLayersModel(fileSystemHandler('./my-model'));
 */
export function fileSystemHandler(dir: string): io.IOHandler {
  return {
    async save(artifacts: io.ModelArtifacts): Promise<io.SaveResult> {
      const { fs, path } = await nodeModules();
      await fs.mkdir(dir, { recursive: true });
      const id = newId();
      await saveModelFiles(fs, path, dir, artifacts, 'model.json', id);
      await removeStale(fs, path, dir, /^weights\.([a-z0-9]+)\.bin$/, id);
      return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load(): Promise<io.ModelArtifacts> {
      const { fs, path } = await nodeModules();
      return loadModelJson(fs, path, path.join(dir, 'model.json'));
    },
  };
}

/** checkpoint.json: the checkpoint minus its binary parts, which live in files named by save id. */
interface CheckpointIndex extends Omit<Checkpoint, 'model' | 'optimizerWeights'> {
  id: string;
  model: string | null;
  optimizerWeights: Array<{ path: string; weightSpecs: io.WeightsManifestEntry[] } | null>;
}

const CHECKPOINT_FILES = /^(?:model\.([a-z0-9]+)\.json|weights\.([a-z0-9]+)\.bin|optimizer\.([a-z0-9]+)\.\d+\.bin)$/;

/**
 * Node: writes a {@link Checkpoint} into `dir`. Every file goes through temp file + rename; data files
 * carry a fresh save id and `checkpoint.json`, written last, names them — so the rename of
 * checkpoint.json is the commit point and a crash at any moment leaves the previous checkpoint readable.
 * Files of earlier saves are removed afterwards.
 *
 * @example
 * // no-run: writes files
 * import { restoreCheckpoint, saveCheckpoint, tfjsOptimizer } from 'lrkit/tfjs';
 * import * as tf from '@tensorflow/tfjs';
 *
 * const adam = tf.train.adam(0.01);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: adam, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const optimizer = tfjsOptimizer(adam);
 * const scheduler = new StepLR(optimizer, { stepSize: 10 });
 * await writeCheckpoint('./checkpoints/run1', await saveCheckpoint({ model, optimizer, scheduler }));
 */
export async function writeCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  const { fs, path } = await nodeModules();
  await fs.mkdir(dir, { recursive: true });
  const id = newId();
  let model: string | null = null;
  if (checkpoint.model !== null) {
    model = `model.${id}.json`;
    await saveModelFiles(fs, path, dir, checkpoint.model, model, id);
  }
  const optimizerWeights: CheckpointIndex['optimizerWeights'] = [];
  for (let i = 0; i < checkpoint.optimizerWeights.length; i++) {
    const w = checkpoint.optimizerWeights[i];
    if (w === null || w === undefined) {
      optimizerWeights.push(null);
      continue;
    }
    const file = `optimizer.${id}.${i}.bin`;
    await writeAtomic(fs, path.join(dir, file), new Uint8Array(w.weightData));
    optimizerWeights.push({ path: file, weightSpecs: w.weightSpecs });
  }
  const index: CheckpointIndex = { ...checkpoint, id, model, optimizerWeights };
  await writeAtomic(fs, path.join(dir, 'checkpoint.json'), JSON.stringify(index, null, 1));
  for (const name of await fs.readdir(dir)) {
    const m = CHECKPOINT_FILES.exec(name);
    if (m !== null && (m[1] ?? m[2] ?? m[3]) !== id) await fs.rm(path.join(dir, name), { force: true });
  }
}

/**
 * Node: reads the checkpoint last completed in `dir` by {@link writeCheckpoint}.
 *
 * @example
 * // no-run: reads files written by writeCheckpoint
 * import { restoreCheckpoint, saveCheckpoint, tfjsOptimizer } from 'lrkit/tfjs';
 * import * as tf from '@tensorflow/tfjs';
 *
 * const adam = tf.train.adam(0.01);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: adam, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const optimizer = tfjsOptimizer(adam);
 * const scheduler = new StepLR(optimizer, { stepSize: 10 });
 * await restoreCheckpoint(await readCheckpoint('./checkpoints/run1'), { model, optimizer, scheduler });
 */
export async function readCheckpoint(dir: string): Promise<Checkpoint> {
  const { fs, path } = await nodeModules();
  const file = path.join(dir, 'checkpoint.json');
  const index = (await readJson(fs, file)) as Partial<CheckpointIndex>;
  if (index.format !== 'lrkit.tfjsCheckpoint') throw new StateError(`${file}.format`, `expected "lrkit.tfjsCheckpoint", got ${JSON.stringify(index.format)}`);
  if (!Array.isArray(index.optimizerWeights)) throw new StateError(`${file}.optimizerWeights`, 'expected an array');
  const model = typeof index.model === 'string' ? await loadModelJson(fs, path, path.join(dir, index.model)) : null;
  const optimizerWeights: Array<EncodedWeights | null> = [];
  for (const entry of index.optimizerWeights) {
    if (entry === null) {
      optimizerWeights.push(null);
      continue;
    }
    const bytes = await fs.readFile(path.join(dir, entry.path));
    optimizerWeights.push({ weightSpecs: entry.weightSpecs, weightData: toArrayBuffer(bytes) });
  }
  const { id: _id, ...rest } = index as CheckpointIndex;
  return { ...rest, model, optimizerWeights };
}
