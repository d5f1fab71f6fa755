import type { Scalar } from '@tensorflow/tfjs';
import { OptionError } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';

/**
 * What tfjs hands to callbacks: values may still be tf.Scalars (tfjs-layers' `UnresolvedLogs`).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 *
 * const sgd = tf.train.momentum(0.05, 0.9);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * model.compile({ optimizer: sgd, loss: 'meanSquaredError' }); // the optimizer object the view wraps
 * const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
 * const ys = xs.sum(1, true);
 * const seen: number[] = [];
 * const callback = new tf.CustomCallback({ onEpochEnd: async (_epoch, logs?: UnresolvedLogs) => void seen.push(Number(logs?.loss)) });
 * await model.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: [callback] });
 * seen.length; // 1
 */
export type UnresolvedLogs = Record<string, number | Scalar>;

/** Which logs a metric is read from, for error messages. */
export type LogsKind = 'batch' | 'epoch';

/**
 * Reads `key` from callback logs as a number, awaiting a tf.Scalar if needed. A missing key is an
 * {@link OptionError} on `option` that lists the keys that are there.
 */
export async function readLogValue(option: string, logs: UnresolvedLogs | undefined, key: string, kind: LogsKind): Promise<number> {
  const value = logs?.[key];
  if (value === undefined || value === null) {
    const available = Object.keys(logs ?? {});
    const hint = key.startsWith('val_') ? '; val_* keys need validationData or validationSplit in fit()' : '';
    throw new OptionError(option, key, `a key of the ${kind} logs (available: ${available.length > 0 ? available.join(', ') : 'none'}${hint})`);
  }
  if (typeof value === 'number') return value;
  const data = await value.data();
  return data[0] as number;
}

/**
 * Writes each group's lr (and momentum or beta1) into logs: `lr`, `momentum` / `beta1` for group 0,
 * `lr_1`, `momentum_1`, ... for further groups, so tfjs's History records them per epoch.
 */
export function writeHyperparameters(logs: UnresolvedLogs | undefined, values: GroupValues[], prefix = 'lr'): void {
  if (logs === undefined) return;
  values.forEach((v, i) => {
    const suffix = i === 0 ? '' : `_${i}`;
    logs[`${prefix}${suffix}`] = v.lr;
    if (v.momentum !== undefined) logs[`${v.momentumName}${suffix}`] = v.momentum;
  });
}

/** One group's hyperparameters at one moment. */
export interface GroupValues {
  lr: number;
  /** `momentum`, or `betas[0]` of Adam-like groups. */
  momentum?: number;
  momentumName: 'momentum' | 'beta1';
}

/** Snapshot of every group's lr and momentum (or beta1). */
export function readHyperparameters(optimizer: Optimizer): GroupValues[] {
  return optimizer.paramGroups.map((g) => {
    if (Array.isArray(g.betas) && typeof g.betas[0] === 'number') return { lr: g.lr, momentum: g.betas[0], momentumName: 'beta1' };
    if (typeof g.momentum === 'number') return { lr: g.lr, momentum: g.momentum, momentumName: 'momentum' };
    return { lr: g.lr, momentumName: 'momentum' };
  });
}
