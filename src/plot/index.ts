// lrkit/plot: sample any schedule, decimate it, describe it as one Vega-Lite chart (plain JSON, no dependency).
// The renderers (SVG, PNG, terminal) need vega / asciichart and live in lrkit-cli.
export { fromFunction, checkSteps, MAX_PLOT_STEPS, type CurveSource, type StepReader } from './CurveSource.js';
export { fromScheduler, runSource, momentumOf, type FromSchedulerOptions } from './fromScheduler.js';
export { fromTraceSpec, type FromTraceSpecOptions } from './fromTraceSpec.js';
export { MinMaxDecimator, type DecimatedSeries, type SeriesStats } from './decimate.js';
export { sampleCurves, seriesLabel, momentumVaries, type SampledCurve, type SampledSeries, type SampleOptions } from './sampleCurves.js';
export type { VegaLiteSpec } from './VegaLiteSpec.js';
export { chartSpec, chartRows, type ChartOptions, type ChartRow } from './chartSpec.js';
export { SCHEDULER_CATALOG, schedulerInfo, stepInputOf, type SchedulerInfo, type OptionInfo, type OptionKind, type Family } from '../spec/catalog.js';
