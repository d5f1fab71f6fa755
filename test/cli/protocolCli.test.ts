import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runTrace } from '../../src/spec/trace.js';

const metrics = Array.from({ length: 30 }, (_, i) => (i < 5 ? 1 - i / 10 : 0.6));
const specs = [
  { optimizer: { lr: 0.1 }, scheduler: { type: 'WarmupLR', steps: 3, scheduler: { type: 'ReduceLROnPlateau', patience: 1, factor: 0.5 } }, steps: 30, metrics },
  {
    optimizer: { lr: 0.1 },
    scheduler: { type: 'PlateauSequentialLR', schedulers: [{ type: 'LinearLR', startFactor: 0.5, totalIters: 3 }, { type: 'ReduceLROnPlateau', patience: 1, factor: 0.5 }], milestones: [3] },
    steps: 30,
    metrics,
  },
];

describe('lrkit plot and compare', () => {
  it('protocol: trace, plot and compare step WarmupLR(ReduceLROnPlateau) and PlateauSequentialLR on their metrics', () => {
    const lrkit = (args: string[]) => spawnSync(process.execPath, ['packages/cli/dist/main.js', ...args], { encoding: 'utf8' });
    const inline = specs.map((s) => JSON.stringify(s));
    const traced = specs.map((s) => runTrace(s).lr.map((r) => r[0] as number));
    const viaStdin = spawnSync(process.execPath, ['packages/cli/dist/main.js', 'trace', '-'], { input: `[${inline.join(',')}]`, encoding: 'utf8' });
    expect(viaStdin.status).toBe(0);
    expect((JSON.parse(viaStdin.stdout) as Array<{ lr: number[][] }>).map((r) => r.lr.map((row) => row[0]))).toEqual(traced);
    const compare = lrkit(['compare', ...inline, '--json', '--no-progress']);
    expect(compare.stderr).toBe('');
    const table = (JSON.parse(compare.stdout) as { table: Array<{ first: number; min: number; final: number }> }).table;
    table.forEach((row, i) => {
      expect(row.first).toBe(traced[i]![0]);
      expect(row.final).toBe(traced[i]!.at(-1));
      expect(row.min).toBe(Math.min(...traced[i]!));
    });
    expect(traced.every((lr) => lr.at(-1)! < 0.1)).toBe(true); // the plateau phases reduced the lr
    const plot = lrkit(['plot', inline[0]!, '--json', '--no-progress']);
    const curve = (JSON.parse(plot.stdout) as { curves: Array<{ lr: Array<{ stats: { last: number } }> }> }).curves[0]!;
    expect(curve.lr[0]!.stats.last).toBe(traced[0]!.at(-1));
  });
});
