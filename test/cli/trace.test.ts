import { spawnSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-trace-'));
function lrkit(args: string[], input?: string) {
  return spawnSync(process.execPath, ['packages/cli/dist/main.js', ...args], { input, encoding: 'utf8' });
}
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const good = { optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01 }] }, scheduler: { type: 'StepLR', stepSize: 2, gamma: 0.5 }, steps: 4 };

describe('lrkit trace', () => {
  it('prints lr and momentum rows for a single spec', () => {
    const r = lrkit(['trace', file('one.json', JSON.stringify(good))]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.lr).toEqual([[0.1, 0.01], [0.1, 0.01], [0.05, 0.005], [0.05, 0.005], [0.025, 0.0025]]);
    expect(out.momentum[0]).toEqual([0.9, 0.9]);
  });

  it('runs an array of specs, turning a failing spec into {error} while the others still run', () => {
    const bad = { ...good, scheduler: { type: 'SequentialLR', milestones: [2], schedulers: [{ type: 'StepLR', stepSize: 2 }, { type: 'ExponentialLR', gamma: '0.9x' }] } };
    const r = lrkit(['trace', '-'], JSON.stringify([good, bad, good]));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(3);
    expect(out[1]).toEqual({ error: 'scheduler.schedulers[1].gamma: expected a number in (0, inf), got "0.9x"' });
    expect(out[2].lr).toHaveLength(5);
  });

  it('exits non-zero with a one-line message for a failing single spec, missing or invalid files', () => {
    const r = lrkit(['trace', file('bad.json', JSON.stringify({ ...good, scheduler: { type: 'StepLR', stepSize: 0 } }))]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('lrkit: scheduler.stepSize: expected a positive integer, got 0\n');
    const missing = lrkit(['trace', join(dir, 'nope.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nope.json: cannot read \(ENOENT\)/);
    const invalid = lrkit(['trace', file('invalid.json', '{"optimizer": ')]);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toMatch(/invalid.json: invalid JSON/);
  });

  it('gives one-line errors for a directory, an oversized file and an empty file', () => {
    const asDir = lrkit(['trace', dir]);
    expect(asDir.status).toBe(1);
    expect(asDir.stderr).toMatch(/cannot read \(EISDIR\)\n$/);
    const big = join(dir, 'big.json');
    truncateSync(file('big.json', ''), 65 * 1024 * 1024); // sparse: no real disk use
    const oversized = lrkit(['trace', big]);
    expect(oversized.status).toBe(1);
    expect(oversized.stderr).toMatch(/big.json: file is 68157440 bytes; the limit is 67108864\n$/);
    const empty = lrkit(['trace', file('empty.json', '')]);
    expect(empty.status).toBe(1);
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('resumes from JSON state mid-run and matches the uninterrupted run', () => {
    const spec = { optimizer: { type: 'adam', lr: 0.1 }, scheduler: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 30 }, steps: 30 };
    const plain = JSON.parse(lrkit(['trace', '-'], JSON.stringify(spec)).stdout);
    const resumed = JSON.parse(lrkit(['trace', '-'], JSON.stringify({ ...spec, resumeAt: 13 })).stdout);
    expect(resumed).toEqual(plain);
  });
});
