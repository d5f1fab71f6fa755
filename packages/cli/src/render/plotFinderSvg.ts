import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { FindLrResult } from 'lrkit';
import { finderChartSpec, type PlotFinderOptions } from 'lrkit/finder/plot';

/**
 * Renders the finder plot ({@link finderChartSpec}) to an SVG string with Vega's headless renderer
 * (works in Node; no browser or canvas needed).
 *
 * @example
 * writeFileSync('lr-finder.svg', await plotFinderSvg(result));
 */
export async function plotFinderSvg(result: FindLrResult, options: PlotFinderOptions = {}): Promise<string> {
  const view = new View(parse(compile(finderChartSpec(result, options) as unknown as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
