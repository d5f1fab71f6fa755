import type { Optimizer } from '../optim/Optimizer.js';
import { readHyperparameters } from '../tfjs/logs.js';
import type { TrainingLogger } from './logger.js';

/**
 * Logs what every param group of `optimizer` uses now: `lr` and `momentum` (or `beta1` for Adam-like groups) for
 * group 0, `lr_1`, `momentum_1`, ... for further groups, under `prefix` (default 'train/'). For custom loops.
 *
 * @example
 * const logged: string[] = [];
 * // An in-memory TrainingLogger; in a real run: new SummaryWriter('runs/x') or new FileLogger('runs/x.csv').
 * const logger: TrainingLogger = {
 *   addScalar: (tag, value, step) => void logged.push(`${tag}@${step}=${value}`),
 *   addScalars: () => {}, addHistogram: () => {}, addText: () => {}, addHparams: () => {},
 *   flush: async () => {}, close: async () => {},
 * };
 * const optimizer = createOptimizer({ lr: 0.1, momentum: 0.9 });
 * const scheduler = new StepLR(optimizer, { stepSize: 1, gamma: 0.5 });
 * for (let step = 0; step < 2; step++) {
 *   logOptimizer(logger, optimizer, step);
 *   optimizer.step(); // your training step
 *   scheduler.step();
 * }
 * logged.filter((line) => line.startsWith('train/lr')).length; // 2
 */
export function logOptimizer(logger: TrainingLogger, optimizer: Optimizer, step: number, prefix = 'train/', wallTime?: number): void {
  readHyperparameters(optimizer).forEach((group, i) => {
    const suffix = i === 0 ? '' : `_${i}`;
    logger.addScalar(`${prefix}lr${suffix}`, group.lr, step, wallTime);
    if (group.momentum !== undefined) logger.addScalar(`${prefix}${group.momentumName}${suffix}`, group.momentum, step, wallTime);
  });
}
