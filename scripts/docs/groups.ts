/**
 * How the API reference groups each entry point's exports: by the source file that defines them, so a new
 * module (or a new entry point such as `lrkit/tensorboard`) slots in without touching the sources. The first
 * matching prefix wins; a file matching none gets a category named after its directory.
 */
export const CATEGORY_BY_SOURCE: ReadonlyArray<readonly [prefix: string, category: string]> = [
  ['src/torch/', 'PyTorch schedulers'],
  ['src/stateful/', 'Bridges: schedules and warmup on an optimizer'],
  ['src/optim/', 'Optimizers'],
  ['src/schedules/', 'Schedules'],
  ['src/combinators/', 'Combinators'],
  ['src/recipes/huggingface', 'Recipes: Hugging Face'],
  ['src/recipes/timm', 'Recipes: timm'],
  ['src/recipes/keras', 'Recipes: Keras'],
  ['src/recipes/optax', 'Recipes: Optax'],
  ['src/recipes/goyal', 'Recipes: large-batch scaling'],
  ['src/spec/catalog', 'Catalog'],
  ['src/spec/', 'Spec and trace'],
  ['src/codegen/', 'Spec and trace'],
  ['src/finder/tfjs/', 'LR finder'],
  ['src/finder/plotFinder', 'LR finder'],
  ['src/finder/', 'LR finder'],
  ['src/tfjs/tfjsOptimizer', 'TensorFlow.js optimizers'],
  ['src/tfjs/checkpoint', 'Checkpoints'],
  ['src/tfjs/fileSystem', 'Checkpoints'],
  ['src/tfjs/wasmBackend', 'Backends'],
  ['src/tfjs/', 'model.fit callbacks'],
  ['src/plot/CurveSource', 'Curves'],
  ['src/plot/from', 'Curves'],
  ['src/plot/decimate', 'Curves'],
  ['src/plot/sampleCurves', 'Curves'],
  ['src/plot/', 'Charts'],
  ['packages/cli/src/render/', 'Chart renderers (Node)'],
  ['src/tensorboard/', 'TensorBoard'],
  ['src/errors', 'Errors and warnings'],
  ['src/warnings', 'Errors and warnings'],
  ['src/state', 'State'],
  ['src/expr/', 'Expressions'],
];

/** What each entry point is for, shown at the top of its module page (an entry file's own module comment wins). */
export const ENTRY_SUMMARY: Readonly<Record<string, string>> = {
  lrkit:
    'The core, with no dependencies (browsers included): PyTorch-exact schedulers, pure schedules, combinators, recipes from Hugging Face, timm, Keras and Optax, the trace spec and code export, and the LR range test.',
  'lrkit/tfjs': 'TensorFlow.js integration: a correct optimizer view, `model.fit` callbacks, early stopping, lr monitoring and checkpoints. Needs `@tensorflow/tfjs`.',
  'lrkit/tfjs/node': 'The Node-only part of the TensorFlow.js integration: file-system checkpoints and the wasm backend.',
  'lrkit/plot': 'Sampling, decimation and one Vega-Lite chart definition for any schedule, as plain JSON (render it with `lrkit-cli` or vega-embed).',
  'lrkit/finder/tfjs': 'The LR range test for compiled TensorFlow.js models.',
  'lrkit/finder/plot': "The LR range test's chart definition.",
  'lrkit-cli': "The `lrkit` command's package: chart renderers for Node (SVG, PNG, terminal), with vega and asciichart.",
  'lrkit/tensorboard': 'TensorBoard and CSV/JSONL logging of learning rates and metrics.',
};

/** Order of the categories on a module page; any category not listed follows in alphabetical order. */
export const CATEGORY_ORDER = [...new Set(CATEGORY_BY_SOURCE.map(([, c]) => c)), '*'];

/** The category of an export defined in `file` (repository-relative, forward slashes). */
export function categoryOf(file: string): string {
  for (const [prefix, category] of CATEGORY_BY_SOURCE) if (file.startsWith(prefix)) return category;
  const dir = file.split('/').slice(-2, -1)[0] ?? 'src';
  return dir === 'src' ? 'Core' : dir.charAt(0).toUpperCase() + dir.slice(1);
}
