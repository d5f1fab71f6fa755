/**
 * The LR-finder study (`npm run study:finder`): for every setting and seed, run the range test, grid-search
 * OneCycleLR's maxLr on a log2 grid, train at every rule's pick, and report each rule's regret (grid-best
 * validation accuracy minus the accuracy at the pick, in points). Results are cached per case under
 * `.cache/finder-study/`, so a rerun only trains what is missing.
 *
 *   npm run study:finder                 # everything (resumes from the cache)
 *   npm run study:finder -- --only D1,H2 # some settings
 *   npm run study:finder -- --report     # no training: write the report from the cache (missing picks marked)
 *   npm run study:finder -- --reference  # train the grids and the reference rules' picks only
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
const RULES: StudyRule[] = [...REFERENCE_RULES, ...CANDIDATE_RULES];
const TRAINED_RULES: StudyRule[] = args.includes('--reference') ? REFERENCE_RULES : RULES;

const log = (msg: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${msg}`);
const cache = new CaseCache('.cache/finder-study');

function signature(setting: Setting, seed: number): string {
  return JSON.stringify({ setting: { ...setting, heldOut: undefined }, seed, train: TRAIN_DIGITS, validation: VALIDATION_DIGITS, v: 1 });
}

async function ensureRun(record: CaseRecord, setting: Setting, lr: number, data: Data, budget = 1): Promise<number> {
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

/** Grid over 2^k: start window, then extend each side while its edge is within EXTEND_WITHIN points of the best. */
async function grid(record: CaseRecord, setting: Setting, data: Data): Promise<void> {
  let [lo, hi] = GRID_START[setting.optimizer];
  const acc = new Map<number, number>();
  for (let k = lo; k <= hi; k++) acc.set(k, await ensureRun(record, setting, 2 ** k, data));
  for (;;) {
    const best = Math.max(...acc.values());
    if (lo > GRID_LIMITS[0] && (acc.get(lo) as number) >= best - EXTEND_WITHIN / 100) {
      lo -= 1;
      acc.set(lo, await ensureRun(record, setting, 2 ** lo, data));
    } else if (hi < GRID_LIMITS[1] && (acc.get(hi) as number) >= best - EXTEND_WITHIN / 100) {
      hi += 1;
      acc.set(hi, await ensureRun(record, setting, 2 ** hi, data));
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
const cases: Array<{ setting: Setting; record: CaseRecord }> = [];
for (const setting of SETTINGS) {
  if (only !== null && !only.includes(setting.id)) continue;
  for (const seed of SEEDS) cases.push({ setting, record: cache.load(setting.id, seed, signature(setting, seed)) });
}
if (!reportOnly) {
  // Phase 1: every grid first (the picks of rules still being designed can wait); phase 2: the picks.
  for (const phase of ['grid', 'picks'] as const) {
    for (const { setting, record } of cases) {
      const data = loadData(setting, record.seed);
      if (record.finder === null) {
        record.finder = await runFinder(setting, record.seed, data);
        cache.save(record);
        log(`${setting.id} seed ${record.seed}: finder ${record.finder.losses.length} iterations`);
      }
      if (phase === 'grid') await grid(record, setting, data);
      else {
        for (const rule of TRAINED_RULES) {
          const lr = await rule.pick(record.finder, setting, (x, budget) => ensureRun(record, setting, x, data, budget));
          if (lr !== null && Number.isFinite(lr) && lr > 0) await ensureRun(record, setting, lr, data);
        }
      }
      tf.dispose(Object.values(data).filter((t): t is tf.Tensor => t instanceof tf.Tensor));
    }
  }
}
const records = cases.map((c) => c.record);
await writeReport(records, RULES);
log('report written');
