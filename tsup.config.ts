import { defineConfig } from 'tsup';

// The lrkit package ships ONE implementation, ESM, so there is no dual-package hazard: CommonJS consumers
// get it through `dist/*.cjs` wrappers that `require()` the ESM files (require(esm), Node >= 20.19 / 22.12),
// so `import` and `require` in one app share every class, WeakMap and registry.
//
// The JavaScript is transpiled file by file (`bundle: false`), keeping src/'s module graph: with
// `"sideEffects": false`, a bundler drops every module an app does not reach, so `import { StepLR } from 'lrkit'`
// costs StepLR and its few imports, not the whole library (one big chunk would keep every registry built at load).
//
// Declarations: one set, in CommonJS form (`.d.cts`, rolled up per entry). The ESM `.d.ts` next to each entry
// only re-exports its `.d.cts` (written by scripts/write-cjs-wrappers.mjs, which also writes the `.cjs` wrappers),
// so both module systems see the same types and the package ships them once.
const entries = {
  index: 'src/index.ts',
  'tfjs/index': 'src/tfjs/index.ts',
  'tfjs/node': 'src/tfjs/node.ts',
  'plot/index': 'src/plot/index.ts',
  'finder/tfjs/index': 'src/finder/tfjs/index.ts',
  'finder/plotFinder': 'src/finder/plotFinder.ts',
  'tensorboard/index': 'src/tensorboard/index.ts',
  internal: 'src/internal.ts',
};

export default defineConfig([
  {
    entry: ['src/**/*.ts', '!src/**/*.test.ts'],
    format: ['esm'],
    bundle: false,
    target: 'node20',
    platform: 'neutral',
    // No source maps: they would point at src/, which is not shipped.
    sourcemap: false,
    // Whitespace and syntax are minified to keep the install small (<= 600 kB with every entry); identifiers are
    // not, so stack traces and a debugger still show lrkit's own names.
    esbuildOptions(options) {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
    tsconfig: 'tsconfig.build.json',
  },
  {
    entry: entries,
    format: ['cjs'],
    dts: { only: true },
    tsconfig: 'tsconfig.build.json',
  },
]);
