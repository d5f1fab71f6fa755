import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

let wasmReady: Promise<void> | undefined;

/**
 * Switches tfjs to the wasm backend (its binary ships in @tensorflow/tfjs-backend-wasm; tfjs-node cannot
 * be installed here). Falls back to nothing: a failure to load wasm fails the test that asked for it.
 */
export function useWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(`${dir}${path.sep}`);
    if (!(await tf.setBackend('wasm'))) throw new Error('could not initialize the tfjs wasm backend');
    await tf.ready();
  })();
  return wasmReady;
}
