import { noisyQuadraticRangeTest } from './finderDemo.js';
import { plotFinderSvg, renderSvg } from '../../packages/cli/src/index.js';
import { chartSpec, fromTraceSpec, sampleCurves, type ChartOptions } from '../../src/plot/index.js';

/**
 * A chart in a guide: a ```lrkit-chart fence holding this JSON. Each curve is a trace spec (the same JSON as
 * `lrkit trace`), so the charts are drawn by lrkit's own plotting from validated specs at build time.
 */
export interface GuideChart {
  title: string;
  curves: Array<{ name: string; spec: unknown }>;
  log?: boolean;
  momentum?: ChartOptions['momentum'];
  width?: number;
  height?: number;
}

/** Renders a guide chart to an SVG string; errors name the chart and the spec path. */
export async function renderGuideChart(json: string, where: string): Promise<string> {
  let chart: GuideChart;
  try {
    chart = JSON.parse(json) as GuideChart;
  } catch (error) {
    throw new Error(`${where}: lrkit-chart is not JSON: ${(error as Error).message}`);
  }
  if (typeof chart.title !== 'string' || !Array.isArray(chart.curves) || chart.curves.length === 0) {
    throw new Error(`${where}: lrkit-chart needs a "title" and a non-empty "curves" array`);
  }
  try {
    const sources = chart.curves.map((c) => fromTraceSpec(c.spec, { name: c.name }));
    const curves = sampleCurves(sources, { columns: 600 });
    const spec = chartSpec(curves, { title: chart.title, log: chart.log, momentum: chart.momentum ?? 'never', width: chart.width ?? 560, height: chart.height ?? 200 });
    return await renderSvg(spec);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
}

/** A ```lrkit-finder-chart fence: `{ "title", "startLr"?, "endLr"?, "numIter"? }`, the guide's range test, plotted. */
export async function renderFinderChart(json: string, where: string): Promise<string> {
  try {
    const { title, ...options } = JSON.parse(json) as { title: string; startLr?: number; endLr?: number; numIter?: number };
    return await plotFinderSvg(await noisyQuadraticRangeTest(options), { title, width: 560, height: 300 });
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
}
