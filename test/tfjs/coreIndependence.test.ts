import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'tfjs' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the core entry never imports TensorFlow.js', () => {
  it('no source outside src/tfjs imports @tensorflow/* or src/tfjs', () => {
    const offenders = sources(SRC).filter((file) => /from\s+['"](@tensorflow\/|\.{1,2}\/(?:\.\.\/)*tfjs\/)/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });
});
