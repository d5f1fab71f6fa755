/**
 * Child process for the atomic-checkpoint test. Writes checkpoint version 1, then version 2 — and during version 2
 * crashes hard (SIGKILL to itself) in the middle of its `crashAt`-th file write, after writing half of that file.
 * Every weight of version v equals v, so a reader can tell a complete checkpoint from a mix of two.
 */
import * as tf from '@tensorflow/tfjs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExponentialLR } from '../../src/index.js';
import { saveCheckpoint, tfjsOptimizer } from '../../src/tfjs/index.js';
import { useWasmBackend, writeCheckpoint } from '../../src/tfjs/node.js';

const dir = process.argv[2] as string;
const crashAt = Number(process.argv[3]);

// Patch FileHandle.writeFile so the chosen write stops half-way, as a power cut or kill -9 would leave it.
const probe = await open(join(tmpdir(), `lrkit-probe-${process.pid}`), 'w');
const proto = Object.getPrototypeOf(probe) as { writeFile(data: string | Uint8Array): Promise<void> };
await probe.close();
const writeFile = proto.writeFile;
let armed = false;
let writes = 0;
proto.writeFile = async function (this: unknown, data: string | Uint8Array) {
  if (armed && ++writes === crashAt) {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    await writeFile.call(this, bytes.subarray(0, Math.floor(bytes.length / 2)));
    process.kill(process.pid, 'SIGKILL');
  }
  return writeFile.call(this, data);
};

await useWasmBackend();
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 64 }), tf.layers.dense({ units: 10 })] });
const sgd = tf.train.momentum(0.1, 0.9);
const optimizer = tfjsOptimizer(sgd);
const scheduler = new ExponentialLR(optimizer, { gamma: 0.9 });
for (let version = 1; version <= 2; version++) {
  model.setWeights(model.getWeights().map((w) => tf.fill(w.shape, version)));
  armed = version === 2;
  const checkpoint = await saveCheckpoint({ model, optimizer, scheduler });
  await writeCheckpoint(dir, { ...checkpoint, extra: { version } });
  process.stdout.write(`committed ${version} after ${writes} armed writes\n`);
}
