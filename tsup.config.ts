import { defineConfig } from 'tsup';

// The lrkit package: ESM (.js) and CommonJS (.cjs) for every public entry point, each with its own
// declarations (.d.ts / .d.cts). Code splitting puts modules shared by several entries into shared chunks,
// so within one format `lrkit` and `lrkit/tfjs` see the same classes (instanceof works across entries).
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'tfjs/index': 'src/tfjs/index.ts',
    'tfjs/node': 'src/tfjs/node.ts',
    'plot/index': 'src/plot/index.ts',
    'finder/tfjs/index': 'src/finder/tfjs/index.ts',
    'finder/plot': 'src/finder/plotFinder.ts',
    internal: 'src/internal.ts',
  },
  format: ['esm', 'cjs'],
  target: 'node20',
  platform: 'neutral',
  splitting: true,
  dts: true,
  // No source maps: they would point at src/, which is not shipped.
  sourcemap: false,
  clean: true,
  treeshake: false,
  // import.meta.url in CommonJS (the wasm backend resolves its .wasm file relative to this package).
  shims: true,
  external: [/^@tensorflow\//, /^node:/],
  tsconfig: 'tsconfig.build.json',
});
