import type { FindLrResult } from '../../../src/finder/findLr.js';
import type { BackendChoice, RunSpec, TrainConfig } from './plan.js';
import type { RunProgress, RunSummary } from './trainer.js';

/** Messages from the page to the training worker. */
export type ToWorker =
  /** Picks the backend and loads the digits; URLs are absolute (resolved against the page). */
  | { type: 'init'; backend: BackendChoice; wasmPath: string; digitsUrl: string }
  /** `id` names the training: its progress, stopped and done messages carry it, so late messages of a replaced training are recognised. */
  | { type: 'start'; id: number; config: TrainConfig; runs: RunSpec[] }
  | { type: 'stop' }
  | { type: 'resume' }
  | { type: 'rangeTest'; config: TrainConfig; numIter: number };

/** Training speed: optimizer updates (summed over the runs) per second of training time. */
export interface Speed {
  updates: number;
  seconds: number;
  stepsPerSecond: number;
}

/** Messages from the training worker to the page. */
export type FromWorker =
  | { type: 'ready'; backend: string; tried: Array<{ backend: string; error: string }>; trainDigits: number; validationDigits: number }
  | { type: 'progress'; id: number; progress: RunProgress; step: number; total: number; perEpoch: number; summaries: RunSummary[]; speed: Speed }
  | { type: 'stopped'; id: number; step: number; total: number }
  | { type: 'done'; id: number; summaries: RunSummary[]; speed: Speed }
  | { type: 'rangeProgress'; iteration: number; numIter: number }
  | { type: 'rangeResult'; result: FindLrResult }
  | { type: 'error'; message: string };
