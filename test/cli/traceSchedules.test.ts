import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { traceCommand } from '../../packages/cli/src/traceCommand.js';
import { hf } from '../../src/recipes/huggingface.js';
import { setWarningSink } from '../../src/warnings.js';

setWarningSink(() => {});

async function trace(spec: unknown): Promise<unknown> {
  const file = join(mkdtempSync(join(tmpdir(), 'lrkit-')), 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  let out = '';
  await traceCommand(file, new Writable({ write: (chunk: Buffer, _encoding, done) => ((out += chunk.toString()), done()) }));
  return JSON.parse(out) as unknown;
}

describe('lrkit trace with schedules, recipes and lrkit schedulers', () => {
  it('traces a recipe used directly as the scheduler', async () => {
    const result = (await trace({ optimizer: { type: 'adam', lr: 1 }, scheduler: { type: 'hf.cosine', lr: 0.1, numWarmupSteps: 2, numTrainingSteps: 10 }, steps: 10 })) as { lr: number[][] };
    const s = hf.cosine({ lr: 0.1, numWarmupSteps: 2, numTrainingSteps: 10 });
    expect(result.lr.map((r) => r[0])).toEqual(Array.from({ length: 11 }, (_, t) => s(t)));
  });
  it('traces warmup + plateau with metrics, and reports a bad spec in an array', async () => {
    const results = (await trace([
      {
        optimizer: { type: 'sgd', lr: 0.1 },
        scheduler: { type: 'PlateauSequentialLR', schedulers: [{ type: 'LinearLR', startFactor: 0.5, totalIters: 2 }, { type: 'ReduceLROnPlateau', patience: 0 }], milestones: [3] },
        steps: 5,
        metrics: [1, 1, 1, 1, 1],
        resumeAt: 2,
      },
      { optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'warmup', steps: 2, schedule: { type: 'cosine', from: 0.1, steps: -1 } }, steps: 3 },
    ])) as [{ lr: number[][] }, { error: string }];
    expect(results[0].lr.map((r) => Number(r[0]!.toPrecision(12)))).toEqual([0.05, 0.075, 0.1, 0.1, 0.01, 0.001]);
    expect(results[1].error).toBe('scheduler.schedule.steps: expected a number in (0, inf), got -1');
  });
});
