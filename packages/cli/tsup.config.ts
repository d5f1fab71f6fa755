import { defineConfig } from 'tsup';

// lrkit-cli: ESM only (a command and Node-side renderers). lrkit and the chart libraries stay external
// (dependencies); each command's heavy imports are dynamic import()s, kept as separate chunks.
export default defineConfig({
  entry: { main: 'src/main.ts', index: 'src/index.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: false,
  clean: true,
  tsconfig: 'tsconfig.build.json',
});
