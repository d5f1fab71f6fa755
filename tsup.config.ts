import { defineConfig } from 'tsup';

// The lrkit package ships ONE implementation, ESM, so there is no dual-package hazard: CommonJS consumers
// get it through `dist/*.cjs` wrappers that `require()` the ESM files (require(esm), Node >= 20.19 / 22.12),
// so `import` and `require` in one app share every class, WeakMap and registry. The wrappers are written by
// scripts/write-cjs-wrappers.mjs after this build (the build script empties dist/ first); the CommonJS declarations (.d.cts) come from tsup.
const entry = {
  index: 'src/index.ts',
  'tfjs/index': 'src/tfjs/index.ts',
  'tfjs/node': 'src/tfjs/node.ts',
  'plot/index': 'src/plot/index.ts',
  'finder/tfjs/index': 'src/finder/tfjs/index.ts',
  'finder/plot': 'src/finder/plotFinder.ts',
  'tensorboard/index': 'src/tensorboard/index.ts',
  internal: 'src/internal.ts',
};

export default defineConfig([
  {
    entry,
    format: ['esm'],
    target: 'node20',
    platform: 'neutral',
    // Modules shared by several entries go into shared chunks: `lrkit` and `lrkit/tfjs` see the same classes.
    splitting: true,
    // No source maps: they would point at src/, which is not shipped.
    sourcemap: false,
    treeshake: false,
    external: [/^@tensorflow\//, /^node:/],
    tsconfig: 'tsconfig.build.json',
  },
  {
    entry,
    format: ['esm', 'cjs'],
    dts: { only: true },
    tsconfig: 'tsconfig.build.json',
  },
]);
