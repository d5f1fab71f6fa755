// lrkit/tfjs: TensorFlow.js integration. Requires @tensorflow/tfjs (optional peer dependency of lrkit);
// the core entry `lrkit` never imports tfjs. Browser-safe: Node-only helpers (files, wasm paths) are in lrkit/tfjs/node.
export { tfjsOptimizer, TfjsOptimizerView, type TfjsOptimizerKind, type TfjsOptimizerViewState } from './tfjsOptimizer.js';
export { schedulerCallback, SchedulerCallback, type SchedulerCallbackOptions } from './schedulerCallback.js';
export { earlyStopping, EarlyStoppingCallback, type EarlyStoppingOptions } from './earlyStopping.js';
export { lrMonitor, LrMonitor, type LrMonitorOptions, type LrRecord } from './lrMonitor.js';
export type { UnresolvedLogs } from './logs.js';
export { saveCheckpoint, restoreCheckpoint, type Checkpoint, type CheckpointParts, type EncodedWeights, type SaveCheckpointOptions } from './checkpoint.js';
export { tensorBoardCallback, TensorBoardCallback, type TensorBoardCallbackOptions } from './tensorBoardCallback.js';
