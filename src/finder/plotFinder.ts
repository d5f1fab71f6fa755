import type { VegaLiteSpec } from '../plot/VegaLiteSpec.js';
import type { FindLrResult } from './findLr.js';
import { centredSmooth } from './smoothing.js';
import { CENTRED_MINIMUM_SIGMA } from './suggestions.js';

/**
 * Options of {@link finderChartSpec} (and of `plotFinderSvg` in lrkit-cli).
 *
 * @example
 * import { createOptimizer, findLr } from 'lrkit';
 *
 * let w = 0;
 * const result = await findLr({ optimizer: createOptimizer({ lr: 0.01 }), startLr: 1e-4, endLr: 10, trainStep: ({ lr }) => ((w -= lr * 2 * (w - 3)), (w - 3) ** 2) });
 * const options: PlotFinderOptions = { title: 'quadratic', showRaw: false, width: 400 };
 * finderChartSpec(result, options).title; // 'quadratic'
 */
export interface PlotFinderOptions {
  width?: number;
  height?: number;
  title?: string;
  /** Also draw the raw (unsmoothed) loss, faintly. Default true. */
  showRaw?: boolean;
  /** Also draw the running (lagging) smoothed loss the reference rules read. Default false. */
  showLagged?: boolean;
  /** Standard deviation, in sweep points, of the zero-phase smoothing drawn as the main line. Default {@link CENTRED_MINIMUM_SIGMA} (the default rule's). */
  sigma?: number;
}

/**
 * The finder's Vega-Lite spec: the loss against lr on a log axis, smoothed without lag (centred Gaussian,
 * see `centredSmooth`) over the faint raw loss, each suggestion marked at the lr its rule picked (for
 * `minimum` and `centredMinimum`, the minimum they scale), the chosen one larger. The y axis stops above
 * the loss at the start of the sweep, so a diverging tail does not flatten the interesting part.
 *
 * @example
 * import { createOptimizer, findLr } from 'lrkit';
 *
 * let w = 0;
 * const result = await findLr({ optimizer: createOptimizer({ lr: 0.01 }), startLr: 1e-4, endLr: 10, trainStep: ({ lr }) => ((w -= lr * 2 * (w - 3)), (w - 3) ** 2) });
 * const spec = finderChartSpec(result); // a Vega-Lite spec: render it with vega-embed in a page
 * spec.title; // 'LR range test'
 */
export function finderChartSpec(result: FindLrResult, options: PlotFinderOptions = {}): VegaLiteSpec {
  const { width = 640, height = 360, title = 'LR range test', showRaw = true, showLagged = false, sigma = CENTRED_MINIMUM_SIGMA } = options;
  // The main line is zero-phase smoothed: a running average lags the raw loss by tens of points and would
  // draw the minimum (and everything after it) too far right.
  const centred = centredSmooth(result.losses, sigma);
  const rows = result.lrs.flatMap((lr, i) => {
    const out: Array<{ lr: number; loss: number; series: string }> = [];
    if (i < centred.length) out.push({ lr, loss: centred[i] as number, series: 'loss (centred smoothing)' });
    if (showRaw) out.push({ lr, loss: result.losses[i] as number, series: 'raw loss' });
    if (showLagged) out.push({ lr, loss: result.smoothedLosses[i] as number, series: 'running average (lags)' });
    return out.filter((r) => Number.isFinite(r.loss));
  });
  const series = [['loss (centred smoothing)', '#1f77b4', true], ['raw loss', '#c6dbef', showRaw], ['running average (lags)', '#ff7f0e', showLagged]]
    .filter((x) => x[2])
    .map((x) => [x[0] as string, x[1] as string]);
  const finite = centred.filter(Number.isFinite);
  const bottom = finite.length > 0 ? finite.indexOf(Math.min(...finite)) : 0;
  const head = finite.slice(0, bottom + 1);
  const lo = finite.length > 0 ? Math.min(...finite) : 0;
  const hi = head.length > 0 ? Math.max(...head) : 1;
  const pad = (hi - lo) * 0.15 || Math.abs(hi) * 0.1 || 1;
  // Each suggestion is marked at the point its rule picked, on the curve it read: the running average for the
  // reference rules when that curve is drawn, otherwise the centred curve.
  const at = (name: string, index: number | null, fallback: number) => {
    const curve = showLagged && name !== 'centredMinimum' ? result.smoothedLosses : centred;
    return index !== null && index < curve.length ? (curve[index] as number) : fallback;
  };
  const points = result.suggestions
    .filter((s) => s.lr !== null && s.point !== null)
    .map((s) => ({ lr: s.point?.lr as number, loss: at(s.name, s.index, s.point?.loss as number), label: `${s.name}${s.chosen ? ' (chosen)' : ''}: ${(s.lr as number).toExponential(2)}`, size: s.chosen ? 160 : 70 }));
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
          color: { field: 'series', type: 'nominal', scale: { domain: series.map((x) => x[0]), range: series.map((x) => x[1]) }, legend: { title: null, labelLimit: 300 } },
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
