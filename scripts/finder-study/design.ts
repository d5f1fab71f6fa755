/**
 * Rule design on the design settings only (D*; held-out settings are never read here): for each candidate
 * rule and constant, the regret estimated from the cached grid by linear interpolation of accuracy in
 * log2(lr) (no training). The study itself (run.ts) then trains at every rule's exact pick.
 *
 *   npx tsx scripts/finder-study/design.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CaseRecord } from './cache.js';
import { SETTINGS } from './settings.js';
import type { Setting, FinderCurve } from './train.js';

export function loadDesignCases(dir = '.cache/finder-study'): Array<{ setting: Setting; record: CaseRecord }> {
  const out: Array<{ setting: Setting; record: CaseRecord }> = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const record = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as CaseRecord;
    const setting = SETTINGS.find((s) => s.id === record.settingId);
    if (setting === undefined || setting.heldOut || record.finder === null) continue;
    out.push({ setting, record });
  }
  return out;
}

/** Grid points (2^k runs) sorted by lr. */
export function gridOf(record: CaseRecord): Array<{ lr: number; accuracy: number }> {
  return Object.values(record.runs)
    .filter((r) => r.budget === undefined && Number.isInteger(Math.log2(r.lr)))
    .map((r) => ({ lr: r.lr, accuracy: r.accuracy }))
    .sort((a, b) => a.lr - b.lr);
}

export function interpolated(grid: Array<{ lr: number; accuracy: number }>, lr: number): number {
  const x = Math.log2(lr);
  const first = grid[0] as { lr: number; accuracy: number };
  const last = grid[grid.length - 1] as { lr: number; accuracy: number };
  if (x <= Math.log2(first.lr)) return first.accuracy;
  if (x >= Math.log2(last.lr)) return last.accuracy;
  for (let i = 0; i + 1 < grid.length; i++) {
    const a = grid[i] as { lr: number; accuracy: number };
    const b = grid[i + 1] as { lr: number; accuracy: number };
    if (x <= Math.log2(b.lr)) {
      const t = (x - Math.log2(a.lr)) / (Math.log2(b.lr) - Math.log2(a.lr));
      return a.accuracy + t * (b.accuracy - a.accuracy);
    }
  }
  return last.accuracy;
}

export type Pick = (curve: FinderCurve, setting: Setting) => number | null;

export function estimate(cases: Array<{ setting: Setting; record: CaseRecord }>, pick: Pick): { mean: number; worst: number; per: string[] } {
  const regrets: number[] = [];
  const per: string[] = [];
  for (const { setting, record } of cases) {
    const grid = gridOf(record);
    const best = Math.max(...grid.map((g) => g.accuracy));
    const lr = pick(record.finder as FinderCurve, setting);
    const regret = lr === null ? best * 100 : (best - interpolated(grid, lr)) * 100;
    regrets.push(regret);
    per.push(`${setting.id}/${record.seed}:${regret.toFixed(1)}`);
  }
  return { mean: regrets.reduce((a, b) => a + b, 0) / regrets.length, worst: Math.max(...regrets), per };
}
