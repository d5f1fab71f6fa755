/**
 * The LR-finder study (`npm run study:finder`): for every setting and seed, run the range test, grid-search
 * OneCycleLR's maxLr on a log2 grid (the same grid points for every seed of a setting), train at every rule's
 * pick, and report each rule's regret (grid-best seed-mean validation accuracy minus the seed-mean accuracy at
 * the rule's picks, in points). Results are cached per case under `.cache/finder-study/`, so a rerun only
 * trains what is missing.
 *
 *   npm run study:finder                 # everything (resumes from the cache)
 *   npm run study:finder -- --only D1,T2 # some settings
 *   npm run study:finder -- --grid       # finder runs and grids only (what rule design reads)
 *   npm run study:finder -- --report     # no training: write the report from the cache (missing picks marked)
 */
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../../src/tfjs/wasmBackend.js';
import { loadMnist } from '../../packages/cli/src/datasets/mnist.js';
import { CaseCache, runKey, type CaseRecord } from './cache.js';
import { EXTEND_WITHIN, GRID_LIMITS, GRID_START, SEEDS, SETTINGS, TRAIN_DIGITS, VALIDATION_DIGITS } from './settings.js';
import { runFinder, toPatches, trainOneCycle, type Data, type Setting } from './train.js';
import { CANDIDATE_RULES, REFERENCE_RULES, type StudyRule } from './rules.js';
import { writeReport } from './report.js';

const args = process.argv.slice(2);
const only = args.includes('--only') ? (args[args.indexOf('--only') + 1] as string).split(',') : null;
const reportOnly = args.includes('--report');
const gridOnly = args.includes('--grid');
const RULES: StudyRule[] = [...REFERENCE_RULES, ...CANDIDATE_RULES];

const log = (msg: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${msg}`);
const cache = new CaseCache('.cache/finder-study');

function signature(setting: Setting, seed: number): string {
  return JSON.stringify({ setting: { ...setting, heldOut: undefined }, seed, train: TRAIN_DIGITS, validation: VALIDATION_DIGITS, v: 2 });
}

interface SeedCase {
  record: CaseRecord;
  data: Data;
}

async function ensureRun(setting: Setting, { record, data }: SeedCase, lr: number, budget = 1): Promise<number> {
  const key = runKey(lr, budget);
  const hit = record.runs[key];
  if (hit !== undefined) return hit.accuracy;
  const started = Date.now();
  const exactLr = Number(runKey(lr)); // the lr as cached: 6 significant digits
  const outcome = await trainOneCycle(setting, record.seed, exactLr, data, budget);
  record.runs[key] = { ...outcome, lr: exactLr, ...(budget === 1 ? {} : { budget }) };
  cache.save(record);
  log(`${setting.id} seed ${record.seed} maxLr ${key}: ${(outcome.accuracy * 100).toFixed(2)}% (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return outcome.accuracy;
}

/** The seed-mean accuracy at 2^k, training every seed that lacks it. */
async function gridPoint(setting: Setting, seeds: SeedCase[], k: number): Promise<number> {
  let sum = 0;
  for (const c of seeds) sum += await ensureRun(setting, c, 2 ** k);
  return sum / seeds.length;
}

/** Grid over 2^k: the start window, then extend each side while its edge's seed mean is within EXTEND_WITHIN points of the best. */
async function grid(setting: Setting, seeds: SeedCase[]): Promise<void> {
  let [lo, hi] = GRID_START[setting.optimizer];
  const acc = new Map<number, number>();
  for (let k = lo; k <= hi; k++) acc.set(k, await gridPoint(setting, seeds, k));
  for (;;) {
    const best = Math.max(...acc.values());
    if (lo > GRID_LIMITS[0] && (acc.get(lo) as number) >= best - EXTEND_WITHIN / 100) {
      lo -= 1;
      acc.set(lo, await gridPoint(setting, seeds, lo));
    } else if (hi < GRID_LIMITS[1] && (acc.get(hi) as number) >= best - EXTEND_WITHIN / 100) {
      hi += 1;
      acc.set(hi, await gridPoint(setting, seeds, hi));
    } else break;
  }
}

function loadData(setting: Setting, seed: number): Data {
  const { train, test } = loadMnist({ train: TRAIN_DIGITS, test: VALIDATION_DIGITS, seed });
  if (setting.model !== 'cnn') return { trainX: train.xs, trainY: train.ys, valX: test.xs, valY: test.ys, trainCount: TRAIN_DIGITS };
  const data = { trainX: toPatches(train.xs), trainY: train.ys, valX: toPatches(test.xs), valY: test.ys, trainCount: TRAIN_DIGITS };
  tf.dispose([train.xs, test.xs]);
  return data;
}

await useWasmBackend();
const settings = SETTINGS.filter((s) => only === null || only.includes(s.id));
if (!reportOnly) {
  for (const setting of settings) {
    const seeds: SeedCase[] = SEEDS.map((seed) => ({ record: cache.load(setting.id, seed, signature(setting, seed)), data: loadData(setting, seed) }));
    for (const c of seeds) {
      if (c.record.finder !== null) continue;
      c.record.finder = await runFinder(setting, c.record.seed, c.data);
      cache.save(c.record);
      log(`${setting.id} seed ${c.record.seed}: finder ${c.record.finder.losses.length} iterations`);
    }
    await grid(setting, seeds);
    if (!gridOnly) {
      for (const c of seeds) {
        for (const rule of RULES) {
          const lr = await rule.pick(c.record.finder as NonNullable<CaseRecord['finder']>, setting, (x, budget) => ensureRun(setting, c, x, budget));
          if (lr !== null && Number.isFinite(lr) && lr > 0) await ensureRun(setting, c, lr);
        }
      }
    }
    for (const c of seeds) tf.dispose(Object.values(c.data).filter((t): t is tf.Tensor => t instanceof tf.Tensor));
  }
}
// The report covers every setting in the cache, whatever --only selected.
const records = SETTINGS.flatMap((setting) => SEEDS.map((seed) => cache.load(setting.id, seed, signature(setting, seed))));
await writeReport(records, RULES);
log('report written');
