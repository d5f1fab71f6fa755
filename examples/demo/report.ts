/** The demo's HTML report: a results table plus lr and training-loss charts drawn by lrkit/plot. */
import { chartSpec, fromFunction, sampleCurves } from '../../src/plot/index.js';
import { renderSvg } from '../../packages/cli/src/render/renderSvg.js';
import type { RunResult } from './trainMnist.js';

export interface ReportInput {
  runs: RunResult[];
  settings: Record<string, unknown>;
  finder?: { suggestedLr: number | null; rule: string; svg: string } | undefined;
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

export async function renderReport({ runs, settings, finder }: ReportInput): Promise<string> {
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
${finder ? `<h2>LR range test</h2><p>Suggested max lr (rule <code>${escape(finder.rule)}</code>): <b>${finder.suggestedLr === null ? 'none' : finder.suggestedLr.toPrecision(3)}</b>, used as OneCycleLR's <code>maxLr</code>.</p>${finder.svg}` : ''}
<h2>Learning rate</h2>
${lrSvg}
<h2>Training loss</h2>
${lossSvg}
</body></html>
`;
}
