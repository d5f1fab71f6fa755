import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One golden case recorded from real PyTorch by scripts/gen_torch_fixtures.py. */
export interface TorchCase {
  id: string;
  spec: Record<string, unknown>;
  expected: {
    lr?: number[][];
    momentum?: number[][];
    error?: { type: string; message: string };
    errorAt?: 'construct' | number;
  };
}

export const FIXTURE_DIR = new URL('../fixtures/torch/', import.meta.url);

export function loadTorchCases(): Array<TorchCase & { file: string }> {
  const dir = FIXTURE_DIR.pathname;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: TorchCase[] };
      return data.cases.map((c) => ({ ...c, file }));
    });
}

/** Relative difference; two exact zeros (or equal values) give 0. */
export function relativeError(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}
