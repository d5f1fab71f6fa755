import type { FindLrResult } from '../finder/findLr.js';
import type { TrainingLogger } from './logger.js';

/**
 * Logs an LR range test: per iteration (step = iteration) `lr_finder/lr`, `lr_finder/loss` and
 * `lr_finder/smoothed_loss`, and the suggestions as text (`lr_finder/suggestions`). `wallTime` stamps every record
 * (default: now); the finder keeps no per-iteration times.
 *
 * @example
 * const result = await findLrTfjs(model, data, { numIter: 100 });
 * const writer = new SummaryWriter('runs/lr-finder');
 * logFinderResult(writer, result);
 * await writer.close();
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
