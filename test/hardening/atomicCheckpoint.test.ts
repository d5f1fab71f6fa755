import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../src/tfjs/node.js';

const writer = (dir: string, crashAt: number) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'test/hardening/checkpointWriter.ts', dir, String(crashAt)], { encoding: 'utf8', timeout: 60_000 });

describe('checkpoint writes are atomic', () => {
  it('a process killed half-way through any file write of a save leaves the previous checkpoint intact', async () => {
    // Learn how many file writes one save makes (crashAt beyond them: the writer finishes version 2).
    const full = writer(mkdtempSync(join(tmpdir(), 'lrkit-atomic-')), 1000);
    expect(full.status, full.stderr).toBe(0);
    const writesPerSave = Number(/committed 2 after (\d+) armed writes/.exec(full.stdout)?.[1]);
    expect(writesPerSave).toBeGreaterThanOrEqual(3); // weights, optimizer slots, checkpoint.json
    for (let crashAt = 1; crashAt <= writesPerSave; crashAt++) {
      const dir = mkdtempSync(join(tmpdir(), 'lrkit-atomic-'));
      const run = writer(dir, crashAt);
      expect(run.signal, `crash at write ${crashAt}`).toBe('SIGKILL');
      expect(run.stdout).toContain('committed 1');
      const checkpoint = await readCheckpoint(dir);
      expect((checkpoint.extra as { version: number }).version).toBe(1);
      const weights = new Float32Array(checkpoint.model?.weightData as ArrayBuffer);
      expect(weights.length).toBe(784 * 64 + 64 + 64 * 10 + 10);
      expect(weights.every((w) => w === 1)).toBe(true);
    }
  }, 120_000);
});
