import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The playground imports the library's sources directly (one chart definition for CLI and web).
export default defineConfig({
  root,
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
