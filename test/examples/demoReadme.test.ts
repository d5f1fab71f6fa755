import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The README's demo table: [name, accuracy, loss] per row, in order. */
function readmeTable(): string[][] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('With the defaults (seed 1):');
  expect(start, 'the README states the demo table').toBeGreaterThan(0);
  const rows = readme.slice(start).split('\n').slice(2).filter((l) => l.startsWith('| ') && !l.startsWith('| schedule') && !l.startsWith('|---'));
  const table: string[][] = [];
  for (const line of rows) {
    table.push(line.split('|').slice(1, 4).map((c) => c.trim()));
    if (table.length === 5) break;
  }
  return table;
}

describe("the README's demo table", () => {
  it('is what npm start prints with the default settings', () => {
    const report = join(mkdtempSync(join(tmpdir(), 'lrkit-demo-')), 'report.html');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'examples/demo.ts', '--report', report], { encoding: 'utf8', timeout: 300_000 });
    expect(run.status, run.stderr).toBe(0);
    // console.table rows: │ i │ 'name' │ 'acc%' │ 'loss' │ 'time' │
    const printed = run.stdout
      .split('\n')
      .filter((l) => l.includes('%'))
      .map((l) => l.split('│').map((c) => c.trim().replace(/^'|'$/g, '')).slice(3, 5));
    const readme = readmeTable();
    expect(printed).toEqual(readme.map((row) => row.slice(1)));
    // The finder's pick, as the README names it ('OneCycleLR, finder maxLr 0.158').
    const pick = /finder maxLr ([\d.]+)/.exec(readme[4]?.[0] ?? '')?.[1];
    expect(run.stdout).toContain(`OneCycleLR (finder maxLr ${pick})`);
  }, 300_000);
});
