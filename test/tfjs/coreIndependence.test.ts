import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Every module statically reachable from `entry` (relative imports followed, packages collected). */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    // Static `import ... from '...'` and `export ... from '...'`; type-only imports vanish at runtime.
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gms)) {
      const spec = m[1] as string;
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'));
      if (existsSync(target)) visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('the core entry never imports TensorFlow.js (or any package)', () => {
  it('src/index.ts reaches no @tensorflow/* import and no package at all', () => {
    const { files, packages } = importGraph(path.join(SRC, 'index.ts'));
    expect(files.size).toBeGreaterThan(50);
    expect([...packages]).toEqual([]); // not even node: modules, so the core runs in browsers
    expect([...files].map((f) => path.relative(SRC, f)).filter((f) => f.split(path.sep).includes('tfjs'))).toEqual([]);
  });
});
