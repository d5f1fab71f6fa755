import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { FindLrResult } from 'lrkit';
import { finderChartSpec, type PlotFinderOptions } from 'lrkit/finder/plot';

/**
 * Renders the finder plot ({@link finderChartSpec}) to an SVG string with Vega's headless renderer
 * (works in Node; no browser or canvas needed).
 *
 * @example
 * let w = 0;
 * const result = await findLr({ optimizer: createOptimizer({ lr: 0.01 }), startLr: 1e-4, endLr: 10, trainStep: ({ lr }) => ((w -= lr * 2 * (w - 3)), (w - 3) ** 2) });
 * const svg = await plotFinderSvg(result); // write it with fs.writeFileSync('lr-finder.svg', svg)
 * svg.startsWith('<svg'); // true
 */
export async function plotFinderSvg(result: FindLrResult, options: PlotFinderOptions = {}): Promise<string> {
  const view = new View(parse(compile(finderChartSpec(result, options) as unknown as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
