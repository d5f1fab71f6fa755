import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('a closed stdout pipe', () => {
  it('`lrkit recipes --json | head -1` stops quietly, with exit status 0', () => {
    // The JSON (about 100 KB) is larger than a pipe's buffer, so the writer meets the closed pipe (EPIPE).
    const shell = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" --import tsx "${main}" recipes --json | head -1`], { encoding: 'utf8' });
    expect(shell.stdout).toBe('[\n');
    expect(shell.stderr).toBe('');
    expect(shell.status).toBe(0);
  });
});
