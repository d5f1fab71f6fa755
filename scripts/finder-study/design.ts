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
import { gridOf, interpolated, seedMeanGrid, type GridPoint } from './grid.js';
import { SEEDS, SETTINGS } from './settings.js';
import type { Setting, FinderCurve } from './train.js';
import { replay } from './rules.js';

export interface DesignSetting {
  setting: Setting;
  records: CaseRecord[];
  /** Grid points trained for every seed, by lr: the seed-mean accuracy. */
  grid: GridPoint[];
}

export function loadDesignSettings(dir = '.cache/finder-study'): DesignSetting[] {
  const records = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as CaseRecord);
  const out: DesignSetting[] = [];
  for (const setting of SETTINGS.filter((s) => !s.heldOut)) {
    const mine = records.filter((r) => r.settingId === setting.id && r.finder !== null);
    if (mine.length < SEEDS.length) continue;
    const grid = seedMeanGrid(mine.map(gridOf)).map(({ lr, accuracy }) => ({ lr, accuracy }));
    out.push({ setting, records: mine, grid });
  }
  return out;
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

/**
 * How the default's constants were chosen: every (sigma, SGD factor, adaptive factor) on a grid is scored by its
 * estimated regret; each is then ranked by its neighbourhood (itself and the grid points next to it in every
 * dimension: mean of their means, worst of their worsts), so the choice sits in a flat region rather than on a
 * lucky peak. The top row is the default (sigma 5, SGD x2; the adaptive factor was then left at 0.9, the middle
 * of the flat 0.8-1.1 range that leads the table).
 */
async function main(): Promise<void> {
  const settings = loadDesignSettings();
  console.log(`${settings.length} design settings: ${settings.map((s) => s.setting.id).join(' ')}`);
  for (const { setting, grid } of settings) {
    console.log(setting.id, setting.optimizer, grid.map((g) => `${g.lr.toPrecision(2)}:${(g.accuracy * 100).toFixed(1)}`).join(' '));
  }
  const shipped = await estimate(settings, async (c, s) => (await replay(c, s)).suggestedLr);
  console.log(`findLr's default: mean ${shipped.mean.toFixed(2)} worst ${shipped.worst.toFixed(2)}  ${shipped.per.join(' ')}`);
  const SIGMAS = [3, 4, 5, 6, 7, 8];
  const SGD = [1.4, 1.7, 2, 2.4, 2.8, 3.2];
  const ADAPTIVE = [0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2];
  const score = new Map<string, { mean: number; worst: number }>();
  for (const [i, sigma] of SIGMAS.entries()) {
    for (const [j, sgd] of SGD.entries()) {
      for (const [k, adaptive] of ADAPTIVE.entries()) {
        const factor = (s: Setting) => (s.optimizer === 'momentum' ? sgd : adaptive);
        score.set(`${i},${j},${k}`, await estimate(settings, async (c, s) => (await replay(c, s, { suggestOptions: { centredMinimum: { sigma, factor: factor(s) } } })).suggestedLr));
      }
    }
  }
  const rows: Array<{ rank: number; text: string }> = [];
  for (const [i, sigma] of SIGMAS.entries()) {
    for (const [j, sgd] of SGD.entries()) {
      for (const [k, adaptive] of ADAPTIVE.entries()) {
        let sum = 0;
        let worst = 0;
        let n = 0;
        for (const di of [-1, 0, 1]) {
          for (const dj of [-1, 0, 1]) {
            for (const dk of [-1, 0, 1]) {
              const v = score.get(`${i + di},${j + dj},${k + dk}`);
              if (v === undefined) continue;
              sum += v.mean;
              worst = Math.max(worst, v.worst);
              n += 1;
            }
          }
        }
        const self = score.get(`${i},${j},${k}`) as { mean: number; worst: number };
        rows.push({
          rank: sum / n + worst / 2,
          text: `sigma ${sigma} sgd x${sgd} adaptive x${adaptive}: neighbourhood mean ${(sum / n).toFixed(2)} worst ${worst.toFixed(2)}; itself mean ${self.mean.toFixed(2)} worst ${self.worst.toFixed(2)}`,
        });
      }
    }
  }
  rows.sort((a, b) => a.rank - b.rank);
  for (const row of rows.slice(0, 12)) console.log(row.text);
}

if (import.meta.url === pathToFileURL(process.argv[1] as string).href) await main();
