import type { Command } from 'commander';
import { LrkitError } from 'lrkit';
import type { SampledCurve } from 'lrkit/plot';
import { addChartOptions, drawChart, type ChartCommandOptions } from './chartOutput.js';
import { loadSpecs, sourcesOf } from './loadSpecs.js';

/** One row of the comparison table: a curve (a spec's param group) and its whole-run statistics. */
export interface ComparisonRow {
  curve: string;
  steps: number;
  first: number;
  min: number;
  max: number;
  final: number;
  /** Mean lr over all steps, proportional to the area under the curve. */
  mean: number;
  /** mean / the first curve's mean: how much more (or less) "lr budget" this schedule spends. */
  meanRatio: number;
}

/** The comparison table of sampled curves (statistics come from every step, not the decimated points). */
export function comparisonTable(curves: readonly SampledCurve[]): ComparisonRow[] {
  const series = curves.flatMap((c) => c.lr.map((s) => ({ s, steps: c.steps })));
  const reference = series[0]?.s.stats.mean ?? NaN;
  return series.map(({ s, steps }) => ({
    curve: s.label,
    steps,
    first: s.stats.first,
    min: s.stats.min,
    max: s.stats.max,
    final: s.stats.last,
    mean: s.stats.mean,
    meanRatio: s.stats.mean / reference,
  }));
}

/** Formats rows as an aligned text table. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // Numeric columns align right, text columns left.
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+0-9.e]+x?$|^-$|^NaN$/i.test(r[i] ?? '')));
  const line = (cells: readonly string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const num = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));

/** `lrkit compare SPEC SPEC...`: overlay several schedules in one chart and print how they differ. */
export function registerCompareCommand(program: Command, write: (text: string) => void): void {
  addChartOptions(
    program
      .command('compare')
      .description('Overlay several trace specs in one chart and print a table of their lr statistics (first, min, max, final, mean)')
      .argument('<spec...>', "two or more trace specs (files, arrays of specs, '-' or inline JSON)"),
  )
    .addHelpText('after', '\nExample:\n  lrkit compare step.json cosine.json onecycle.json -o compare.png --log')
    .action(async (specs: string[], options: ChartCommandOptions) => {
      const loaded = loadSpecs(specs);
      if (loaded.length < 2) throw new LrkitError(`compare: expected at least two specs, got ${loaded.length} (use lrkit plot for one)`);
      const sources = sourcesOf(loaded, options.steps === undefined ? undefined : Number(options.steps));
      const curves = await drawChart(sources, { ...options, term: options.term === true || (options.output === undefined && options.json !== true) }, 'overlay', write);
      const table = comparisonTable(curves);
      if (options.json) {
        write(JSON.stringify({ output: options.output ?? null, table }));
        return;
      }
      write(
        formatTable(
          ['curve', 'steps', 'first lr', 'min', 'max', 'final', 'mean', 'mean / first'],
          table.map((r) => [r.curve, String(r.steps), num(r.first), num(r.min), num(r.max), num(r.final), num(r.mean), `${num(r.meanRatio)}x`]),
        ),
      );
    });
}
