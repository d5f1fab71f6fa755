import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec (e.g. from {@link chartSpec}) to an SVG string with Vega's headless view:
 * no browser, no canvas.
 *
 * @example
 * writeFileSync('lr.svg', await renderSvg(chartSpec(curves)));
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
