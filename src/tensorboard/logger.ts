import type { HparamValue } from './summaries.js';

export type { HparamValue };

/** Options of `addHparams`. */
export interface AddHparamsOptions {
  /** Step of the metric values (default 0). */
  step?: number;
  /** Runs with the same trial id form one group in the HParams tab (default: one group per hparams set). */
  trialId?: string;
  /** Wall time of the session start in seconds (default: now). */
  wallTime?: number;
}

/**
 * What every lrkit training logger offers (TensorBoard's {@link SummaryWriter}, the CSV and JSON-lines loggers),
 * so callbacks and loops can write to any of them. Node-free on purpose: the tfjs callback uses only this type.
 */
export interface TrainingLogger {
  addScalar(tag: string, value: number, step?: number, wallTime?: number): void;
  addScalars(mainTag: string, values: Record<string, number>, step?: number, wallTime?: number): void;
  addHistogram(tag: string, values: ArrayLike<number>, step?: number, wallTime?: number): void;
  addText(tag: string, text: string, step?: number, wallTime?: number): void;
  addHparams(hparams: Record<string, HparamValue>, metrics: Record<string, number>, options?: AddHparamsOptions): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}
