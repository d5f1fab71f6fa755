/**
 * `npm start -- --logdir DIR`: one TensorBoard run per schedule (train/lr and train/loss per update, hparams with
 * the validation results) plus the LR range test, so `tensorboard --logdir DIR` shows them side by side.
 */
import { join } from 'node:path';
import type { FindLrResult } from '../../src/finder/findLr.js';
import { SummaryWriter, logFinderResult } from '../../src/tensorboard/index.js';
import type { RunResult, TrainSettings } from './trainMnist.js';

/** A run name usable as a directory: 'OneCycleLR (finder maxLr 0.3)' -> 'OneCycleLR'. */
export function runDirName(name: string): string {
  return name.replace(/\s*\(.*\)$/, '').replace(/[^A-Za-z0-9._-]+/g, '-');
}

export async function writeTensorBoardRuns(logdir: string, runs: RunResult[], finder: FindLrResult, settings: TrainSettings, startLrs: number[]): Promise<string[]> {
  const dirs: string[] = [];
  for (const [i, run] of runs.entries()) {
    const dir = join(logdir, runDirName(run.name));
    const writer = new SummaryWriter(dir);
    run.lrs.forEach((lr, step) => writer.addScalar('train/lr', lr, step));
    run.losses.forEach((loss, step) => writer.addScalar('train/loss', loss, step));
    writer.addHparams(
      { schedule: runDirName(run.name), lr: startLrs[i] as number, epochs: settings.epochs, batchSize: settings.batchSize, seed: settings.seed },
      { 'hparams/val_loss': run.valLoss, 'hparams/val_accuracy': run.valAccuracy },
      { step: run.lrs.length, trialId: runDirName(run.name) },
    );
    await writer.close();
    dirs.push(dir);
  }
  const dir = join(logdir, 'lr-finder');
  const writer = new SummaryWriter(dir);
  logFinderResult(writer, finder);
  await writer.close();
  dirs.push(dir);
  return dirs;
}
