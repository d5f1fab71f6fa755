import { useWasmBackend } from '../../src/tfjs/wasmBackend.js';

let wasmReady: Promise<void> | undefined;

/** Switches tfjs to the wasm backend for a test; unlike the library helper, a fallback to cpu fails the test. */
export function useWasm(): Promise<void> {
  wasmReady ??= useWasmBackend().then((backend) => {
    if (backend !== 'wasm') throw new Error(`could not initialize the tfjs wasm backend (got ${backend})`);
  });
  return wasmReady;
}
