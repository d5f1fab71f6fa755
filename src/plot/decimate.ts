/**
 * A decimated series: parallel arrays of step indices and values, in step order.
 *
 * @example
 * const d = new MinMaxDecimator(5, 100);
 * [3, 1, 4, 1, 5].forEach((v, s) => d.push(s, v));
 * const series: DecimatedSeries = d.result();
 * series.values; // [3, 1, 4, 1, 5]
 */
export interface DecimatedSeries {
  steps: number[];
  values: number[];
}

/**
 * Whole-series statistics, computed from every point (not from the decimated ones).
 *
 * @example
 * const d = new MinMaxDecimator(4, 100);
 * [2, 4, 6, 8].forEach((v, s) => d.push(s, v));
 * const stats: SeriesStats = d.stats();
 * stats.mean; // 5
 * stats.max; // 8
 */
export interface SeriesStats {
  first: number;
  last: number;
  min: number;
  max: number;
  /** Mean over all finite points: proportional to the area under the curve (the total "lr budget"). */
  mean: number;
  /** Number of points pushed (steps + 1 for a trace). */
  count: number;
}

/**
 * Streaming M4 decimation: the steps are split into `columns` equal buckets (one per pixel column) and
 * each bucket keeps its first, min, max and last point. Drawing those with straight lines is pixel-exact
 * for a line chart of that width, so a one-step spike or a StepLR cliff survives 10^7 steps, while memory
 * stays O(columns) whatever the length. Non-finite values are skipped (they cannot be drawn).
 *
 * @example
 * const d = new MinMaxDecimator(1_000_001, 800);
 * for (let s = 0; s <= 1_000_000; s++) d.push(s, s === 123_456 ? 1 : 0);
 * d.result().values.includes(1); // true
 */
export class MinMaxDecimator {
  private readonly out: DecimatedSeries = { steps: [], values: [] };
  private readonly keepAll: boolean;
  private bucket = -1;
  private firstS = 0;
  private firstV = 0;
  private minS = 0;
  private minV = 0;
  private maxS = 0;
  private maxV = 0;
  private lastS = 0;
  private lastV = 0;
  private sum = 0;
  private finite = 0;
  private pushed = 0;
  private statFirst = NaN;
  private statLast = NaN;
  private statMin = Infinity;
  private statMax = -Infinity;

  /**
   * @param total number of points that will be pushed (steps are expected in 0..total-1)
   * @param columns buckets (pixel columns); series with at most 4 points per column are kept whole
   */
  constructor(
    private readonly total: number,
    private readonly columns: number,
  ) {
    this.keepAll = total <= columns * 4;
  }

  /** Adds the point of `step`; steps must be pushed in increasing order. */
  push(step: number, value: number): void {
    this.pushed++;
    if (!Number.isFinite(value)) return;
    this.finite++;
    this.sum += value;
    if (Number.isNaN(this.statFirst)) this.statFirst = value;
    this.statLast = value;
    if (value < this.statMin) this.statMin = value;
    if (value > this.statMax) this.statMax = value;
    if (this.keepAll) {
      this.out.steps.push(step);
      this.out.values.push(value);
      return;
    }
    const bucket = Math.min(this.columns - 1, Math.floor((step * this.columns) / this.total));
    if (bucket !== this.bucket) {
      this.flush();
      this.bucket = bucket;
      this.firstS = this.minS = this.maxS = this.lastS = step;
      this.firstV = this.minV = this.maxV = this.lastV = value;
      return;
    }
    if (value < this.minV) {
      this.minV = value;
      this.minS = step;
    }
    if (value > this.maxV) {
      this.maxV = value;
      this.maxS = step;
    }
    this.lastS = step;
    this.lastV = value;
  }

  private flush(): void {
    if (this.bucket < 0) return;
    const points: Array<[number, number]> = [
      [this.firstS, this.firstV],
      [this.minS, this.minV],
      [this.maxS, this.maxV],
      [this.lastS, this.lastV],
    ];
    points.sort((a, b) => a[0] - b[0]);
    let previous = -1;
    for (const [s, v] of points) {
      if (s === previous) continue;
      previous = s;
      this.out.steps.push(s);
      this.out.values.push(v);
    }
    this.bucket = -1;
  }

  /** The decimated points (finishes the last bucket; call once, after the last push). */
  result(): DecimatedSeries {
    this.flush();
    return this.out;
  }

  /** Statistics over every pushed point. */
  stats(): SeriesStats {
    return {
      first: this.statFirst,
      last: this.statLast,
      min: this.finite > 0 ? this.statMin : NaN,
      max: this.finite > 0 ? this.statMax : NaN,
      mean: this.finite > 0 ? this.sum / this.finite : NaN,
      count: this.pushed,
    };
  }
}
