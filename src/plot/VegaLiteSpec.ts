/**
 * A Vega-Lite top-level spec as plain JSON. lrkit describes charts without depending on vega-lite, so this
 * is deliberately loose; pass it to vega-lite's `compile` / vega-embed (cast to their `TopLevelSpec`), or to
 * `renderSvg` from lrkit-cli.
 */
export interface VegaLiteSpec {
  $schema?: string;
  [key: string]: unknown;
}
