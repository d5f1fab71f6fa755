// lrkit/tfjs/node: the Node-only part of the TensorFlow.js integration (file-system checkpoints, the wasm
// backend's file path). Kept apart so that lrkit/tfjs bundles for browsers without node:* modules.
export { fileSystemHandler, writeCheckpoint, readCheckpoint } from './fileSystem.js';
export { useWasmBackend } from './wasmBackend.js';
