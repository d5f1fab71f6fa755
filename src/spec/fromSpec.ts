import type { PlainOptimizer } from '../optim/createOptimizer.js';
import type { Scheduler } from '../torch/LRScheduler.js';
import { parseTrace } from './trace.js';

/** What {@link fromSpec} builds from a trace spec. */
export interface BuiltSpec {
  optimizer: PlainOptimizer;
  scheduler: Scheduler;
  steps: number;
  metrics: number[] | undefined;
  epochs: Array<number | null> | undefined;
  resumeAt: number | undefined;
}

/**
 * Validates a whole trace spec (the `lrkit trace` shape, docs/trace-spec.md, with any scheduler, schedule or
 * recipe type in `scheduler`) and builds its optimizer and scheduler. Errors are OptionErrors whose
 * option is the JSON path, e.g. `scheduler.schedulers[1].gamma: expected a number in (0, inf), got "0.9x"`.
 *
 * @example
 * const { optimizer, scheduler } = fromSpec({
 *   optimizer: { type: 'adam', lr: 1e-3 },
 *   scheduler: { type: 'hf.cosine', lr: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1000 },
 *   steps: 1000,
 * });
 */
export function fromSpec(spec: unknown): BuiltSpec {
  const { spec: t, built } = parseTrace(spec);
  return { ...built, steps: t.steps, metrics: t.metrics, epochs: t.epochs, resumeAt: t.resumeAt };
}
