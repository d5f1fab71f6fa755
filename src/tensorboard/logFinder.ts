import type { FindLrResult } from '../finder/findLr.js';
import type { TrainingLogger } from './logger.js';

/**
 * Logs an LR range test: per iteration (step = iteration) `lr_finder/lr`, `lr_finder/loss` and
 * `lr_finder/smoothed_loss`, and the suggestions as text (`lr_finder/suggestions`). `wallTime` stamps every record
 * (default: now); the finder keeps no per-iteration times.
 *
 * @example
 * const logged: string[] = [];
 * // An in-memory TrainingLogger; in a real run: new SummaryWriter('runs/x') or new FileLogger('runs/x.csv').
 * const logger: TrainingLogger = {
 *   addScalar: (tag, value, step) => void logged.push(`${tag}@${step}=${value}`),
 *   addScalars: () => {}, addHistogram: () => {}, addText: () => {}, addHparams: () => {},
 *   flush: async () => {}, close: async () => {},
 * };
 * let w = 0;
 * const result = await findLr({ optimizer: createOptimizer({ lr: 0.01 }), startLr: 1e-4, endLr: 10, trainStep: ({ lr }) => ((w -= lr * 2 * (w - 3)), (w - 3) ** 2) });
 * logFinderResult(logger, result);
 * logged[0]; // 'lr_finder/lr@0=0.0001'
 */
export function logFinderResult(logger: TrainingLogger, result: FindLrResult, wallTime?: number): void {
  result.lrs.forEach((lr, i) => {
    logger.addScalar('lr_finder/lr', lr, i, wallTime);
    logger.addScalar('lr_finder/loss', result.losses[i] as number, i, wallTime);
    logger.addScalar('lr_finder/smoothed_loss', result.smoothedLosses[i] as number, i, wallTime);
  });
  const rows = result.suggestions.map((s) => `| ${s.chosen ? '**' + s.name + '**' : s.name} | ${s.lr === null ? `none (${s.reason})` : s.lr.toExponential(3)} |`);
  const summary = [
    result.suggestedLr === null ? 'No suggested lr.' : `Suggested lr: **${result.suggestedLr.toExponential(3)}** (${result.suggestion}).`,
    `${result.lrs.length} iterations, ${result.settings.startLr} to ${result.settings.endLr} (${result.settings.mode}), stopped: ${result.stopReason}.`,
    '',
    '| rule | lr |',
    '|---|---|',
    ...rows,
  ].join('\n');
  logger.addText('lr_finder/suggestions', summary, 0, wallTime);
}
