import * as tf from '@tensorflow/tfjs';
import { createSmoother, type LossSmoother } from '../../../src/finder/smoothing.js';
import { buildMlp } from '../../../src/finder/tfjs/mlp.js';
import { mulberry32, shuffleInPlace } from '../../../src/random.js';
import { buildScheduler } from '../../../src/spec/buildScheduler.js';
import { tfjsOptimizer, type TfjsOptimizerView } from '../../../src/tfjs/tfjsOptimizer.js';
import type { Scheduler } from '../../../src/torch/LRScheduler.js';
import type { DigitSet } from './digits.js';
import { evalSteps, runLength, stepsPerEpoch, type RunSpec, type TrainConfig } from './plan.js';

/** One optimizer update of one run: the lr and momentum (or Adam beta1) it used, and its loss. */
export interface StepPoint {
  step: number;
  lr: number;
  /** Momentum of momentum SGD, beta1 of Adam; null for plain SGD. */
  momentum: number | null;
  loss: number;
  smoothedLoss: number;
}

/** A validation pass after `step` updates. */
export interface EvalPoint {
  step: number;
  accuracy: number;
  loss: number;
}

/** New points of every run since the last report. */
export interface RunProgress {
  steps: StepPoint[][];
  evals: EvalPoint[][];
}

/** One row of the result table. */
export interface RunSummary {
  name: string;
  steps: number;
  finalAccuracy: number | null;
  bestAccuracy: number | null;
  finalLoss: number | null;
  finalLr: number | null;
  /** Why the run ended early (a scheduler error), or null. */
  error: string | null;
}

/** The smoothing of the training-loss curve (fastai's debiased EMA, as the LR finder uses). */
export const LOSS_SMOOTHING = 0.98;

/** Pixels 0..255 → [n, 784] floats in [0, 1], labels → one-hot [n, 10]. */
export function digitTensors(pixels: Uint8Array, labels: Uint8Array, count: number): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  const size = pixels.length / labels.length;
  return tf.tidy(() => ({
    xs: tf.tensor2d(pixels.subarray(0, count * size), [count, size], 'int32').toFloat().div(255) as tf.Tensor2D,
    ys: tf.oneHot(tf.tensor1d(labels.subarray(0, count), 'int32'), 10).toFloat() as tf.Tensor2D,
  }));
}

interface Run {
  spec: RunSpec;
  model: tf.Sequential;
  view: TfjsOptimizerView;
  scheduler: Scheduler;
  metric: boolean;
  smoother: LossSmoother;
  summary: RunSummary;
}

/**
 * Trains one MLP per schedule on the same digits: every model starts from the same seeded weights and sees
 * the same batches in the same order (one seeded permutation per epoch). Each schedule is stepped after
 * every update (metric-driven ones after every validation pass, with the validation loss). Training moves
 * forward in slices (`advance`), so a caller can stop between any two updates and resume later.
 */
export class TrainingSession {
  readonly total: number;
  readonly perEpoch: number;
  private readonly runs: Run[];
  private readonly train: { xs: tf.Tensor2D; ys: tf.Tensor2D };
  private readonly validation: { xs: tf.Tensor2D; ys: tf.Tensor2D };
  private readonly evalAt: Set<number>;
  private readonly random: () => number;
  private order: number[] = [];
  /** Updates done (per run). */
  private step = 0;
  private disposed = false;

  constructor(
    data: DigitSet,
    readonly config: TrainConfig,
    specs: readonly RunSpec[],
  ) {
    this.total = runLength(config);
    this.perEpoch = stepsPerEpoch(config);
    this.evalAt = new Set(evalSteps(config));
    this.random = mulberry32(config.seed);
    this.train = digitTensors(data.train.pixels, data.train.labels, config.trainDigits);
    this.validation = digitTensors(data.validation.pixels, data.validation.labels, data.validation.count);
    const inputs = data.rows * data.cols;
    this.runs = specs.map((spec) => {
      const model = buildMlp({ hidden: config.hidden, optimizer: config.optimizer, momentum: config.momentum, seed: config.seed }, { inputs, classes: 10, lr: config.lr });
      const view = tfjsOptimizer(model.optimizer);
      const scheduler = buildScheduler(view, spec.scheduler);
      return {
        spec,
        model,
        view,
        scheduler,
        // The scheduler protocol says how it is stepped: ReduceLROnPlateau and the bridges over one take the metric.
        metric: scheduler.stepInput === 'metric',
        smoother: createSmoother('debiased', LOSS_SMOOTHING),
        summary: { name: spec.name, steps: 0, finalAccuracy: null, bestAccuracy: null, finalLoss: null, finalLr: null, error: null },
      };
    });
  }

