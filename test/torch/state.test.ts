import { describe, expect, it } from 'vitest';
import { createOptimizer, ExponentialLR, LambdaLR, ReduceLROnPlateau, StateError, StepLR, type Scheduler } from '../../src/index.js';
import { buildScheduler } from '../../src/spec/buildScheduler.js';

const specs: Array<Record<string, unknown>> = [
  { type: 'LambdaLR', lrLambda: '0.9 ** epoch' },
  { type: 'MultiplicativeLR', lrLambda: ['0.95', '1 / (1 + 0.01 * epoch)'] },
  { type: 'StepLR', stepSize: 3, gamma: 0.5 },
  { type: 'MultiStepLR', milestones: [2, 5, 5, 9], gamma: 0.3 },
  { type: 'ConstantLR', factor: 0.25, totalIters: 4 },
  { type: 'LinearLR', startFactor: 0.2, totalIters: 6 },
  { type: 'ExponentialLR', gamma: 0.93 },
  { type: 'PolynomialLR', totalIters: 8, power: 2 },
  { type: 'CosineAnnealingLR', tMax: 7, etaMin: 0.001 },
  { type: 'CosineAnnealingWarmRestarts', t0: 3, tMult: 2, etaMin: 0.001 },
  { type: 'CyclicLR', baseLr: 0.01, maxLr: [0.1, 0.05], stepSizeUp: 3, mode: 'exp_range', gamma: 0.97 },
  { type: 'OneCycleLR', maxLr: [0.1, 0.02], totalSteps: 20, threePhase: true },
  { type: 'ReduceLROnPlateau', patience: 1, factor: 0.5, cooldown: 1 },
  { type: 'SWALR', swaLr: 0.03, annealEpochs: 4 },
  { type: 'SequentialLR', milestones: [4], schedulers: [{ type: 'LinearLR', startFactor: 0.1, totalIters: 4 }, { type: 'CosineAnnealingLR', tMax: 10 }] },
  { type: 'ChainedScheduler', schedulers: [{ type: 'ConstantLR', factor: 0.5, totalIters: 3 }, { type: 'ExponentialLR', gamma: 0.9 }] },
];

const metric = (i: number) => [1, 0.9, 0.9, 0.95, 0.9, 0.85, 0.85, 0.86, 0.87, 0.8][i % 10] as number;

function run(spec: Record<string, unknown>, steps: number, resumeAt: number | null): number[][] {
  let opt = createOptimizer({ lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.05 }] });
  let s: Scheduler = buildScheduler(opt, spec);
  const rows = [opt.paramGroups.map((g) => g.lr)];
  for (let i = 0; i < steps; i++) {
    opt.step();
    if (s instanceof ReduceLROnPlateau) s.step(metric(i));
    else (s as { step(): void }).step();
    rows.push([...opt.paramGroups.map((g) => g.lr), ...opt.paramGroups.map((g) => g.momentum as number)]);
    if (i + 1 === resumeAt) {
      const text = JSON.stringify({ o: opt.stateDict(), s: s.stateDict() });
      opt = createOptimizer({ lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.05 }] });
      s = buildScheduler(opt, spec);
      const saved = JSON.parse(text) as { o: unknown; s: unknown };
      opt.loadStateDict(saved.o);
      s.loadStateDict(saved.s);
    }
  }
  return rows;
}

describe('stateDict / loadStateDict', () => {
  it.each(specs.map((s) => [s.type as string, s]))('%s resumes exactly from JSON at every step', (_type, spec) => {
    const steps = 20;
    const reference = run(spec, steps, null);
    for (let k = 0; k <= steps; k++) expect(run(spec, steps, k)).toEqual(reference);
  });

  it('is versioned, typed and JSON-safe (Infinity survives)', () => {
    const opt = createOptimizer({ lr: 0.1 });
    const s = new ReduceLROnPlateau(opt);
    const state = JSON.parse(JSON.stringify(s.stateDict()));
    expect(state).toMatchObject({ format: 'lrkit.scheduler', version: 1, type: 'ReduceLROnPlateau', best: 'Infinity' });
    const fresh = new ReduceLROnPlateau(createOptimizer({ lr: 0.1 }));
    fresh.loadStateDict(state);
    expect(fresh.best).toBe(Infinity);
  });

  it('rejects state of another type, a future version, or a missing field, and changes nothing', () => {
    const opt = createOptimizer({ lr: 0.1 });
    const step = new StepLR(opt, { stepSize: 2 });
    const exp = new ExponentialLR(createOptimizer({ lr: 0.1 }), { gamma: 0.9 });
    expect(() => step.loadStateDict(exp.stateDict())).toThrow(new StateError('state.type', 'state of a "ExponentialLR" cannot be loaded into a StepLR'));
    expect(() => step.loadStateDict({ ...step.stateDict(), version: 2 })).toThrow(/unsupported state version 2/);
    const { lastEpoch: _drop, ...missing } = step.stateDict();
    expect(() => step.loadStateDict(missing)).toThrow(new StateError('state.lastEpoch', 'missing'));
    expect(() => step.loadStateDict({ ...step.stateDict(), baseLrs: [0.1, 0.2] })).toThrow(/one per param group/);
    expect(step.lastEpoch).toBe(0);
  });

  it('says clearly that JavaScript lambdas are not serialized, and checks expression lambdas on load', () => {
    const fnState = new LambdaLR(createOptimizer({ lr: 0.1 }), { lrLambda: (e) => 0.9 ** e }).stateDict();
    expect(fnState.lrLambdas).toBe('not-serializable');
    const exprState = new LambdaLR(createOptimizer({ lr: 0.1 }), { lrLambda: '0.9 ** epoch' }).stateDict();
    expect(exprState.lrLambdas).toEqual(['0.9 ** epoch']);
    const other = new LambdaLR(createOptimizer({ lr: 0.1 }), { lrLambda: '0.5 ** epoch' });
    expect(() => other.loadStateDict(exprState)).toThrow(/saved with lambdas/);
  });
});
