/**
 * Rule design on the design settings only (held-out settings are never read here): for each candidate rule
 * and constant, the per-setting regret estimated from the cached grids (no training): the best seed-mean grid
 * accuracy minus the seed-mean grid curve, interpolated linearly in log2(lr), at each seed's pick. The study
 * itself (run.ts) then trains at every rule's exact pick.
 *
 *   npx tsx scripts/finder-study/design.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CaseRecord } from './cache.js';
import { SEEDS, SETTINGS } from './settings.js';
import type { Setting, FinderCurve } from './train.js';
import { replay } from './rules.js';

export interface DesignSetting {
  setting: Setting;
  records: CaseRecord[];
  /** Grid points trained for every seed, by lr: the seed-mean accuracy. */
  grid: Array<{ lr: number; accuracy: number }>;
}

export function loadDesignSettings(dir = '.cache/finder-study'): DesignSetting[] {
  const records = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as CaseRecord);
  const out: DesignSetting[] = [];
  for (const setting of SETTINGS.filter((s) => !s.heldOut)) {
    const mine = records.filter((r) => r.settingId === setting.id && r.finder !== null);
    if (mine.length < SEEDS.length) continue;
    const lrs = Object.values((mine[0] as CaseRecord).runs)
      .filter((r) => r.budget === undefined && Number.isInteger(Math.log2(r.lr)))
      .map((r) => r.lr)
      .filter((lr) => mine.every((rec) => Object.values(rec.runs).some((r) => r.budget === undefined && r.lr === lr)))
      .sort((a, b) => a - b);
    const grid = lrs.map((lr) => ({ lr, accuracy: mine.reduce((sum, rec) => sum + (Object.values(rec.runs).find((r) => r.budget === undefined && r.lr === lr)?.accuracy as number), 0) / mine.length }));
    out.push({ setting, records: mine, grid });
  }
  return out;
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

export type Pick = (curve: FinderCurve, setting: Setting) => number | null | Promise<number | null>;

/** Mean and worst per-setting regret (points) of a rule, estimated from the grids. */
export async function estimate(settings: DesignSetting[], pick: Pick): Promise<{ mean: number; worst: number; per: string[] }> {
  const regrets: number[] = [];
  const per: string[] = [];
  for (const { setting, records, grid } of settings) {
    const best = Math.max(...grid.map((g) => g.accuracy));
    let sum = 0;
    for (const record of records) {
      const lr = await pick(record.finder as FinderCurve, setting);
      sum += lr === null ? 0.1 : interpolated(grid, lr);
    }
    const regret = (best - sum / records.length) * 100;
    regrets.push(regret);
    per.push(`${setting.id}:${regret.toFixed(2)}`);
  }
  return { mean: regrets.reduce((a, b) => a + b, 0) / regrets.length, worst: Math.max(...regrets), per };
}

async function main(): Promise<void> {
  const settings = loadDesignSettings();
  console.log(`${settings.length} design settings: ${settings.map((s) => s.setting.id).join(' ')}`);
  for (const { setting, grid } of settings) {
    console.log(setting.id, setting.optimizer, grid.map((g) => `${g.lr.toPrecision(2)}:${(g.accuracy * 100).toFixed(1)}`).join(' '));
  }
  const row = async (name: string, pick: Pick) => {
    const e = await estimate(settings, pick);
    console.log(`${name.padEnd(44)} mean ${e.mean.toFixed(2)} worst ${e.worst.toFixed(2)}  ${e.per.join(' ')}`);
  };
  await row('default (centredMinimum as shipped)', async (c, s) => (await replay(c, s)).suggestedLr);
  for (const sigma of [2, 3, 4, 6]) {
    for (const sgd of [1.2, 1.5, 1.7, 2, 2.5]) {
      for (const adaptive of [0.6, 0.8, 0.9, 1.1, 1.4]) {
        await row(`sigma ${sigma} sgd x${sgd} adaptive x${adaptive}`, async (c, s) => (await replay(c, s, { suggestOptions: { centredMinimum: { sigma, factor: s.optimizer === 'momentum' ? sgd : adaptive } } })).suggestedLr);
      }
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] as string).href) await main();