  get done(): boolean {
    return this.step >= this.total || this.runs.every((r) => r.summary.error !== null);
  }

  get stepsDone(): number {
    return this.step;
  }

  summaries(): RunSummary[] {
    return this.runs.map((r) => ({ ...r.summary }));
  }

  /** Trains up to `maxSteps` more updates (each on every live run) and returns the new points. */
  async advance(maxSteps: number): Promise<RunProgress> {
    const progress: RunProgress = { steps: this.runs.map(() => []), evals: this.runs.map(() => []) };
    for (let k = 0; k < maxSteps && !this.done; k++) {
      const batch = this.nextBatch();
      try {
        for (const [i, run] of this.runs.entries()) {
          if (run.summary.error !== null) continue;
          const point = await this.update(run, batch);
          if (point) progress.steps[i]?.push(point);
        }
      } finally {
        tf.dispose([batch.xs, batch.ys]);
      }
      this.step++;
      if (this.evalAt.has(this.step)) {
        for (const [i, run] of this.runs.entries()) {
          if (run.summary.error !== null) continue;
          progress.evals[i]?.push(await this.evaluate(run));
        }
      }
    }
    return progress;
  }

  private nextBatch(): { xs: tf.Tensor; ys: tf.Tensor } {
    const within = this.step % this.perEpoch;
    if (within === 0) this.order = shuffleInPlace(Array.from({ length: this.config.trainDigits }, (_, i) => i), this.random);
    const idx = this.order.slice(within * this.config.batchSize, (within + 1) * this.config.batchSize);
    return tf.tidy(() => {
      const indices = tf.tensor1d(idx, 'int32');
      return { xs: tf.gather(this.train.xs, indices), ys: tf.gather(this.train.ys, indices) };
    });
  }

  private async update(run: Run, batch: { xs: tf.Tensor; ys: tf.Tensor }): Promise<StepPoint | null> {
    const group = run.view.paramGroups[0]!;
    const lr = group.lr;
    const momentum = typeof group.momentum === 'number' ? group.momentum : Array.isArray(group.betas) ? (group.betas[0] as number) : null;
    const out = await run.model.trainOnBatch(batch.xs, batch.ys);
    const loss = Array.isArray(out) ? (out[0] as number) : out;
    const point: StepPoint = { step: this.step, lr, momentum, loss, smoothedLoss: run.smoother.update(loss) };
    run.summary.steps = this.step + 1;
    run.summary.finalLoss = point.smoothedLoss;
    run.summary.finalLr = lr;
    if (!run.metric) this.stepScheduler(run, () => (run.scheduler as { step(): void }).step());
    return point;
  }

  private async evaluate(run: Run): Promise<EvalPoint> {
    const [lossT, accT] = run.model.evaluate(this.validation.xs, this.validation.ys, { batchSize: 1000 }) as tf.Scalar[];
    const [loss, accuracy] = [(await lossT!.data())[0] as number, (await accT!.data())[0] as number];
    tf.dispose([lossT!, accT!]);
    run.summary.finalAccuracy = accuracy;
    run.summary.bestAccuracy = Math.max(run.summary.bestAccuracy ?? 0, accuracy);
    if (run.metric) this.stepScheduler(run, () => (run.scheduler as { step(metric: number): void }).step(loss));
    return { step: this.step, accuracy, loss };
  }

  // A schedule that cannot go on (e.g. OneCycleLR past its totalSteps) ends its run with the library's message.
  private stepScheduler(run: Run, step: () => void): void {
    try {
      step();
    } catch (error) {
      run.summary.error = error instanceof Error ? error.message : String(error);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const run of this.runs) {
      run.view.detach();
      run.model.optimizer.dispose();
      run.model.dispose();
    }
    tf.dispose([this.train.xs, this.train.ys, this.validation.xs, this.validation.ys]);
  }
}
