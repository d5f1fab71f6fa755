import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from 'lrkit/plot';

/**
 * Renders a Vega-Lite spec (e.g. from {@link chartSpec}) to an SVG string with Vega's headless view:
 * no browser, no canvas.
 *
 * @example
 * writeFileSync('lr.svg', await renderSvg(chartSpec(curves)));
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
