/**
 * A Vega-Lite top-level spec as plain JSON. lrkit describes charts without depending on vega-lite, so this
 * is deliberately loose; pass it to vega-lite's `compile` / vega-embed (cast to their `TopLevelSpec`), or to
 * `renderSvg` from lrkit-cli.
 *
 * @example
 * const source = fromFunction('decay', (t) => 0.1 * 0.9 ** t, 50);
 * const spec: VegaLiteSpec = chartSpec(sampleCurves([source]));
 * spec.$schema?.includes('vega-lite'); // true
 */
export interface VegaLiteSpec {
  $schema?: string;
  [key: string]: unknown;
}
