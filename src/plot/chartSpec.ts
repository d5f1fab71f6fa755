import type { VegaLiteSpec } from './VegaLiteSpec.js';
import { momentumVaries, type SampledCurve, type SampledSeries } from './sampleCurves.js';

/** Options of {@link chartSpec}. */
export interface ChartOptions {
  /** Logarithmic lr axis (points <= 0 are dropped: a log axis cannot show them). Default false. */
  log?: boolean;
  /** 'overlay': every curve in one panel (compare); 'separate': one panel per source. Default 'overlay'. */
  layout?: 'overlay' | 'separate';
  /** Momentum panel: 'auto' shows it when some momentum varies. Default 'auto'. */
  momentum?: 'auto' | 'always' | 'never';
  /** Plot area width in pixels. Default 640. */
  width?: number;
  /** Height of the lr panel in pixels (the momentum panel gets 40%). Default 260. */
  height?: number;
  /** Chart title. */
  title?: string;
  /** Title of the value axis, for curves that are not learning rates (e.g. a loss). Default 'learning rate'. */
  valueTitle?: string;
}

/** One row of the chart data (long format). */
export interface ChartRow {
  curve: string;
  source: string;
  step: number;
  value: number;
  /** The exact value as text, so the tooltip shows every digit. */
  exact: string;
}

/** Long-format rows of a set of series. */
export function chartRows(series: readonly SampledSeries[]): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const s of series) {
    for (let i = 0; i < s.steps.length; i++) {
      const value = s.values[i] as number;
      rows.push({ curve: s.label, source: s.source, step: s.steps[i] as number, value, exact: String(value) });
    }
  }
  return rows;
}

interface PanelOptions {
  data: 'lr' | 'momentum';
  title: string;
  log: boolean;
  width: number;
  height: number;
  sources?: string[];
  heading?: string;
  hover: string;
  maxStep: number;
}

// One panel: the lines, plus invisible points that light up at the nearest step and carry the tooltip.
function panel(o: PanelOptions): Record<string, unknown> {
  const filters: Array<Record<string, unknown>> = [];
  if (o.sources) filters.push({ filter: { field: 'source', oneOf: o.sources } });
  if (o.log) filters.push({ filter: 'datum.value > 0' });
  // Every panel shares one step domain, so lr and momentum line up vertically.
  const x = { field: 'step', type: 'quantitative', title: 'step', scale: { domain: [0, Math.max(1, o.maxStep)], nice: false }, axis: { format: '~s' } };
  const y = {
    field: 'value',
    type: 'quantitative',
    title: o.title,
    scale: o.log ? { type: 'log' } : { zero: false },
    axis: { format: o.log ? '.0e' : '~g' },
  };
  const color = { field: 'curve', type: 'nominal', title: null };
  return {
    ...(o.heading ? { title: o.heading } : {}),
    width: o.width,
    height: o.height,
    data: { name: o.data },
    transform: filters,
    layer: [
      { mark: { type: 'line', strokeWidth: 1.5, clip: true }, encoding: { x, y, color } },
      {
        params: [{ name: o.hover, select: { type: 'point', on: 'pointermove', nearest: true, clear: 'pointerout', fields: ['step'] } }],
        mark: { type: 'point', filled: true, size: 50, clip: true },
        encoding: {
          x,
          y,
          color,
          opacity: { condition: { param: o.hover, empty: false, value: 1 }, value: 0 },
          tooltip: [
            { field: 'curve', type: 'nominal', title: 'curve' },
            { field: 'step', type: 'quantitative', title: 'step' },
            { field: 'exact', type: 'nominal', title: o.title },
          ],
        },
      },
    ],
  };
}

/**
 * The one chart definition of lrkit — used by `lrkit plot`/`compare` (rendered headless to SVG/PNG)
 * and by the playground (rendered live): a Vega-Lite spec with the lr panel on top and, when momentum
 * varies, a momentum (or Adam beta1) panel below; one colour per curve, hover shows exact values.
 *
 * @example
 * const spec = chartSpec(sampleCurves([source]), { log: true });
 * const svg = await renderSvg(spec);
 */
export function chartSpec(curves: readonly SampledCurve[], options: ChartOptions = {}): VegaLiteSpec {
  const width = options.width ?? 640;
  const height = options.height ?? 260;
  const log = options.log ?? false;
  const mode = options.momentum ?? 'auto';
  const showMomentum = mode === 'always' ? curves.some((c) => c.momentum.length > 0) : mode === 'auto' && momentumVaries(curves);
  const lrSeries = curves.flatMap((c) => c.lr);
  const momentumSeries = showMomentum ? curves.flatMap((c) => c.momentum) : [];
  const valueTitle = options.valueTitle ?? 'learning rate';
  const lrTitle = log ? `${valueTitle} (log)` : valueTitle;
  const momentumTitle = curves.some((c) => c.momentum.length > 0) ? 'momentum / beta1' : 'momentum';
  const maxStep = Math.max(...curves.map((c) => c.steps));
  const panels: Array<Record<string, unknown>> = [];
  const groupsOf = options.layout === 'separate' ? curves.map((c) => [c.name]) : [undefined];
  groupsOf.forEach((sources, i) => {
    const heading = sources ? sources[0] : undefined;
    panels.push(panel({ data: 'lr', title: lrTitle, log, width, height, sources, heading, hover: `hover_lr_${i}`, maxStep }));
    // In 'separate' layout each source decides for itself whether its momentum is worth a panel.
    const own = sources ? curves.filter((c) => c.name === sources[0]) : curves;
    const hasMomentum = mode === 'always' ? own.some((c) => c.momentum.length > 0) : momentumVaries(own);
    if (showMomentum && hasMomentum) {
      panels.push(panel({ data: 'momentum', title: momentumTitle, log: false, width, height: Math.round(height * 0.4), sources, hover: `hover_m_${i}`, maxStep }));
    }
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(options.title ? { title: options.title } : {}),
    datasets: { lr: chartRows(lrSeries), momentum: chartRows(momentumSeries) },
    vconcat: panels,
    resolve: { scale: { color: 'shared' } },
    config: {
      font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
      view: { stroke: '#ddd' },
      axis: { gridColor: '#eee' },
      legend: { orient: 'right', labelLimit: 320 },
    },
  };
  return spec as unknown as VegaLiteSpec;
}
