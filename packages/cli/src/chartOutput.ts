import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { LrkitError } from 'lrkit';
import { chartSpec, type ChartOptions } from 'lrkit/plot';
import type { CurveSource } from 'lrkit/plot';
import { sampleCurves, type SampledCurve } from 'lrkit/plot';
import { positiveInteger } from 'lrkit/internal';

/** Options shared by `plot` and `compare`. */
export interface ChartCommandOptions {
  output?: string;
  term?: boolean;
  log?: boolean;
  width?: string;
  height?: string;
  columns?: string;
  steps?: string;
  momentum?: 'auto' | 'always' | 'never';
  title?: string;
  json?: boolean;
  progress?: boolean;
  color?: boolean;
}

/** Registers the chart options on `plot` / `compare`. */
export function addChartOptions(command: Command): Command {
  return command
    .option('-o, --output <file>', 'write the chart: .svg, .png, or .json (the Vega-Lite spec)')
    .option('--term', 'draw the chart in the terminal (the default when no --output is given)')
    .option('--log', 'logarithmic lr axis')
    .option('--steps <n>', "override every spec's steps")
    .option('--width <px>', 'plot width in pixels (terminal: characters)')
    .option('--height <px>', 'lr panel height in pixels (terminal: rows)')
    .option('--columns <n>', 'keep the min/max of this many columns per curve (default: the width)')
    .addOption(new Option('--momentum <when>', 'momentum / beta1 panel').choices(['auto', 'always', 'never']).default('auto'))
    .option('--title <text>', 'chart title')
    .option('--json', 'print the sampled (decimated) curves and their statistics as JSON on stdout')
    .option('--no-progress', 'no progress bar on stderr')
    .option('--no-color', 'no ANSI colours in the terminal chart');
}

function int(name: string, value: string | undefined): number | undefined {
  return value === undefined ? undefined : positiveInteger(`--${name}`, Number(value));
}

/** Samples sources with a progress bar on stderr when the run is long and stderr is a terminal. */
export function sampleWithProgress(sources: readonly CurveSource[], columns: number, progress: boolean): SampledCurve[] {
  const total = sources.reduce((sum, s) => sum + s.steps + 1, 0);
  const show = progress && process.stderr.isTTY === true && total > 200_000;
  const bar = show ? new cliProgress.SingleBar({ stream: process.stderr, format: 'sampling [{bar}] {percentage}% | {value}/{total} steps | eta {eta}s', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic) : null;
  bar?.start(total, 0);
  try {
    return sampleCurves(sources, { columns, onProgress: bar ? (done) => bar.update(done) : undefined });
  } finally {
    bar?.stop();
  }
}

/** JSON view of sampled curves (for `--json`). */
export function curvesJson(curves: readonly SampledCurve[]): unknown {
  return curves.map((c) => ({
    name: c.name,
    steps: c.steps,
    lr: c.lr.map((s) => ({ label: s.label, group: s.group, stats: s.stats, points: s.steps.map((step, i) => [step, s.values[i]]) })),
    momentum: c.momentum.map((s) => ({ label: s.label, group: s.group, stats: s.stats, points: s.steps.map((step, i) => [step, s.values[i]]) })),
  }));
}

/**
 * Samples the sources and writes the chart where the options say: a file (.svg/.png/.json) or the
 * terminal. Returns the sampled curves (for tables) and what was written.
 */
export async function drawChart(sources: readonly CurveSource[], options: ChartCommandOptions, layout: ChartOptions['layout'], write: (text: string) => void): Promise<SampledCurve[]> {
  const toTerminal = options.term === true || (options.output === undefined && options.json !== true);
  const width = int('width', options.width) ?? (toTerminal && options.output === undefined ? Math.max(30, Math.min(100, (process.stdout.columns ?? 80) - 16)) : 640);
  const height = int('height', options.height);
  const columns = int('columns', options.columns) ?? Math.max(width, 200);
  const curves = sampleWithProgress(sources, columns, options.progress !== false);
  if (options.output !== undefined) {
    const ext = extname(options.output).toLowerCase();
    if (!['.svg', '.png', '.json'].includes(ext)) throw new LrkitError(`--output: expected a file ending in .svg, .png or .json, got "${options.output}"`);
    const spec = chartSpec(curves, { log: options.log, layout, momentum: options.momentum, width, height, title: options.title });
    if (ext === '.json') writeFileSync(options.output, `${JSON.stringify(spec, null, 2)}\n`);
    else {
      // vega is loaded only when a chart file is drawn: it is most of the CLI's start-up cost.
      const { renderSvg } = await import('./render/renderSvg.js');
      const svg = await renderSvg(spec);
      writeFileSync(options.output, ext === '.png' ? await (await import('./render/renderPng.js')).svgToPng(svg) : svg);
    }
    if (options.json !== true) process.stderr.write(`lrkit: wrote ${options.output}\n`);
  }
  if (toTerminal) {
    const color = options.color !== false && process.stdout.isTTY === true;
    const { renderTerminal } = await import('./render/renderTerminal.js');
    write(renderTerminal(curves, { width, height, log: options.log, color, momentum: options.momentum }));
  }
  return curves;
}
