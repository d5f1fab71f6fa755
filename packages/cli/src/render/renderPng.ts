import { LrkitError } from 'lrkit';

/** Options of {@link svgToPng}. */
export interface PngOptions {
  /** Pixel density multiplier. Default 2 (crisp on high-DPI screens). */
  scale?: number;
}

/**
 * Rasterizes an SVG (e.g. from {@link renderSvg}) to PNG bytes with resvg (`@resvg/resvg-js`, loaded on
 * demand so the SVG path works without it).
 *
 * @example
 * writeFileSync('lr.png', await svgToPng(await renderSvg(chartSpec(curves))));
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
