/**
 * `npm start -- --logdir DIR`: one TensorBoard run per schedule (train/lr and train/loss per update, hparams with
 * the validation results) plus the LR range test, so `tensorboard --logdir DIR` shows them side by side.
 */
import { join } from 'node:path';
import type { FindLrResult } from '../../src/finder/findLr.js';
import { SummaryWriter, logFinderResult } from '../../src/tensorboard/index.js';
import type { RunResult, TrainSettings } from './trainMnist.js';

/**
 * A run name usable as a directory, stable across runs (the peak value is dropped) but distinct per schedule:
 * 'OneCycleLR (finder maxLr 0.3)' -> 'OneCycleLR-finder', 'warmup + cosine' -> 'warmup-cosine'.
 */
export function runDirName(name: string): string {
  return name
    .replace(/\s*maxLr\s+[\d.e+-]+/g, '')
    .replace(/[^A-Za-z0-9._]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const FINDER_RUN = 'lr-finder';

export async function writeTensorBoardRuns(logdir: string, runs: RunResult[], finder: FindLrResult, settings: TrainSettings, startLrs: number[]): Promise<string[]> {
  const names = runs.map((run) => runDirName(run.name));
  const clash = names.find((name, i) => names.indexOf(name) !== i || name === FINDER_RUN);
  // Two schedules in one directory would interleave their curves in TensorBoard.
  if (clash !== undefined) throw new Error(`writeTensorBoardRuns: two runs would share the directory '${clash}'`);
  const dirs: string[] = [];
  for (const [i, run] of runs.entries()) {
    const dir = join(logdir, names[i] as string);
    const writer = new SummaryWriter(dir);
    run.lrs.forEach((lr, step) => writer.addScalar('train/lr', lr, step));
    run.losses.forEach((loss, step) => writer.addScalar('train/loss', loss, step));
    writer.addHparams(
      { schedule: names[i] as string, lr: startLrs[i] as number, epochs: settings.epochs, batchSize: settings.batchSize, seed: settings.seed },
      { 'hparams/val_loss': run.valLoss, 'hparams/val_accuracy': run.valAccuracy },
      { step: run.lrs.length, trialId: names[i] as string },
    );
    await writer.close();
    dirs.push(dir);
  }
  const dir = join(logdir, FINDER_RUN);
  const writer = new SummaryWriter(dir);
  logFinderResult(writer, finder);
  await writer.close();
  dirs.push(dir);
  return dirs;
}
