// lrkit/finder/tfjs: the LR range test for TensorFlow.js models. Requires @tensorflow/tfjs (optional peer dependency).
export { findLrTfjs, type FindLrTfjsOptions, type FinderData } from './findLrTfjs.js';
export { buildMlp, readMlpSpec, type MlpSpec } from './mlp.js';
