import { describe, expect, it } from 'vitest';
import {
  ChainedScheduler, ConstantLR, CosineAnnealingLR, CosineAnnealingWarmRestarts, createOptimizer, CyclicLR, ExponentialLR,
  LinearLR, OneCycleLR, ReduceLROnPlateau, ScheduleError, SequentialLR, setWarningSink, StepLR,
} from '../../src/index.js';

function drive(step: () => void, n: number, read: () => number): number[] {
  const out = [read()];
  for (let i = 0; i < n; i++) {
    step();
    out.push(read());
  }
  return out;
}

describe('PyTorch 2.x semantics', () => {
  it('performs an initial step at construction and sets initialLr only if absent', () => {
    const opt = createOptimizer({ lr: 0.1 });
    new LinearLR(opt, { startFactor: 0.5, totalIters: 4 });
    expect(opt.paramGroups[0]?.lr).toBe(0.05);
    expect(opt.paramGroups[0]?.initialLr).toBe(0.1);
    new ExponentialLR(opt, { gamma: 0.5 });
    expect(opt.paramGroups[0]?.initialLr).toBe(0.1); // the first scheduler fixed it
  });

  it('keeps the lr when resuming with lastEpoch (2.x `_is_initial`), unlike 1.13', () => {
    const opt = createOptimizer({ lr: 0.05, groups: [{ initialLr: 0.1 }] });
    const s = new ExponentialLR(opt, { gamma: 0.5, lastEpoch: 3 });
    expect(opt.paramGroups[0]?.lr).toBe(0.05);
    expect(s.lastEpoch).toBe(4);
    opt.step();
    s.step();
    expect(opt.paramGroups[0]?.lr).toBe(0.025);
  });

  it('CosineAnnealingLR keeps oscillating past tMax with period 2*tMax', () => {
    const opt = createOptimizer({ lr: 1 });
    const s = new CosineAnnealingLR(opt, { tMax: 10 });
    const lrs = drive(() => (opt.step(), s.step()), 40, () => opt.paramGroups[0]!.lr);
    expect(lrs[10]).toBeCloseTo(0, 12);
    expect(lrs[20]).toBeCloseTo(1, 12);
    expect(lrs[15]).toBeCloseTo(lrs[5] as number, 12);
    expect(lrs[30]).toBeCloseTo(0, 12);
  });

  it('OneCycleLR allows exactly totalSteps steps and then throws with the 2.x message', () => {
    const opt = createOptimizer({ lr: 0.1, momentum: 0.9 });
    const s = new OneCycleLR(opt, { maxLr: 0.1, totalSteps: 5 });
    for (let i = 0; i < 5; i++) s.step();
    expect(() => s.step()).toThrow(new ScheduleError('OneCycleLR: Tried to step 6 times. The specified number of total steps is 5'));
  });

  it('OneCycleLR and CyclicLR cycle beta1 on Adam-style groups', () => {
    const adam = createOptimizer({ lr: 0.1, betas: [0.9, 0.999] });
    const s = new OneCycleLR(adam, { maxLr: 0.1, totalSteps: 10 });
    expect(adam.paramGroups[0]?.betas).toEqual([0.95, 0.999]);
    s.step();
    s.step(); // end of the warm-up phase (pctStart 0.3 of 10 steps): beta1 at its base
    expect(adam.paramGroups[0]?.betas?.[0]).toBeCloseTo(0.85, 12);
    const adam2 = createOptimizer({ lr: 0.1, betas: [0.9, 0.999] });
    const c = new CyclicLR(adam2, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 2 });
    c.step();
    c.step();
    expect(adam2.paramGroups[0]?.betas?.[0]).toBeCloseTo(0.8, 12);
    expect(adam2.paramGroups[0]?.betas?.[1]).toBe(0.999);
  });

  it('OneCycleLR reports a zero-length phase instead of producing NaN', () => {
    const opt = createOptimizer({ lr: 0.1, momentum: 0.9 });
    expect(() => new OneCycleLR(opt, { maxLr: 0.1, totalSteps: 10, pctStart: 0.1 })).toThrow(/phase 1 has zero length/);
  });

  it('CosineAnnealingWarmRestarts accepts fractional epochs and interleaving', () => {
    const opt = createOptimizer({ lr: 1 });
    const s = new CosineAnnealingWarmRestarts(opt, { t0: 10, tMult: 2 });
    s.step(2.5);
    expect(opt.paramGroups[0]?.lr).toBeCloseTo((1 + Math.cos((Math.PI * 2.5) / 10)) / 2, 14);
    s.step(15); // second cycle of length 20 started at 10
    expect(s.tI).toBe(20);
    expect(s.tCur).toBe(5);
    s.step();
    expect(s.lastEpoch).toBe(16);
    expect(() => s.step(-1)).toThrow(/step\(epoch\)/);
  });

  it('SequentialLR undoes its children and restarts the next one at the milestone', () => {
    const opt = createOptimizer({ lr: 1 });
    const warm = new ConstantLR(opt, { factor: 0.1, totalIters: 3 });
    const decay = new ExponentialLR(opt, { gamma: 0.5 });
    const s = new SequentialLR(opt, { schedulers: [warm, decay], milestones: [3] });
    const lrs = drive(() => (opt.step(), s.step()), 5, () => opt.paramGroups[0]!.lr);
    expect(lrs.map((x) => +x.toFixed(12))).toEqual([0.1, 0.1, 0.1, 1, 0.5, 0.25]);
  });

  it('a composite cannot be restarted at a SequentialLR milestone (PyTorch raises there too)', () => {
    const opt = createOptimizer({ lr: 1 });
    const first = new StepLR(opt, { stepSize: 2 });
    const inner = new ChainedScheduler([new ExponentialLR(opt, { gamma: 0.9 })]);
    const s = new SequentialLR(opt, { schedulers: [first, inner], milestones: [2] });
    s.step();
    expect(() => s.step()).toThrow(ScheduleError);
  });

  it('ReduceLROnPlateau counts ties as bad epochs, honours cooldown, minLr and eps', () => {
    const opt = createOptimizer({ lr: 1, groups: [{}, { lr: 0.002 }] });
    const s = new ReduceLROnPlateau(opt, { patience: 1, cooldown: 1, minLr: [0.01, 0.001], eps: 1e-3 });
    const seen: number[][] = [];
    for (const m of [1, 1, 1, 1, 1, 1, 1]) {
      s.step(m);
      seen.push(opt.paramGroups.map((g) => g.lr));
    }
    // bad epochs: (ties) -> reduce at step 3, cooldown eats step 4, reduce again at step 6
    expect(seen.map((r) => r[0])).toEqual([1, 1, 0.1, 0.1, 0.1, 0.010000000000000002, 0.010000000000000002]);
    // group 1: 0.002 * 0.1 is clamped to minLr 0.001, a change of 0.001 which is not > eps: unchanged
    expect(seen.map((r) => r[1])).toEqual([0.002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002]);
    expect(() => s.step('0.5' as never)).toThrow(/step\(metric\)/);
  });
});

