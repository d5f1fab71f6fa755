import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Switches tfjs to the wasm backend in Node when @tensorflow/tfjs-backend-wasm is installed (much faster
 * than the pure-JS cpu backend); returns the backend in use. Falls back to 'cpu' when wasm is unavailable.
 *
 * @example
 * // no-run: switches the process-wide tfjs backend
 * await useWasmBackend(); // 'wasm'
 */
export async function useWasmBackend(): Promise<string> {
  try {
    const wasm = (await import('@tensorflow/tfjs-backend-wasm')) as typeof import('@tensorflow/tfjs-backend-wasm');
    const file = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
    wasm.setWasmPaths(`${path.dirname(file)}${path.sep}`);
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return tf.getBackend();
    }
  } catch {
    // fall through to cpu
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}
