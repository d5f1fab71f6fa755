import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../optim/createOptimizer.js';
import { ReduceLROnPlateau } from '../torch/ReduceLROnPlateau.js';
import { StepLR } from '../torch/StepLR.js';
import { setWarningSink } from '../warnings.js';
import { WarmupLR } from './WarmupLR.js';

setWarningSink(() => {});

function run(optimizer: ReturnType<typeof createOptimizer>, scheduler: { step(...a: unknown[]): void }, steps: number, metric?: (i: number) => number): number[] {
  const lrs = [optimizer.paramGroups[0]!.lr];
  for (let i = 1; i <= steps; i++) {
    optimizer.step();
    if (metric) scheduler.step(metric(i));
    else scheduler.step();
    lrs.push(optimizer.paramGroups[0]!.lr);
  }
  return lrs;
}

describe('WarmupLR', () => {
  it('warms up to the wrapped scheduler step-0 lr, then runs it on its own clock', () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    const scheduler = new WarmupLR(new StepLR(optimizer, { stepSize: 2, gamma: 0.5 }), { steps: 4, startFactor: 0.2 });
    const lrs = run(optimizer, scheduler, 8).map((v) => Number(v.toPrecision(12)));
    // warmup 0.02 -> 0.1 over 4 steps, then StepLR steps 0,1,2,3,4 at steps 4..8
    expect(lrs).toEqual([0.02, 0.04, 0.06, 0.08, 0.1, 0.1, 0.05, 0.05, 0.025]);
    expect(scheduler.lrAt(7).map((v) => Number(v.toPrecision(12)))).toEqual([0.05]);
  });
  it('puts a warmup in front of ReduceLROnPlateau (pytorch #68978), exponential mode', () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    const plateau = new ReduceLROnPlateau(optimizer, { patience: 0, factor: 0.5 });
    const scheduler = new WarmupLR(plateau, { steps: 2, startFactor: 0.01, mode: 'exponential' });
    expect(scheduler.stepInput).toBe('metric');
    // metric never improves after step 3: plateau halves at every step from its second observation
    const lrs = run(optimizer, scheduler, 5, () => 1).map((v) => Number(v.toPrecision(12)));
    expect(lrs).toEqual([0.001, 0.01, 0.1, 0.1, 0.05, 0.025]);
  });
  it('warms a group whose target lr is 0 to 0, not NaN, in exponential mode', () => {
    const optimizer = createOptimizer({ lr: 0.1, groups: [{}, { lr: 0 }] });
    const scheduler = new WarmupLR(new StepLR(optimizer, { stepSize: 2 }), { steps: 3, startFactor: 0.1, mode: 'exponential' });
    const seen = [optimizer.paramGroups.map((g) => g.lr)];
    for (let i = 0; i < 4; i++) {
      optimizer.step();
      scheduler.step();
      seen.push(optimizer.paramGroups.map((g) => g.lr));
    }
    expect(seen.map((r) => r[1])).toEqual([0, 0, 0, 0, 0]);
    expect(seen[3]?.[0]).toBeCloseTo(0.1, 15);
  });

  it('round-trips its state through JSON', () => {
    const build = () => {
      const optimizer = createOptimizer({ lr: 0.1 });
      return { optimizer, scheduler: new WarmupLR(new StepLR(optimizer, { stepSize: 2 }), { steps: 3 }) };
    };
    const a = build();
    run(a.optimizer, a.scheduler, 2);
    const b = build();
    b.optimizer.loadStateDict(JSON.parse(JSON.stringify(a.optimizer.stateDict())));
    b.scheduler.loadStateDict(JSON.parse(JSON.stringify(a.scheduler.stateDict())));
    expect(run(b.optimizer, b.scheduler, 6)).toEqual(run(a.optimizer, a.scheduler, 6));
  });
  it('validates its options', () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    const inner = new StepLR(optimizer, { stepSize: 2 });
    expect(() => new WarmupLR(inner, { steps: 0 })).toThrow('WarmupLR.steps: expected a positive integer, got 0');
    expect(() => new WarmupLR(inner, { steps: 2, startFactor: 0, mode: 'exponential' })).toThrow('WarmupLR.startFactor: expected a number in (0, inf), got 0');
  });
});
