import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../optim/createOptimizer.js';
import { hf } from '../recipes/huggingface.js';
import { cosine } from '../schedules/cosine.js';
import { linear } from '../schedules/linear.js';
import { ExponentialLR } from '../torch/ExponentialLR.js';
import { SequentialLR } from '../torch/SequentialLR.js';
import { setWarningSink } from '../warnings.js';
import { ScheduleLR } from './ScheduleLR.js';

setWarningSink(() => {});

describe('ScheduleLR', () => {
  it('writes schedule(k) after the k-th step, starting at construction', () => {
    const optimizer = createOptimizer({ lr: 1 });
    const schedule = hf.linear({ lr: 0.1, numWarmupSteps: 2, numTrainingSteps: 6 });
    const scheduler = new ScheduleLR(optimizer, { schedule });
    const lrs = [optimizer.paramGroups[0]!.lr];
    for (let i = 0; i < 7; i++) {
      optimizer.step();
      scheduler.step();
      lrs.push(optimizer.paramGroups[0]!.lr);
    }
    expect(lrs).toEqual(Array.from({ length: 8 }, (_, t) => schedule(t)));
  });
  it('relative mode multiplies each group initialLr, like LambdaLR', () => {
    const optimizer = createOptimizer({ lr: 0.1, groups: [{}, { lr: 0.01 }] });
    const scheduler = new ScheduleLR(optimizer, { schedule: cosine({ from: 1, steps: 4 }), relative: true });
    optimizer.step();
    scheduler.step();
    scheduler.step();
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1 * cosine({ from: 1, steps: 4 })(2), 0.01 * cosine({ from: 1, steps: 4 })(2)]);
  });
  it('takes one schedule per group', () => {
    const optimizer = createOptimizer({ lr: 0.1, groups: [{}, {}] });
    new ScheduleLR(optimizer, { schedule: [linear({ from: 1, to: 0, steps: 2 }), linear({ from: 2, to: 0, steps: 2 })] });
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([1, 2]);
    expect(() => new ScheduleLR(optimizer, { schedule: [linear({ from: 1, to: 0, steps: 2 })] })).toThrow(/ScheduleLR\.schedule: expected one schedule per param group \(2\)/);
  });
  it('saves exact JSON state and refuses a state from another schedule', () => {
    const make = (lr: number) => {
      const optimizer = createOptimizer({ lr: 1 });
      return { optimizer, scheduler: new ScheduleLR(optimizer, { schedule: cosine({ from: lr, steps: 10 }) }) };
    };
    const a = make(0.1);
    for (let i = 0; i < 4; i++) {
      a.optimizer.step();
      a.scheduler.step();
    }
    const saved = JSON.parse(JSON.stringify(a.scheduler.stateDict())) as unknown;
    const b = make(0.1);
    b.scheduler.loadStateDict(saved);
    a.scheduler.step();
    b.scheduler.step();
    expect(b.optimizer.paramGroups[0]!.lr).toBe(a.optimizer.paramGroups[0]!.lr);
    expect(() => make(0.2).scheduler.loadStateDict(saved)).toThrow('state.schedules: the state was saved with different schedules than this scheduler has');
    const plain = new ScheduleLR(createOptimizer({ lr: 1 }), { schedule: (t) => 1 / (t + 1) });
    expect(plain.stateDict().schedules).toBe('not-serializable');
  });
  it('refuses a non-finite lr', () => {
    const optimizer = createOptimizer({ lr: 1 });
    const scheduler = new ScheduleLR(optimizer, { schedule: (t) => (t < 2 ? 1 : Infinity) });
    scheduler.step();
    expect(() => scheduler.step()).toThrow('ScheduleLR: the schedule of param group 0 gives lr Infinity at step 2; an lr must be a finite number');
  });
  it('restarts at schedule(0) at a SequentialLR milestone and previews through it', () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    const warm = new ScheduleLR(optimizer, { schedule: linear({ from: 0.01, to: 0.1, steps: 3 }) });
    const decay = new ExponentialLR(optimizer, { gamma: 0.5 });
    const seq = new SequentialLR(optimizer, { schedulers: [warm, decay], milestones: [3] });
    const lrs = [optimizer.paramGroups[0]!.lr];
    for (let i = 0; i < 5; i++) {
      optimizer.step();
      seq.step();
      lrs.push(optimizer.paramGroups[0]!.lr);
    }
    expect(lrs.map((v) => Number(v.toPrecision(12)))).toEqual([0.01, 0.04, 0.07, 0.1, 0.05, 0.025]);
    expect(Array.from(seq.preview(6)[0]!, (v) => Number(v.toPrecision(12)))).toEqual([0.01, 0.04, 0.07, 0.1, 0.05, 0.025]);
  });
});
