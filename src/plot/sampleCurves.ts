import { OptionError } from '../errors.js';
import { integerAtLeast } from '../validate.js';
import type { CurveSource } from './CurveSource.js';
import { MinMaxDecimator, type DecimatedSeries, type SeriesStats } from './decimate.js';

/**
 * One drawn line: a source's group, decimated.
 *
 * @example
 * const source = fromTraceSpec({ optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, scheduler: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100 }, steps: 100 });
 * const series: SampledSeries = sampleCurves([source])[0]!.lr[0]!;
 * series.label; // 'OneCycleLR'
 * series.stats.max; // 0.1
 */
export interface SampledSeries extends DecimatedSeries {
  /** Legend label: the source name, plus `· group g` when the source has several groups. */
  label: string;
  /** The source's name. */
  source: string;
  group: number;
  stats: SeriesStats;
}

/**
 * A sampled source: one lr series per group, and one momentum series per group when it has momentum.
 *
 * @example
 * const source = fromTraceSpec({ optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, scheduler: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100 }, steps: 100 });
 * const curve: SampledCurve = sampleCurves([source])[0]!;
 * curve.steps; // 100
 * curve.momentum.length; // 1
 */
export interface SampledCurve {
  name: string;
  steps: number;
  lr: SampledSeries[];
  momentum: SampledSeries[];
}

/**
 * Options of {@link sampleCurves}.
 *
 * @example
 * const source = fromTraceSpec({ optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, scheduler: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100 }, steps: 100 });
 * const options: SampleOptions = { columns: 10 };
 * sampleCurves([source], options)[0]!.lr[0]!.values.length <= 40; // true
 */
export interface SampleOptions {
  /** Pixel columns to keep (min/max per column). Default 1000. */
  columns?: number;
  /** Called every few thousand steps with (done, total) steps over all sources, for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 1 << 16;

/**
 * Label of group `g` of a source with `groups` groups.
 *
 * @example
 * seriesLabel('OneCycleLR', 1, 0); // 'OneCycleLR'
 * seriesLabel('OneCycleLR', 2, 1); // 'OneCycleLR · group 1'
 */
export function seriesLabel(name: string, groups: number, g: number): string {
  return groups > 1 ? `${name} · group ${g}` : name;
}

/**
 * Runs each source once and decimates every series to `columns` pixel columns (M4: first, min, max and
 * last per column), so a StepLR cliff or a restart spike survives any length in constant memory.
 *
 * @example
 * const [curve] = sampleCurves([fromFunction('cos', (t) => Math.cos(t / 100), 1_000_000)], { columns: 800 });
 * curve!.lr[0]!.steps.length <= 3200; // true
 */
export function sampleCurves(sources: readonly CurveSource[], options: SampleOptions = {}): SampledCurve[] {
  const columns = integerAtLeast('columns', options.columns ?? 1000, 1);
  if (sources.length === 0) throw new OptionError('sources', sources, 'at least one curve source');
  const total = sources.reduce((sum, s) => sum + s.steps + 1, 0);
  let done = 0;
  return sources.map((source) => {
    const n = source.steps + 1;
    const lrDec = Array.from({ length: source.groups }, () => new MinMaxDecimator(n, columns));
    const momDec = source.hasMomentum ? Array.from({ length: source.groups }, () => new MinMaxDecimator(n, columns)) : [];
    const lr = new Array<number>(source.groups).fill(NaN);
    const momentum = new Array<number>(source.groups).fill(NaN);
    const read = source.open();
    for (let step = 0; step < n; step++) {
      read(step, lr, momentum);
      for (let g = 0; g < lrDec.length; g++) (lrDec[g] as MinMaxDecimator).push(step, lr[g] as number);
      for (let g = 0; g < momDec.length; g++) (momDec[g] as MinMaxDecimator).push(step, momentum[g] as number);
      if (options.onProgress && (step + 1) % PROGRESS_EVERY === 0) options.onProgress(done + step + 1, total);
    }
    done += n;
    options.onProgress?.(done, total);
    const toSeries = (d: MinMaxDecimator, g: number): SampledSeries => ({
      ...d.result(),
      label: seriesLabel(source.name, source.groups, g),
      source: source.name,
      group: g,
      stats: d.stats(),
    });
    return { name: source.name, steps: source.steps, lr: lrDec.map(toSeries), momentum: momDec.map(toSeries) };
  });
}

/**
 * Whether any momentum series of these curves changes over time (a flat momentum is not worth a panel).
 *
 * @example
 * const source = fromTraceSpec({ optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, scheduler: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100 }, steps: 100 });
 * momentumVaries(sampleCurves([source])); // true
 * momentumVaries(sampleCurves([fromFunction('flat', () => 0.1, 10)])); // false
 */
export function momentumVaries(curves: readonly SampledCurve[]): boolean {
  return curves.some((c) => c.momentum.some((m) => m.stats.min !== m.stats.max));
}
