import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LrkitError } from '../../src/errors.js';
import { traceRows } from '../../src/spec/trace.js';
import { setWarningSink } from '../../src/warnings.js';
import { loadTorchCases, relativeError, type TorchCase } from './fixtures.js';

const TOLERANCE = 1e-12;
const cases = loadTorchCases();

interface Outcome {
  lr: number[][];
  momentum: number[][];
  error: unknown;
}

function replay(c: TorchCase): Outcome {
  const lr: number[][] = [];
  const momentum: number[][] = [];
  let error: unknown = null;
  try {
    traceRows(c.spec, (l, m) => {
      lr.push(l);
      momentum.push(m);
    });
  } catch (e) {
    error = e;
  }
  return { lr, momentum, error };
}

const stats = { cases: 0, values: 0, bitIdentical: 0, maxRelError: 0, worst: '' };

function compareRows(id: string, what: string, actual: number[][], expected: number[][]): void {
  expect(actual.length, `${id}: ${what} row count`).toBe(expected.length);
  expected.forEach((row, r) => {
    row.forEach((want, g) => {
      const got = actual[r]?.[g] as number;
      const err = relativeError(got, want);
      stats.values++;
      if (Object.is(got, want)) stats.bitIdentical++;
      if (err > stats.maxRelError) {
        stats.maxRelError = err;
        stats.worst = `${id} ${what}[${r}][${g}]: lrkit ${got} vs torch ${want}`;
      }
      if (!(err <= TOLERANCE)) {
        throw new Error(`${id}: ${what}[${r}][${g}] = ${got}, PyTorch ${want} (relative error ${err})`);
      }
    });
  });
}

describe('golden conformance with real PyTorch', () => {
  it('has at least 500 recorded configurations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(500);
  });

  it('replays every case within 1e-12 relative error, failing exactly where PyTorch fails', () => {
    const previous = setWarningSink(() => {});
    const failures: string[] = [];
    try {
      for (const c of cases) {
        stats.cases++;
        const outcome = replay(c);
        try {
          if (c.expected.error !== undefined) {
            // PyTorch rejected this configuration: lrkit must reject it too, with a typed error,
            // no later than PyTorch did, and agree on every row before that.
            if (!(outcome.error instanceof LrkitError)) {
              throw new Error(`expected a typed lrkit error like PyTorch's ${c.expected.error.type}: ${c.expected.error.message}; got ${String(outcome.error)}`);
            }
            const pytorchRows = c.expected.lr?.length ?? 0;
            if (outcome.lr.length > pytorchRows) throw new Error(`lrkit failed after ${outcome.lr.length} rows, PyTorch after ${pytorchRows}`);
            compareRows(c.id, 'lr', outcome.lr, (c.expected.lr ?? []).slice(0, outcome.lr.length));
          } else {
            if (outcome.error !== null) throw outcome.error;
            compareRows(c.id, 'lr', outcome.lr, c.expected.lr ?? []);
            compareRows(c.id, 'momentum', outcome.momentum, c.expected.momentum ?? []);
          }
        } catch (e) {
          failures.push(`${c.file} ${c.id}: ${(e as Error).message}`);
        }
      }
    } finally {
      setWarningSink(previous);
    }
    const summary = {
      cases: stats.cases,
      values: stats.values,
      bitIdentical: stats.bitIdentical,
      bitIdenticalShare: stats.bitIdentical / stats.values,
      maxRelError: stats.maxRelError,
      worst: stats.worst,
      failures: failures.length,
    };
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/conformance.json', `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`conformance: ${JSON.stringify(summary)}`);
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('gives the same numbers through the lrkit trace CLI (sample of every 10th case)', () => {
    const sample = cases.filter((c, i) => i % 10 === 0 && c.expected.error === undefined);
    const input = JSON.stringify(sample.map((c) => c.spec));
    const out = execFileSync(process.execPath, ['packages/cli/dist/main.js', 'trace', '-'], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    const results = JSON.parse(out) as Array<{ lr: number[][]; momentum: number[][] }>;
    expect(results).toHaveLength(sample.length);
    sample.forEach((c, i) => {
      compareRows(`${c.id} (cli)`, 'lr', (results[i] as { lr: number[][] }).lr, c.expected.lr ?? []);
      compareRows(`${c.id} (cli)`, 'momentum', (results[i] as { momentum: number[][] }).momentum, c.expected.momentum ?? []);
    });
  });
});
