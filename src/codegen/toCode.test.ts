import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { runTrace } from '../spec/trace.js';
import { setWarningSink } from '../warnings.js';
import { toCode } from './toCode.js';

setWarningSink(() => {});

const fixtures = new URL('../../test/fixtures/codegen/', import.meta.url);
const specs = JSON.parse(readFileSync(new URL('specs.json', fixtures), 'utf8')) as Record<string, unknown>;

function close(actual: number[][], expected: number[][], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(...expected.flat().map(Math.abs), 1e-300);
  actual.forEach((row, i) =>
    row.forEach((v, g) => {
      const e = (expected[i] as number[])[g] as number;
      // float64 on both sides; Math.cos vs libm may differ by an ulp (README: Conformance with real PyTorch).
      if (!(Math.abs(v - e) <= 1e-12 * scale)) expect.fail(`${what} row ${i} group ${g}: lrkit ${v}, PyTorch ${e}`);
    }),
  );
}

describe('toCode(spec, "pytorch") run by real PyTorch (fixtures from scripts/gen_codegen_fixtures.py)', () => {
  it.each(Object.keys(specs))('%s', (name) => {
    const spec = specs[name];
    // The committed program is exactly what toCode emits today, so the fixture tests today's code.
    expect(toCode(spec, 'pytorch')).toBe(readFileSync(new URL(`${name}.py`, fixtures), 'utf8'));
    const torch = JSON.parse(readFileSync(new URL(`${name}.json`, fixtures), 'utf8')) as { lr: number[][]; momentum: number[][]; torch: string };
    expect(torch.torch.startsWith('2.13')).toBe(true);
    const mine = runTrace(spec);
    close(mine.lr, torch.lr, `${name} lr`);
    close(mine.momentum, torch.momentum, `${name} momentum`);
  });

  it('refuses what PyTorch cannot express, naming the JSON path', () => {
    const spec = { optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'SequentialLR', schedulers: [{ type: 'LinearLR' }, { type: 'hf.cosine', lr: 0.1, numWarmupSteps: 0, numTrainingSteps: 10 }], milestones: [5] }, steps: 10 };
    expect(() => toCode(spec, 'pytorch')).toThrow(/^scheduler\.schedulers\[1\]\.type: expected a PyTorch scheduler/);
    expect(() => toCode({ ...spec, scheduler: { type: 'StepLR', stepSize: 0 } }, 'ts')).toThrow('scheduler.stepSize: expected a positive integer, got 0');
  });
});

describe('toCode(spec, "ts") runs and prints the same trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-codegen-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const entry = fileURLToPath(new URL('../index.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const tsSpecs: Record<string, unknown> = {
    recipe: { optimizer: { type: 'adam', lr: 1 }, scheduler: { type: 'timm.cosine', lr: 0.1, tInitial: 10, warmupT: 3, cycleLimit: 2, noiseRangeT: [5, 15], noiseSeed: 7 }, steps: 25 },
    combinators: {
      optimizer: { type: 'sgd', lr: 0.1, groups: [{}, { lr: 0.2 }] },
      scheduler: { type: 'ScheduleLR', relative: true, schedule: { type: 'warmup', steps: 4, from: 0.1, schedule: { type: 'join', schedules: [{ type: 'cosine', from: 1, steps: 5 }, { type: 'scale', factor: 0.5, schedule: { type: 'optax.sgdr', cosineKwargs: [{ initValue: 0, peakValue: 1, warmupSteps: 1, decaySteps: 4 }] } }], boundaries: [5] } } },
      steps: 16,
    },
    bridges: {
      optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 },
      scheduler: { type: 'WarmupLR', steps: 3, mode: 'exponential', startFactor: 0.01, scheduler: { type: 'PlateauSequentialLR', schedulers: [{ type: 'cycles', schedule: { type: 'tanh', from: 0.1, steps: 4 }, limit: 2 }, { type: 'ReduceLROnPlateau', patience: 0 }], milestones: [6] } },
      steps: 12,
      metrics: [3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    },
    torch: specs.onecycle_adam,
    epochs: specs.warmrestarts_epochs,
  };
  it.each(Object.keys(tsSpecs))('%s', (name) => {
    const spec = tsSpecs[name];
    const file = join(dir, `${name}.ts`);
    writeFileSync(file, toCode(spec, 'ts', { importFrom: entry }));
    const out = execFileSync(tsx, [file], { encoding: 'utf8' });
    expect(out.trim()).toBe(JSON.stringify(runTrace(spec)));
  });
  it('emits readable code', () => {
    const code = toCode({ optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'hf.cosine_with_restarts', lr: 0.1, numWarmupSteps: 2, numTrainingSteps: 20, numCycles: 2 }, steps: 20 }, 'ts');
    expect(code).toContain("import { ScheduleLR, createOptimizer, hf } from \"lrkit\";");
    expect(code).toContain('new ScheduleLR(optimizer, { schedule: hf.cosineWithRestarts({ lr: 0.1, numWarmupSteps: 2, numTrainingSteps: 20, numCycles: 2 }) })');
  });
});

