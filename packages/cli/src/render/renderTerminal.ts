import asciichart from 'asciichart';
import { momentumVaries, type SampledCurve, type SampledSeries } from 'lrkit/plot';

/** Options of {@link renderTerminal}. */
export interface TerminalOptions {
  /** Plot columns (characters). Default 72. */
  width?: number;
  /** Plot rows of the lr chart. Default 14 (momentum gets half). */
  height?: number;
  /** Log10 lr axis (values <= 0 are drawn at the smallest positive value). Default false. */
  log?: boolean;
  /** ANSI colours. Default false. */
  color?: boolean;
  /** Momentum chart: 'auto' draws it when some momentum varies. Default 'auto'. */
  momentum?: 'auto' | 'always' | 'never';
}

const COLORS = [asciichart.blue, asciichart.red, asciichart.green, asciichart.magenta, asciichart.cyan, asciichart.yellow, asciichart.lightgray];

/**
 * Per-column min and max of a decimated series over `width` columns; empty columns repeat the previous
 * value. Keeping both envelopes is what lets a one-step spike survive in a 72-character chart.
 */
export function columnEnvelope(series: SampledSeries, steps: number, width: number): { min: number[]; max: number[] } {
  const columns = Math.max(1, Math.min(width, steps + 1));
  const min = new Array<number>(columns).fill(NaN);
  const max = new Array<number>(columns).fill(NaN);
  for (let i = 0; i < series.steps.length; i++) {
    const c = Math.min(columns - 1, Math.floor(((series.steps[i] as number) * columns) / (steps + 1)));
    const v = series.values[i] as number;
    if (!(v >= (min[c] as number))) min[c] = v;
    if (!(v <= (max[c] as number))) max[c] = v;
  }
  // A series shorter than the chart ends where it ends; gaps inside it repeat the previous column.
  let end = columns;
  while (end > 1 && Number.isNaN(min[end - 1])) end--;
  for (let c = 0; c < end; c++) {
    if (Number.isNaN(min[c])) {
      min[c] = c > 0 ? (min[c - 1] as number) : 0;
      max[c] = c > 0 ? (max[c - 1] as number) : 0;
    }
  }
  return { min: min.slice(0, end), max: max.slice(0, end) };
}

/**
 * One value per column for a one-line text chart: of the column's min and max, the one farther from the
 * previous column's value. A smooth curve stays smooth, and a spike or cliff inside a column still shows.
 */
export function columnValues(series: SampledSeries, steps: number, width: number): number[] {
  const { min, max } = columnEnvelope(series, steps, width);
  const out: number[] = [];
  let previous = max[0] as number;
  for (let c = 0; c < min.length; c++) {
    const lo = min[c] as number;
    const hi = max[c] as number;
    previous = Math.abs(hi - previous) >= Math.abs(lo - previous) ? hi : lo;
    out.push(previous);
  }
  return out;
}

function label(x: number, log: boolean): string {
  const v = log ? 10 ** x : x;
  const text = v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? Number(v.toPrecision(3)).toString() : v.toExponential(2);
  return text.padStart(10);
}

function chart(title: string, series: readonly SampledSeries[], steps: number, o: Required<Pick<TerminalOptions, 'width' | 'height' | 'log' | 'color'>>): string {
  const lines: number[][] = [];
  const colors: Array<string | undefined> = [];
  const floor = o.log ? Math.min(...series.flatMap((s) => s.values.filter((v) => v > 0))) : 0;
  const tf = (v: number) => (o.log ? Math.log10(v > 0 ? v : floor) : v);
  series.forEach((s, i) => {
    lines.push(columnValues(s, steps, o.width).map(tf));
    colors.push(o.color ? COLORS[i % COLORS.length] : undefined);
  });
  const plot = asciichart.plot(lines, { height: o.height, colors, format: (x) => label(x, o.log) });
  const legend = series.map((s, i) => `  ${o.color ? asciichart.colored('──', COLORS[i % COLORS.length]) : '──'} ${s.label}`);
  return [`${title}   (steps 0..${steps})`, plot, ...legend].join('\n');
}

/**
 * Draws curves as a text chart (asciichart) for `lrkit plot --term`: the lr chart, then a momentum
 * chart when momentum varies. Long curves are reduced to per-column min/max envelopes.
 *
 * @example
 * console.log(renderTerminal(sampleCurves([source]), { width: 60, log: true }));
 */
export function renderTerminal(curves: readonly SampledCurve[], options: TerminalOptions = {}): string {
  const o = { width: options.width ?? 72, height: options.height ?? 14, log: options.log ?? false, color: options.color ?? false };
  const steps = Math.max(...curves.map((c) => c.steps));
  const lrTitle = o.log ? 'learning rate (log10 axis)' : 'learning rate';
  const lr = curves.flatMap((c) => c.lr);
  // Without colours, overlaid lines cannot be told apart: draw one chart per series instead.
  const out = o.color || lr.length === 1 ? [chart(lrTitle, lr, steps, o)] : lr.map((s) => chart(lrTitle, [s], s.stats.count - 1, o));
  const mode = options.momentum ?? 'auto';
  const momentum = curves.flatMap((c) => c.momentum);
  if (momentum.length > 0 && (mode === 'always' || (mode === 'auto' && momentumVaries(curves)))) {
    const mo = { ...o, log: false, height: Math.max(3, Math.round(o.height / 2)) };
    if (o.color || momentum.length === 1) out.push(chart('momentum / beta1', momentum, steps, mo));
    else for (const s of momentum) out.push(chart('momentum / beta1', [s], s.stats.count - 1, mo));
  }
  return out.join('\n\n');
}
