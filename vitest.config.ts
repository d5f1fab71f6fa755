import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

export default defineConfig({
  // lrkit-cli's sources import lrkit by name: test them against src/, like the core's own tests.
  resolve: {
    alias: [
      { find: /^lrkit$/, replacement: src('index.ts') },
      { find: /^lrkit\/tfjs$/, replacement: src('tfjs/index.ts') },
      { find: /^lrkit\/tfjs\/node$/, replacement: src('tfjs/node.ts') },
      { find: /^lrkit\/plot$/, replacement: src('plot/index.ts') },
      { find: /^lrkit\/finder\/tfjs$/, replacement: src('finder/tfjs/index.ts') },
      { find: /^lrkit\/finder\/plot$/, replacement: src('finder/plotFinder.ts') },
      { find: /^lrkit\/tensorboard$/, replacement: src('tensorboard/index.ts') },
      { find: /^lrkit\/internal$/, replacement: src('internal.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    setupFiles: ['test/setup/fastCheckSeed.ts'],
  },
});
