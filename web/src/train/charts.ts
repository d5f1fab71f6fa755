import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartRows, chartSpec } from '../../../src/plot/chartSpec.js';
import { MinMaxDecimator } from '../../../src/plot/decimate.js';
import type { SampledCurve, SampledSeries } from '../../../src/plot/sampleCurves.js';
import type { EvalPoint, StepPoint } from './trainer.js';

/** Ends the current task, so each chart's work is its own short task and input is handled in between. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Everything recorded for one schedule so far. */
export interface RunRecord {
  name: string;
  steps: StepPoint[];
  evals: EvalPoint[];
}

type Metric = (r: RunRecord) => { steps: number[]; values: number[] };

const lrOf: Metric = (r) => ({ steps: r.steps.map((p) => p.step), values: r.steps.map((p) => p.lr) });
const momentumOf: Metric = (r) => ({ steps: r.steps.map((p) => p.step), values: r.steps.map((p) => p.momentum ?? NaN) });
const lossOf: Metric = (r) => ({ steps: r.steps.map((p) => p.step), values: r.steps.map((p) => p.smoothedLoss) });
const accuracyOf: Metric = (r) => ({ steps: r.evals.map((p) => p.step), values: r.evals.map((p) => p.accuracy) });

/** A recorded series, decimated to `columns` pixel columns with the library's M4 decimator. */
function series(name: string, points: { steps: number[]; values: number[] }, total: number, columns: number): SampledSeries {
  const d = new MinMaxDecimator(total + 1, columns);
  points.steps.forEach((s, i) => d.push(s, points.values[i] as number));
  return { ...d.result(), label: name, source: name, group: 0, stats: d.stats() };
}

/** The curves of one chart: `main` goes to the chart's lr panel, `second` (if any) to its momentum panel. */
export function sampled(records: readonly RunRecord[], total: number, columns: number, main: Metric, second?: Metric): SampledCurve[] {
  return records.map((r) => ({
    name: r.name,
    steps: total,
    lr: [series(r.name, main(r), total, columns)],
    momentum: second ? [series(r.name, second(r), total, columns)] : [],
  }));
}

interface LiveChart {
  view: vega.View;
  container: HTMLElement;
  main: Metric;
  second?: Metric;
}

/**
 * The Train view's live charts, drawn with lrkit's chart definition (`chartSpec`): lr (and momentum / beta1)
 * per step, smoothed training loss per step, validation accuracy per validation pass. The views are built
 * once per training (the step axis spans the whole run) and only their data changes afterwards.
 */
export class LiveCharts {
  private charts: LiveChart[] = [];
  private updates = 0;
  private drawnLines = -1;

  constructor(
    private readonly containers: { lr: HTMLElement; loss: HTMLElement; accuracy: HTMLElement },
    private readonly width: number,
  ) {}

  async start(records: readonly RunRecord[], total: number, hasMomentum: boolean): Promise<void> {
    this.finalize();
    this.updates = 0;
    this.drawnLines = -1;
    const make = async (container: HTMLElement, main: Metric, title: string, second?: Metric): Promise<LiveChart> => {
      const spec = chartSpec(sampled(records, total, this.width, main, second), { width: this.width, height: 160, momentum: second ? 'always' : 'never', valueTitle: title });
      // Canvas: redrawing a few thousand points costs the main thread far less than rebuilding SVG nodes.
      const view = new vega.View(vega.parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: 'canvas', container, hover: true });
      await view.runAsync();
      await nextTask();
      return { view, container, main, ...(second ? { second } : {}) };
    };
    this.charts = [
      await make(this.containers.lr, lrOf, 'learning rate', hasMomentum ? momentumOf : undefined),
      await make(this.containers.loss, lossOf, 'smoothed training loss'),
      await make(this.containers.accuracy, accuracyOf, 'validation accuracy'),
    ];
  }

  /** Replaces the charts' data with the records so far; `final` for the last update of a training. */
  async update(records: readonly RunRecord[], total: number, final = false): Promise<void> {
    // Vega lays a view out (axes, legend) once; a new layout costs a few tens of ms, so it is redone only
    // when lines appear, every tenth update (axis labels widen as the values change) and at the end.
    const lines = records.filter((r) => r.steps.length >= 2).length;
    const relayout = final || lines !== this.drawnLines || this.updates % 10 === 0;
    this.drawnLines = lines;
    this.updates++;
    for (const chart of this.charts) {
      const curves = sampled(records, total, this.width, chart.main, chart.second);
      const series = [...curves.flatMap((c) => c.lr), ...(chart.second ? curves.flatMap((c) => c.momentum) : [])];
      chart.view.data('lr', chartRows(curves.flatMap((c) => c.lr)));
      if (chart.second) chart.view.data('momentum', chartRows(curves.flatMap((c) => c.momentum)));
      await (relayout ? chart.view.resize() : chart.view).runAsync();
      // What is drawn, for tests and screen readers: the lines with at least two points.
      chart.container.dataset.lines = String(series.filter((s) => s.steps.length >= 2).length);
      await nextTask();
    }
  }

  finalize(): void {
    this.charts.forEach((c) => c.view.finalize());
    this.charts = [];
  }
}
