import { LrkitError } from 'lrkit';

/**
 * Options of {@link svgToPng}.
 *
 * @example
 * import { chartSpec, fromFunction, fromTraceSpec, sampleCurves } from 'lrkit/plot';
 *
 * const options: PngOptions = { scale: 2 };
 * const svg = await renderSvg(chartSpec(sampleCurves([fromFunction('decay', (t) => 0.1 * 0.9 ** t, 50)])));
 * (await svgToPng(svg, options)).length > 0; // true
 */
export interface PngOptions {
  /** Pixel density multiplier. Default 2 (crisp on high-DPI screens). */
  scale?: number;
}

/**
 * Rasterizes an SVG (e.g. from {@link renderSvg}) to PNG bytes with resvg (`@resvg/resvg-js`, loaded on
 * demand so the SVG path works without it).
 *
 * @example
 * import { chartSpec, fromFunction, fromTraceSpec, sampleCurves } from 'lrkit/plot';
 *
 * const svg = await renderSvg(chartSpec(sampleCurves([fromFunction('decay', (t) => 0.1 * 0.9 ** t, 50)])));
 * const png = await svgToPng(svg); // write it with fs.writeFileSync('lr.png', png)
 * png[1]; // 80
 */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  let Resvg: typeof import('@resvg/resvg-js').Resvg;
  try {
    ({ Resvg } = await import('@resvg/resvg-js'));
  } catch {
    throw new LrkitError('PNG output needs the optional package @resvg/resvg-js (npm install @resvg/resvg-js); SVG output works without it');
  }
  const scale = options.scale ?? 2;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
