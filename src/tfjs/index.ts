// lrkit/tfjs: TensorFlow.js integration. Requires @tensorflow/tfjs (optional peer dependency of lrkit);
// the core entry `lrkit` never imports tfjs.
export { tfjsOptimizer, TfjsOptimizerView, type TfjsOptimizerKind, type TfjsOptimizerViewState } from './tfjsOptimizer.js';