describe('hostile numbers', () => {
  it('ReduceLROnPlateau: NaN counts as a bad step by default (PyTorch), or throws with nonFiniteMetric: error', () => {
    const opt = createOptimizer({ lr: 1 });
    const s = new ReduceLROnPlateau(opt, { patience: 1 });
    s.step(1);
    s.step(NaN);
    expect(s.numBadEpochs).toBe(1);
    s.step(NaN);
    expect(opt.paramGroups[0]?.lr).toBeCloseTo(0.1, 15);
    expect(s.best).toBe(1);
    const strict = new ReduceLROnPlateau(createOptimizer({ lr: 1 }), { nonFiniteMetric: 'error' });
    strict.step(0.5);
    expect(() => strict.step(Infinity)).toThrow(new ScheduleError("ReduceLROnPlateau: metric is Infinity at step 2 (nonFiniteMetric: 'error')"));
    expect(strict.lastEpoch).toBe(1);
  });

  it('refuses to count steps past Number.MAX_SAFE_INTEGER instead of losing exactness', () => {
    const opt = createOptimizer({ lr: 1, groups: [{ initialLr: 1 }] });
    const s = new ExponentialLR(opt, { gamma: 0.5, lastEpoch: Number.MAX_SAFE_INTEGER - 2 });
    s.step();
    expect(s.lastEpoch).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => s.step()).toThrow(/MAX_SAFE_INTEGER/);
  });
});

describe('call-order warning', () => {
  it('warns once per optimizer when the scheduler steps before the optimizer, through the sink', () => {
    const seen: string[] = [];
    const previous = setWarningSink((code) => seen.push(code));
    try {
      const opt = createOptimizer({ lr: 0.1 });
      const s = new StepLR(opt, { stepSize: 2 });
      expect(seen).toEqual([]); // construction is not the user's step
      s.step();
      s.step();
      expect(seen).toEqual(['call-order']);
      const ok = createOptimizer({ lr: 0.1 });
      const s2 = new StepLR(ok, { stepSize: 2 });
      ok.step();
      s2.step();
      expect(seen).toEqual(['call-order']);
    } finally {
      setWarningSink(previous);
    }
  });

  it('does not warn when composites initialize their children', () => {
    const seen: string[] = [];
    const previous = setWarningSink((code) => seen.push(code));
    try {
      const opt = createOptimizer({ lr: 0.1 });
      const inner = new SequentialLR(opt, { schedulers: [new StepLR(opt, { stepSize: 2 }), new ExponentialLR(opt, { gamma: 0.9 })], milestones: [4] });
      new SequentialLR(opt, { schedulers: [inner, new ExponentialLR(opt, { gamma: 0.5 })], milestones: [3] });
      expect(seen).toEqual([]);
    } finally {
      setWarningSink(previous);
    }
  });
});
