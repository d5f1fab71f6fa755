import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDirName, writeTensorBoardRuns } from '../../examples/demo/tensorboard.js';
import { findLr } from '../../src/finder/findLr.js';
import { createOptimizer } from '../../src/optim/createOptimizer.js';

const DEMO_RUNS = ['constant lr', 'StepLR', 'warmup + cosine', 'OneCycleLR (hand-set maxLr 0.1)', 'OneCycleLR (finder maxLr 0.158)'];

const run = (name: string) => ({ name, lrs: [0.1, 0.05], losses: [2.3, 1.9], valLoss: 0.3, valAccuracy: 0.9, seconds: 1 });

describe('the demo\'s TensorBoard runs', () => {
  it('gives every schedule its own directory, stable across picks', () => {
    expect(DEMO_RUNS.map(runDirName)).toEqual(['constant-lr', 'StepLR', 'warmup-cosine', 'OneCycleLR-hand-set', 'OneCycleLR-finder']);
    expect(runDirName('OneCycleLR (finder maxLr 3.5e-2)')).toBe('OneCycleLR-finder');
  });

  it('writes one run directory per schedule plus the range test, and refuses two runs in one directory', async () => {
    const finder = await findLr({ optimizer: createOptimizer({ lr: 0.1 }), numIter: 20, trainStep: ({ lr }) => 1 + Math.abs(Math.log10(lr) + 3) });
    const settings = { epochs: 1, batchSize: 64, seed: 1, hidden: 32 };
    const logdir = mkdtempSync(join(tmpdir(), 'lrkit-demo-tb-'));
    await writeTensorBoardRuns(logdir, DEMO_RUNS.map(run), finder, settings, [0.05, 0.1, 0.1, 0.004, 0.006]);
    expect(readdirSync(logdir).sort()).toEqual(['OneCycleLR-finder', 'OneCycleLR-hand-set', 'StepLR', 'constant-lr', 'lr-finder', 'warmup-cosine']);
    for (const dir of readdirSync(logdir)) expect(readdirSync(join(logdir, dir)).some((f) => f.startsWith('events.out.tfevents.'))).toBe(true);
    await expect(writeTensorBoardRuns(mkdtempSync(join(tmpdir(), 'lrkit-demo-tb-')), [run('OneCycleLR (a maxLr 1)'), run('OneCycleLR (a maxLr 2)')], finder, settings, [1, 2])).rejects.toThrow(
      "two runs would share the directory 'OneCycleLR-a'",
    );
  });
});
