import type { Optimizer } from '../optim/Optimizer.js';
import { readHyperparameters } from '../tfjs/logs.js';
import type { TrainingLogger } from './logger.js';

/**
 * Logs what every param group of `optimizer` uses now: `lr` and `momentum` (or `beta1` for Adam-like groups) for
 * group 0, `lr_1`, `momentum_1`, ... for further groups, under `prefix` (default 'train/'). For custom loops.
 *
 * @example
 * for (let step = 0; step < steps; step++) {
 *   logOptimizer(writer, optimizer, step);
 *   writer.addScalar('train/loss', await trainStep(), step);
 *   scheduler.step();
 * }
 */
export function logOptimizer(logger: TrainingLogger, optimizer: Optimizer, step: number, prefix = 'train/', wallTime?: number): void {
  readHyperparameters(optimizer).forEach((group, i) => {
    const suffix = i === 0 ? '' : `_${i}`;
    logger.addScalar(`${prefix}lr${suffix}`, group.lr, step, wallTime);
    if (group.momentum !== undefined) logger.addScalar(`${prefix}${group.momentumName}${suffix}`, group.momentum, step, wallTime);
  });
}
