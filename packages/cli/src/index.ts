// lrkit-cli as a library: lrkit's chart renderers for Node (they need vega / vega-lite / asciichart, which the
// dependency-free lrkit package does not install). Chart definitions come from lrkit/plot.
export { renderSvg } from './render/renderSvg.js';
export { svgToPng, type PngOptions } from './render/renderPng.js';
export { renderTerminal, columnEnvelope, columnValues, type TerminalOptions } from './render/renderTerminal.js';
export { plotFinderSvg } from './render/plotFinderSvg.js';
