import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../optim/createOptimizer.js';
import { ExponentialLR } from '../torch/ExponentialLR.js';
import { LinearLR } from '../torch/LinearLR.js';
import { ReduceLROnPlateau } from '../torch/ReduceLROnPlateau.js';
import { SequentialLR } from '../torch/SequentialLR.js';
import { setWarningSink } from '../warnings.js';
import { PlateauSequentialLR } from './PlateauSequentialLR.js';

setWarningSink(() => {});

describe('PlateauSequentialLR', () => {
  it('runs a warmup, then ReduceLROnPlateau on the metrics', () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    const warm = new LinearLR(optimizer, { startFactor: 0.25, totalIters: 3 });
    const plateau = new ReduceLROnPlateau(optimizer, { patience: 1, factor: 0.1 });
    const scheduler = new PlateauSequentialLR(optimizer, { schedulers: [warm, plateau], milestones: [4] });
    const metrics = [5, 4, 3, 2, 2, 2, 2, 2];
    const lrs = [optimizer.paramGroups[0]!.lr];
    for (const m of metrics) {
      optimizer.step();
      scheduler.step(m);
      lrs.push(optimizer.paramGroups[0]!.lr);
    }
    // warmup 0.025, 0.05, 0.075, 0.1 (LinearLR epochs 0-3); from step 4 the plateau sees 2 (best), 2, 2 -> reduce, then cooldown 0: 2, 2 -> reduce
    expect(lrs.map((v) => Number(v.toPrecision(12)))).toEqual([0.025, 0.05, 0.075, 0.1, 0.1, 0.1, 0.01, 0.01, 0.001]);
  });
  it('matches SequentialLR exactly when there is no plateau phase', () => {
    const build = (Seq: typeof SequentialLR | typeof PlateauSequentialLR) => {
      const optimizer = createOptimizer({ lr: 0.1, groups: [{}, { lr: 0.3 }] });
      const s = new Seq(optimizer, { schedulers: [new LinearLR(optimizer, { startFactor: 0.1, totalIters: 4 }), new ExponentialLR(optimizer, { gamma: 0.7 })], milestones: [4] } as never);
      const rows = [optimizer.paramGroups.map((g) => g.lr)];
      for (let i = 0; i < 10; i++) {
        optimizer.step();
        s.step();
        rows.push(optimizer.paramGroups.map((g) => g.lr));
      }
      return rows;
    };
    expect(build(PlateauSequentialLR)).toEqual(build(SequentialLR));
  });
  it('needs the metric in a plateau phase, and round-trips its state', () => {
    const build = () => {
      const optimizer = createOptimizer({ lr: 0.1 });
      const scheduler = new PlateauSequentialLR(optimizer, {
        schedulers: [new LinearLR(optimizer, { startFactor: 0.5, totalIters: 2 }), new ReduceLROnPlateau(optimizer, { patience: 0 })],
        milestones: [2],
      });
      return { optimizer, scheduler };
    };
    const a = build();
    a.scheduler.step(1);
    a.scheduler.step(1);
    expect(() => a.scheduler.step()).toThrow('PlateauSequentialLR.step(metric): expected a number (phase 1 is ReduceLROnPlateau), got undefined');
    a.scheduler.step(1);
    const b = build();
    b.optimizer.loadStateDict(JSON.parse(JSON.stringify(a.optimizer.stateDict())));
    b.scheduler.loadStateDict(JSON.parse(JSON.stringify(a.scheduler.stateDict())));
    for (const m of [1, 1, 0.5]) {
      a.scheduler.step(m);
      b.scheduler.step(m);
    }
    expect(b.optimizer.paramGroups[0]!.lr).toBe(a.optimizer.paramGroups[0]!.lr);
  });
});
