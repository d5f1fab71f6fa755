import { defineConfig } from 'tsup';

// lrkit-cli: ESM only (a command and Node-side renderers). The chart libraries stay external (dependencies); each
// command's heavy imports are dynamic import()s, kept as separate chunks.
export default defineConfig({
  entry: { main: 'src/main.ts', index: 'src/index.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  // lrkit's own code is bundled in: the library ships one file per module (so that browser bundlers can drop what
  // an app does not use), and loading ~100 small files costs a command line tool about 70 ms of start-up. The
  // commands only hand plain data (specs, chart definitions, results) across, so a bundled copy is safe; lrkit stays
  // a dependency for the declarations of this package's exports.
  noExternal: [/^lrkit(\/|$)/],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: false,
  clean: true,
  tsconfig: 'tsconfig.build.json',
});
