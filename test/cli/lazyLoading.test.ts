import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The built command, as users run it (npm test builds first).
function loadedModules(...args: string[]): string[] {
  const run = spawnSync(process.execPath, ['--import', './test/helpers/logResolvedModules.mjs', 'packages/cli/dist/main.js', ...args], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stderr.split('\n').filter((line) => line.startsWith('resolved ')).map((line) => line.slice('resolved '.length));
}

describe('lrkit loads what a command needs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-lazy-'));
  const spec = join(dir, 'spec.json');
  writeFileSync(spec, JSON.stringify({ optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 3 }, steps: 10 }));
  const vega = (urls: string[]) => urls.filter((url) => /\/node_modules\/vega/.test(url));

  it('--help and trace do not load vega', () => {
    expect(vega(loadedModules('--help'))).toEqual([]);
    expect(vega(loadedModules('trace', spec))).toEqual([]);
  });

  it('writing an SVG chart does load it (the check above can see vega)', () => {
    expect(vega(loadedModules('plot', spec, '-o', join(dir, 'chart.svg'))).length).toBeGreaterThan(0);
  });
});
