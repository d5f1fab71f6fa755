import type { VegaLiteSpec } from '../plot/VegaLiteSpec.js';
import type { FindLrResult } from './findLr.js';

/** Options of {@link finderChartSpec} (and of `plotFinderSvg` in lrkit-cli). */
export interface PlotFinderOptions {
  width?: number;
  height?: number;
  title?: string;
  /** Also draw the raw (unsmoothed) loss, faintly. Default true. */
  showRaw?: boolean;
}

/**
 * The finder's Vega-Lite spec: smoothed (and raw) loss against lr on a log axis, each suggestion marked
 * at the point its reference library marks, the chosen one larger. The y axis stops above the loss at
 * the start of the sweep, so a diverging tail does not flatten the interesting part.
 *
 * @example
 * const spec = finderChartSpec(result); // render with vega-embed in a page
 */
export function finderChartSpec(result: FindLrResult, options: PlotFinderOptions = {}): VegaLiteSpec {
  const { width = 640, height = 360, title = 'LR range test', showRaw = true } = options;
  const rows = result.lrs.flatMap((lr, i) => {
    const out = [{ lr, loss: result.smoothedLosses[i] as number, series: 'smoothed loss' }];
    if (showRaw) out.push({ lr, loss: result.losses[i] as number, series: 'raw loss' });
    return out.filter((r) => Number.isFinite(r.loss));
  });
  const finite = result.smoothedLosses.filter(Number.isFinite);
  const head = result.smoothedLosses.slice(0, Math.max(1, result.bestIndex + 1)).filter(Number.isFinite);
  const lo = finite.length > 0 ? Math.min(...finite) : 0;
  const hi = head.length > 0 ? Math.max(...head) : 1;
  const pad = (hi - lo) * 0.15 || Math.abs(hi) * 0.1 || 1;
  const points = result.suggestions
    .filter((s) => s.lr !== null && s.point !== null)
    .map((s) => ({ lr: s.point?.lr as number, loss: s.point?.loss as number, label: `${s.name}${s.chosen ? ' (chosen)' : ''}: ${(s.lr as number).toExponential(2)}`, size: s.chosen ? 160 : 70 }));
  const x = { field: 'lr', type: 'quantitative', scale: { type: 'log' }, axis: { title: 'learning rate', format: '.0e' } } as const;
  const y = { field: 'loss', type: 'quantitative', scale: { domain: [lo - pad, hi + pad], zero: false }, axis: { title: 'loss' } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width,
    height,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', clip: true },
        encoding: {
          x,
          y,
          color: { field: 'series', type: 'nominal', scale: { domain: ['smoothed loss', 'raw loss'], range: ['#1f77b4', '#c6dbef'] }, legend: { title: null } },
          order: { field: 'lr', type: 'quantitative' },
        },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, clip: true, stroke: 'black', strokeWidth: 0.5 },
        encoding: {
          x,
          y,
          shape: { field: 'label', type: 'nominal', legend: { title: 'suggestions', labelLimit: 400 } },
          fill: { field: 'label', type: 'nominal', scale: { scheme: 'category10' }, legend: { title: 'suggestions', labelLimit: 400 } },
          size: { condition: { test: 'datum.size > 100', value: 160 }, value: 70 },
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  } as unknown as VegaLiteSpec;
}
