/** The demo's HTML report: a results table plus lr and training-loss charts drawn by lrkit/plot. */
import { existsSync, readFileSync } from 'node:fs';
import { chartSpec, fromFunction, sampleCurves } from '../../src/plot/index.js';
import { renderSvg } from '../../packages/cli/src/render/renderSvg.js';
import type { RunResult } from './trainMnist.js';

/** One rule's line of the finder study summary (docs/finder-study.json). */
export interface StudyRuleSummary {
  rule: string;
  isDefault: boolean;
  design: { mean: number | null; worst: number | null; n: number };
  heldOut: { mean: number | null; worst: number | null; n: number };
}

export interface ReportInput {
  runs: RunResult[];
  settings: Record<string, unknown>;
  finder?: { suggestedLr: number | null; rule: string; iterations: number; stopReason: string; svg: string } | undefined;
  study?: StudyRuleSummary[] | null;
}

/** The finder study's per-rule summary, or null when docs/finder-study.json is missing. */
export function readStudySummary(file = new URL('../../docs/finder-study.json', import.meta.url)): StudyRuleSummary[] | null {
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, 'utf8')) as { rules: StudyRuleSummary[] }).rules;
}

function studyTable(rules: StudyRuleSummary[]): string {
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(2));
  const rows = rules
    .map((r) => `<tr><td>${r.isDefault ? `<b>${escape(r.rule)}</b> (default)` : escape(r.rule)}</td><td>${f(r.design.mean)}</td><td>${f(r.design.worst)}</td><td>${f(r.heldOut.mean)}</td><td>${f(r.heldOut.worst)}</td></tr>`)
    .join('\n');
  return `<h2>Finder study: regret of each rule</h2>
<p>Validation-accuracy points lost against a grid search over OneCycleLR's <code>maxLr</code> (factor 2), training at each rule's pick, averaged
over the seeds of each setting, on ${rules[0]?.design.n ?? 0} design and ${rules[0]?.heldOut.n ?? 0} held-out MNIST settings (models, optimizers, batch sizes, epochs). Details: <code>docs/finder-study.md</code>.</p>
<table><tr><th>rule</th><th>design mean</th><th>design worst</th><th>held-out mean</th><th>held-out worst</th></tr>
${rows}
</table>`;
}

/** Exponential moving average, so a noisy per-batch loss reads as a trend. */
export function smooth(values: readonly number[], beta = 0.98): number[] {
  let avg = 0;
  return values.map((v, i) => {
    avg = beta * avg + (1 - beta) * v;
    return avg / (1 - beta ** (i + 1));
  });
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

export async function renderReport({ runs, settings, finder, study }: ReportInput): Promise<string> {
  const lrCurves = sampleCurves(runs.map((r) => fromFunction(r.name, (t) => r.lrs[t] as number, r.lrs.length - 1)));
  const lossCurves = sampleCurves(runs.map((r) => {
    const s = smooth(r.losses);
    return fromFunction(r.name, (t) => s[t] as number, s.length - 1);
  }));
  const lrSvg = await renderSvg(chartSpec(lrCurves, { title: 'Learning rate per update' }));
  const lossSvg = await renderSvg(chartSpec(lossCurves, { title: 'Training loss (smoothed)', valueTitle: 'cross-entropy', log: true }));
  const rows = runs
    .map((r) => `<tr><td>${escape(r.name)}</td><td>${(r.valAccuracy * 100).toFixed(2)}%</td><td>${r.valLoss.toFixed(4)}</td><td>${r.seconds.toFixed(1)} s</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lrkit MNIST demo</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}code{background:#f4f4f4;padding:0 .2rem}</style>
</head><body>
<h1>Learning-rate schedules on real MNIST digits</h1>
<p>Same model, same initial weights, same batches; only the schedule differs. Settings: <code>${escape(JSON.stringify(settings))}</code></p>
<table><tr><th>schedule</th><th>val accuracy</th><th>val loss</th><th>time</th></tr>
${rows}
</table>
<p>The hand-set peak (0.1) was not tuned on this data; the LR range test's ${finder?.iterations ?? 0} extra updates are not counted in the budget.</p>
${finder ? `<h2>LR range test</h2><p>Suggested max lr (rule <code>${escape(finder.rule)}</code>): <b>${finder.suggestedLr === null ? 'none' : finder.suggestedLr.toPrecision(3)}</b>, used as OneCycleLR's <code>maxLr</code>. The sweep ran ${finder.iterations} iterations (stop: ${escape(finder.stopReason)}). The blue line is the loss smoothed without lag (centred), over the raw loss.</p>${finder.svg}` : ''}
${study ? studyTable(study) : ''}
<h2>Learning rate</h2>
${lrSvg}
<h2>Training loss</h2>
${lossSvg}
</body></html>
`;
}