// The `print: 'rows'` format that `lrkit code` prints by default: `step [lr of each group]` per line.
describe("toCode(spec, ..., { print: 'rows' }) runs and prints the rows of lrkit trace", () => {
  const ROW_SPECS = [
    { optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01 }] }, scheduler: { type: 'OneCycleLR', maxLr: [0.1, 0.01], totalSteps: 60 }, steps: 59 },
    { optimizer: { type: 'sgd', lr: 0.5 }, scheduler: { type: 'LambdaLR', lrLambda: 'max(0.1, 0.9 ** (epoch // 3)) * (1 + cos(pi * epoch / 20)) / 2' }, steps: 25 },
    { optimizer: { type: 'sgd', lr: 1 }, scheduler: { type: 'ReduceLROnPlateau', patience: 1, factor: 0.5 }, steps: 8, metrics: [1, 0.9, 0.9, 0.9, 0.95, 0.8, 0.8, 0.8] },
    { optimizer: { type: 'adam', lr: 0.01 }, scheduler: { type: 'CosineAnnealingWarmRestarts', t0: 4, tMult: 2, etaMin: 0.001 }, steps: 20 },
    { optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'MultiStepLR', milestones: [3, 7], gamma: 0.5 }, steps: 10 },
    { optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'SWALR', swaLr: 0.05, annealEpochs: 3 }, steps: 6 },
  ];
  const rows = (output: string): number[][] => output.trim().split('\n').map((line, i) => {
    expect(line.startsWith(`${i} `), line).toBe(true);
    return JSON.parse(line.slice(line.indexOf(' ') + 1)) as number[];
  });
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-code-rows-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Optional live check with the fixture environment's PyTorch (npm run fixtures creates .venv); skipped without it.
  const python = fileURLToPath(new URL('../../.venv/bin/python', import.meta.url));
  const hasTorch = existsSync(python) && (() => {
    try {
      execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasTorch).each(ROW_SPECS.map((s) => [s.scheduler.type, s]))('PyTorch rows for %s match lrkit trace', (type, spec) => {
    const path = join(dir, `${type}.py`);
    writeFileSync(path, toCode(spec, 'pytorch', { print: 'rows' }));
    close(rows(execFileSync(python, [path], { encoding: 'utf8' })), runTrace(spec).lr, `${type} rows`);
  });

  it('TypeScript rows match lrkit trace (composites, plateau, epochs)', () => {
    const entry = fileURLToPath(new URL('../index.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const specs = [
      ROW_SPECS[0]!,
      ROW_SPECS[2]!,
      { optimizer: { lr: 1 }, scheduler: { type: 'SequentialLR', schedulers: [{ type: 'ChainedScheduler', schedulers: [{ type: 'ExponentialLR', gamma: 0.9 }, { type: 'ConstantLR', factor: 0.5, totalIters: 2 }] }, { type: 'LinearLR', startFactor: 0.1, totalIters: 3 }], milestones: [3] }, steps: 9 },
      { optimizer: { lr: 1 }, scheduler: { type: 'CosineAnnealingWarmRestarts', t0: 3 }, steps: 4, epochs: [0.5, null, 2.25, 7] },
      { optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'hf.cosine', lr: 0.1, numWarmupSteps: 3, numTrainingSteps: 12 }, steps: 12 },
    ];
    specs.forEach((spec, i) => {
      const code = toCode(spec, 'ts', { print: 'rows' });
      expect(code).toContain('from "lrkit"');
      const path = join(dir, `rows${i}.ts`);
      writeFileSync(path, code.replace('from "lrkit"', `from ${JSON.stringify(entry)}`));
      expect(rows(execFileSync(tsx, [path], { encoding: 'utf8' }))).toEqual(runTrace(spec).lr);
    });
  });

  it('protocol: TypeScript for WarmupLR(ReduceLROnPlateau) and PlateauSequentialLR steps on the metrics, rows equal lrkit trace', () => {
    const entry = fileURLToPath(new URL('../index.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const metrics = [1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
    const specs = [
      { optimizer: { lr: 0.1 }, scheduler: { type: 'WarmupLR', steps: 3, scheduler: { type: 'ReduceLROnPlateau', patience: 1, factor: 0.5 } }, steps: 10, metrics },
      {
        optimizer: { lr: 0.1 },
        scheduler: { type: 'PlateauSequentialLR', schedulers: [{ type: 'LinearLR', startFactor: 0.5, totalIters: 2 }, { type: 'ReduceLROnPlateau', patience: 1, factor: 0.5 }], milestones: [3] },
        steps: 10,
        metrics,
      },
    ];
    specs.forEach((spec, i) => {
      const code = toCode(spec, 'ts', { print: 'rows' });
      expect(code).toContain('scheduler.step(metrics[i - 1] as number);');
      const path = join(dir, `protocol${i}.ts`);
      writeFileSync(path, code.replace('from "lrkit"', `from ${JSON.stringify(entry)}`));
      expect(rows(execFileSync(tsx, [path], { encoding: 'utf8' }))).toEqual(runTrace(spec).lr);
    });
    // Without a plateau phase the sequence is not stepped on a metric: metrics are refused, step() is emitted.
    const noPlateau = { ...specs[1]!, scheduler: { ...specs[1]!.scheduler, schedulers: [{ type: 'LinearLR', startFactor: 0.5, totalIters: 2 }, { type: 'ExponentialLR', gamma: 0.9 }] } };
    expect(() => toCode(noPlateau, 'ts')).toThrow('metrics: expected no metrics (PlateauSequentialLR is not stepped on a metric)');
    const { metrics: _unused, ...withoutMetrics } = noPlateau;
    expect(toCode(withoutMetrics, 'ts')).toContain('  scheduler.step();');
  });

  it('uses the PyTorch names of the scheduler table and refuses lrkit-only options PyTorch cannot take', () => {
    const base = { optimizer: { type: 'sgd', lr: 0.1 }, steps: 3 };
    expect(toCode({ ...base, scheduler: { type: 'SWALR', swaLr: 0.05 } }, 'pytorch', { print: 'rows' })).toContain('scheduler = swa_utils.SWALR(optimizer, swa_lr=0.05)');
    expect(toCode({ ...base, scheduler: { type: 'CosineAnnealingWarmRestarts', t0: 2, tMult: 2 } }, 'pytorch')).toContain('T_0=2, T_mult=2');
    const plateau = { ...base, scheduler: { type: 'ReduceLROnPlateau', nonFiniteMetric: 'compare' }, metrics: [1, 1, 1] };
    expect(toCode(plateau, 'pytorch')).toContain('lr_scheduler.ReduceLROnPlateau(optimizer)');
    expect(() => toCode({ ...plateau, scheduler: { type: 'ReduceLROnPlateau', nonFiniteMetric: 'error' } }, 'pytorch')).toThrow(
      'scheduler.nonFiniteMetric: expected its default "compare" for PyTorch code (PyTorch has no nonFiniteMetric), got "error"',
    );
    expect(() => toCode({ ...base, scheduler: { type: 'StepLR' } }, 'ts')).toThrow('scheduler.stepSize: expected');
    expect(() => toCode({ ...base, scheduler: { type: 'ReduceLROnPlateau' } }, 'ts')).toThrow('metrics: expected one metric per step');
    expect(() => toCode({ ...base, scheduler: { type: 'StepLR', stepSize: 1 } }, 'rust' as never)).toThrow('toCode.target');
    expect(() => toCode({ ...base, scheduler: { type: 'StepLR', stepSize: 1 } }, 'ts', { print: 'csv' as never })).toThrow('toCode.print');
  });
});
