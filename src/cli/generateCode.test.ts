import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTrace } from '../spec/trace.js';
import { generateCode, pythonLambda } from './generateCode.js';

const SPECS = [
  { optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01 }] }, scheduler: { type: 'OneCycleLR', maxLr: [0.1, 0.01], totalSteps: 60 }, steps: 59 },
  { optimizer: { type: 'sgd', lr: 0.5 }, scheduler: { type: 'LambdaLR', lrLambda: 'max(0.1, 0.9 ** (epoch // 3)) * (1 + cos(pi * epoch / 20)) / 2' }, steps: 25 },
  { optimizer: { type: 'sgd', lr: 1 }, scheduler: { type: 'ReduceLROnPlateau', patience: 1, factor: 0.5 }, steps: 8, metrics: [1, 0.9, 0.9, 0.9, 0.95, 0.8, 0.8, 0.8] },
  { optimizer: { type: 'adam', lr: 0.01 }, scheduler: { type: 'CosineAnnealingWarmRestarts', t0: 4, tMult: 2, etaMin: 0.001 }, steps: 20 },
  { optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'MultiStepLR', milestones: [3, 7], gamma: 0.5 }, steps: 10 },
];

function rows(output: string): number[][] {
  return output.trim().split('\n').map((line) => JSON.parse(line.slice(line.indexOf(' ') + 1)) as number[]);
}

function expectClose(actual: number[][], expected: number[][]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => row.forEach((v, g) => expect(Math.abs(v - expected[i]![g]!)).toBeLessThanOrEqual(1e-12 * Math.abs(expected[i]![g]!))));
}

const python = '/usr/bin/python3';
const hasTorch = existsSync(python) && (() => {
  try {
    execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('generateCode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-code-'));

  it.skipIf(!hasTorch).each(SPECS.map((s) => [s.scheduler.type, s]))('PyTorch code for %s prints the rows of lrkit trace', (_type, spec) => {
    const path = join(dir, `${spec.scheduler.type}.py`);
    writeFileSync(path, generateCode(spec, 'pytorch'));
    expectClose(rows(execFileSync(python, [path], { encoding: 'utf8' })), runTrace(spec).lr);
  });

  it('TypeScript code runs against lrkit and prints the rows of lrkit trace', () => {
    const index = fileURLToPath(new URL('../index.ts', import.meta.url));
    for (const spec of [SPECS[0]!, SPECS[2]!, { optimizer: { lr: 1 }, scheduler: { type: 'SequentialLR', schedulers: [{ type: 'ChainedScheduler', schedulers: [{ type: 'ExponentialLR', gamma: 0.9 }, { type: 'ConstantLR', factor: 0.5, totalIters: 2 }] }, { type: 'LinearLR', startFactor: 0.1, totalIters: 3 }], milestones: [3] }, steps: 9 }, { optimizer: { lr: 1 }, scheduler: { type: 'CosineAnnealingWarmRestarts', t0: 3 }, steps: 4, epochs: [0.5, null, 2.25, 7] }]) {
      const code = generateCode(spec, 'ts');
      expect(code).toContain("from 'lrkit'");
      const path = join(dir, `${spec.scheduler.type}.ts`);
      writeFileSync(path, code.replace("from 'lrkit'", `from ${JSON.stringify(index)}`));
      const out = execFileSync(process.execPath, ['--import', 'tsx', path], { encoding: 'utf8' });
      expect(rows(out)).toEqual(runTrace(spec).lr);
    }
  });

  it('translates expressions to Python lambdas and validates the spec', () => {
    expect(pythonLambda('floor(epoch / 2) * pi + min(epoch, 3)', 'epoch')).toBe('lambda epoch: math.floor(epoch / 2) * math.pi + min(epoch, 3)');
    expect(() => generateCode({ optimizer: { lr: 0.1 }, scheduler: { type: 'StepLR' }, steps: 3 }, 'ts')).toThrow('scheduler.stepSize: expected');
    expect(() => generateCode(SPECS[0], 'rust' as never)).toThrow('--lang');
    expect(generateCode({ optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'SWALR', swaLr: 0.05 }, steps: 3 }, 'pytorch')).toContain('from torch.optim.swa_utils import SWALR');
  });
});
