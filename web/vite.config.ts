import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { trainAssets } from './trainAssets.js';

const root = fileURLToPath(new URL('.', import.meta.url));

// The playground imports the library's sources directly (one chart definition for CLI and web).
export default defineConfig({
  root,
  base: './',
  plugins: [trainAssets(fileURLToPath(new URL('./public/', import.meta.url)))],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), train: fileURLToPath(new URL('./train.html', import.meta.url)) } },
  },
  // The training worker: tfjs in a chunk of its own (named tfjs-*.js), so its size is easy to tell apart.
  worker: {
    format: 'es',
    rollupOptions: { output: { manualChunks: (id) => (id.includes('/node_modules/@tensorflow/') ? 'tfjs' : undefined) } },
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
