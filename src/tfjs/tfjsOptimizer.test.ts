import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useWasm } from '../../test/tfjs/backend.js';
import { OptionError, StateError } from '../errors.js';
import { CosineAnnealingLR } from '../torch/CosineAnnealingLR.js';
import { CyclicLR } from '../torch/CyclicLR.js';
import { OneCycleLR } from '../torch/OneCycleLR.js';
import { StepLR } from '../torch/StepLR.js';
import { setWarningSink } from '../warnings.js';
import { tfjsOptimizer, type TfjsOptimizerView } from './tfjsOptimizer.js';

// A 3-parameter quadratic: loss = 0.5 * sum(a * (w - target)^2), gradient a * (w - target).
const W0 = [1.5, -0.7, 0.3];
const A = [1.0, 3.0, 0.5];
const TARGET = [0.2, 0.4, -1.1];
const STEPS = 30;

function grad(w: number[]): number[] {
  return w.map((x, j) => (A[j] as number) * (x - (TARGET[j] as number)));
}

/** Runs `steps` tfjs updates with the scheduler stepping after each; returns w after every update. */
function runTfjs(opt: tf.Optimizer, step: () => void, steps = STEPS): number[][] {
  const w = tf.variable(tf.tensor1d(W0));
  const a = tf.tensor1d(A);
  const target = tf.tensor1d(TARGET);
  const out: number[][] = [];
  for (let i = 0; i < steps; i++) {
    opt.minimize(() => tf.mul(0.5, tf.sum(tf.mul(a, tf.square(tf.sub(w, target))))) as tf.Scalar, false, [w]);
    out.push(Array.from(w.dataSync()));
    step();
  }
  tf.dispose([w, a, target]);
  return out;
}

/** Float64 reference trajectory: `update(w, g, t)` mutates w in place for the 1-based step t. */
function runReference(update: (w: number[], g: number[], t: number) => void, steps = STEPS): number[][] {
  const w = [...W0];
  const out: number[][] = [];
  for (let t = 1; t <= steps; t++) {
    update(w, grad(w), t);
    out.push([...w]);
  }
  return out;
}

function maxRelError(actual: number[][], expected: number[][]): number {
  let worst = 0;
  actual.forEach((row, i) =>
    row.forEach((x, j) => {
      const e = (expected[i] as number[])[j] as number;
      worst = Math.max(worst, Math.abs(x - e) / Math.max(Math.abs(e), 1e-3));
    }),
  );
  return worst;
}

/** The hyperparameters the scheduler produced, recorded before each update (row t-1 is used by step t). */
function recorder(view: TfjsOptimizerView): { lrs: number[]; moms: number[]; record: () => void } {
  const lrs: number[] = [];
  const moms: number[] = [];
  const record = (): void => {
    const g = view.paramGroups[0]!;
    lrs.push(g.lr);
    moms.push(Array.isArray(g.betas) ? (g.betas[0] as number) : (g.momentum ?? NaN));
  };
  return { lrs, moms, record };
}

beforeAll(async () => {
  await useWasm();
});

let restoreSink: (() => void) | undefined;
afterEach(() => {
  restoreSink?.();
  restoreSink = undefined;
});

function quiet(): string[] {
  const seen: string[] = [];
  const previous = setWarningSink((code) => seen.push(code));
  restoreSink = () => setWarningSink(previous);
  return seen;
}

describe('tfjsOptimizer write-through', () => {
  it('SGD: a scheduled lr takes effect on the next update (tfjs caches -lr in a scalar)', () => {
    quiet();
    const sgd = tf.train.sgd(0.1);
    const view = tfjsOptimizer(sgd);
    const scheduler = new StepLR(view, { stepSize: 7, gamma: 0.5 });
    const rec = recorder(view);
    rec.record();
    const actual = runTfjs(sgd, () => {
      scheduler.step();
      rec.record();
    });
    const expected = runReference((w, g, t) => w.forEach((_, j) => (w[j] = (w[j] as number) - (rec.lrs[t - 1] as number) * (g[j] as number))));
    expect(maxRelError(actual, expected)).toBeLessThan(1e-5);
    expect((sgd as unknown as { learningRate: number }).learningRate).toBe(view.paramGroups[0]!.lr);
    expect(rec.lrs[STEPS - 1]).toBeCloseTo(0.1 * 0.5 ** 4, 12);
    view.detach();
    sgd.dispose();
  });

  it('SGD without the view: assigning learningRate silently does nothing (the fact the view fixes)', () => {
    const sgd = tf.train.sgd(0.1);
    (sgd as unknown as { learningRate: number }).learningRate = 0;
    const traj = runTfjs(sgd, () => {}, 1);
    expect(traj[0]![0]).not.toBeCloseTo(W0[0]!, 3); // still moved with lr 0.1
    sgd.dispose();
  });

  for (const nesterov of [false, true]) {
    it(`Momentum${nesterov ? ' (nesterov)' : ''}: cycled momentum rebuilds tfjs's cached scalar; matches PyTorch SGD`, () => {
      quiet();
      const opt = tf.train.momentum(0.05, 0.9, nesterov);
      const view = tfjsOptimizer(opt);
      const scheduler = new OneCycleLR(view, { maxLr: 0.1, totalSteps: STEPS + 1, baseMomentum: 0.5, maxMomentum: 0.95 });
      const rec = recorder(view);
      rec.record();
      const actual = runTfjs(opt, () => {
        scheduler.step();
        rec.record();
      });
      const buf = [0, 0, 0];
      // PyTorch SGD (dampening 0): buf = m*buf + g (buf = g at t=1); p -= lr * (nesterov ? g + m*buf : buf).
      const expected = runReference((w, g, t) => {
        const lr = rec.lrs[t - 1] as number;
        const m = rec.moms[t - 1] as number;
        w.forEach((_, j) => {
          buf[j] = t === 1 ? (g[j] as number) : m * (buf[j] as number) + (g[j] as number);
          const d = nesterov ? (g[j] as number) + m * (buf[j] as number) : (buf[j] as number);
          w[j] = (w[j] as number) - lr * d;
        });
      });
      expect(new Set(rec.moms).size).toBeGreaterThan(10);
      expect(maxRelError(actual, expected)).toBeLessThan(1e-4);
      view.detach();
      opt.dispose();
    });
  }

  for (const kind of ['adam', 'adamax'] as const) {
    it(`${kind}: cycled beta1 gets PyTorch's 1 - beta1^t bias correction`, () => {
      quiet();
      const make = (): tf.Optimizer => (kind === 'adam' ? tf.train.adam(0.05, 0.9, 0.999, 1e-8) : tf.train.adamax(0.05, 0.9, 0.999, 1e-8));
      const opt = make();
      const view = tfjsOptimizer(opt);
      const scheduler = new OneCycleLR(view, { maxLr: 0.1, totalSteps: STEPS + 1, baseMomentum: 0.6, maxMomentum: 0.95 });
      const rec = recorder(view);
      rec.record();
      const actual = runTfjs(opt, () => {
        scheduler.step();
        rec.record();
      });
      const m = [0, 0, 0];
      const v = [0, 0, 0];
      const expected = runReference((w, g, t) => {
        const lr = rec.lrs[t - 1] as number;
        const b1 = rec.moms[t - 1] as number;
        w.forEach((_, j) => {
          const gj = g[j] as number;
          m[j] = b1 * (m[j] as number) + (1 - b1) * gj;
          if (kind === 'adam') {
            v[j] = 0.999 * (v[j] as number) + 0.001 * gj * gj;
            const mhat = (m[j] as number) / (1 - b1 ** t);
            const vhat = (v[j] as number) / (1 - 0.999 ** t);
            w[j] = (w[j] as number) - (lr * mhat) / (Math.sqrt(vhat) + 1e-8);
          } else {
            v[j] = Math.max(0.999 * (v[j] as number), Math.abs(gj));
            w[j] = (w[j] as number) - ((lr / (1 - b1 ** t)) * (m[j] as number)) / ((v[j] as number) + 1e-8);
          }
        });
      });
      expect(maxRelError(actual, expected)).toBeLessThan(1e-4);

      // Without the accBeta1 fix (plain tfjs with betas written each step) the trajectory is measurably different.
      const naive = make();
      const naiveInternals = naive as unknown as { learningRate: number; beta1: number };
      let i = 0;
      naiveInternals.learningRate = rec.lrs[0] as number;
      naiveInternals.beta1 = rec.moms[0] as number;
      const naiveTraj = runTfjs(naive, () => {
        i++;
        naiveInternals.learningRate = rec.lrs[i] as number;
        naiveInternals.beta1 = rec.moms[i] as number;
      });
      expect(maxRelError(naiveTraj, expected)).toBeGreaterThan(1e-2);
      view.detach();
      opt.dispose();
      naive.dispose();
    });
  }

  it("RMSProp: lr and momentum are written; tfjs's rule scales only the new gradient term by lr", () => {
    quiet();
    const opt = tf.train.rmsprop(0.01, 0.9, 0.5, 1e-8);
    const view = tfjsOptimizer(opt);
    const scheduler = new CyclicLR(view, { baseLr: 0.005, maxLr: 0.05, stepSizeUp: 5, baseMomentum: 0.3, maxMomentum: 0.6 });
    const rec = recorder(view);
    rec.record();
    const actual = runTfjs(opt, () => {
      scheduler.step();
      rec.record();
    });
    const ms = [0, 0, 0];
    const mom = [0, 0, 0];
    // tfjs 4.22: ms = rho*ms + (1-rho) g^2; mom = momentum*mom + lr*g/sqrt(ms+eps); p -= mom.
    const expected = runReference((w, g, t) => {
      w.forEach((_, j) => {
        const gj = g[j] as number;
        ms[j] = 0.9 * (ms[j] as number) + 0.1 * gj * gj;
        mom[j] = (rec.moms[t - 1] as number) * (mom[j] as number) + ((rec.lrs[t - 1] as number) * gj) / Math.sqrt((ms[j] as number) + 1e-8);
        w[j] = (w[j] as number) - (mom[j] as number);
      });
    });
    expect(maxRelError(actual, expected)).toBeLessThan(1e-4);
    view.detach();
    opt.dispose();
  });

  for (const kind of ['adagrad', 'adadelta'] as const) {
    it(`${kind}: the scheduled lr is read on the next update`, () => {
      quiet();
      const opt = kind === 'adagrad' ? tf.train.adagrad(0.1, 0.1) : tf.train.adadelta(1.0, 0.9, 1e-6);
      const view = tfjsOptimizer(opt);
      expect(view.momentumKey).toBeNull();
      const scheduler = new StepLR(view, { stepSize: 5, gamma: 0.3 });
      const rec = recorder(view);
      rec.record();
      const actual = runTfjs(opt, () => {
        scheduler.step();
        rec.record();
      });
      const acc = [0.1, 0.1, 0.1];
      const accG = [0, 0, 0];
      const accU = [0, 0, 0];
      const eps = tf.backend().epsilon();
      const expected = runReference((w, g, t) => {
        const lr = rec.lrs[t - 1] as number;
        w.forEach((_, j) => {
          const gj = g[j] as number;
          if (kind === 'adagrad') {
            acc[j] = (acc[j] as number) + gj * gj;
            w[j] = (w[j] as number) - (lr * gj) / Math.sqrt((acc[j] as number) + eps);
          } else {
            // tfjs 4.22 Adadelta divides by the accumulator from *before* this step (PyTorch uses the updated one).
            const update = (Math.sqrt((accU[j] as number) + 1e-6) / Math.sqrt((accG[j] as number) + 1e-6)) * gj;
            accG[j] = 0.9 * (accG[j] as number) + 0.1 * gj * gj;
            accU[j] = 0.9 * (accU[j] as number) + 0.1 * update * update;
            w[j] = (w[j] as number) - lr * update;
          }
        });
      });
      expect(maxRelError(actual, expected)).toBeLessThan(1e-4);
      view.detach();
      opt.dispose();
    });
  }
});

describe('tfjsOptimizer bookkeeping', () => {
  it('leaks no tensors across steps for any optimizer under momentum/beta cycling', () => {
    quiet();
    const makers: Array<() => tf.Optimizer> = [
      () => tf.train.sgd(0.1),
      () => tf.train.momentum(0.1, 0.9),
      () => tf.train.adam(0.01),
      () => tf.train.adamax(0.01),
      () => tf.train.rmsprop(0.01, 0.9, 0.5),
      () => tf.train.adagrad(0.1),
      () => tf.train.adadelta(1.0),
    ];
    for (const make of makers) {
      const opt = make();
      const view = tfjsOptimizer(opt);
      const scheduler = new CyclicLR(view, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 3, cycleMomentum: view.momentumKey !== null });
      const w = tf.variable(tf.tensor1d(W0));
      const loss = (): tf.Scalar => tf.sum(tf.square(w)) as tf.Scalar;
      opt.minimize(loss, false, [w]);
      scheduler.step();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) {
        opt.minimize(loss, false, [w]);
        scheduler.step();
      }
      expect({ kind: view.kinds[0], numTensors: tf.memory().numTensors }).toEqual({ kind: view.kinds[0], numTensors: before });
      view.detach();
      opt.dispose();
      w.dispose();
    }
  });

  it('several tfjs optimizers act as param groups of one view', () => {
    quiet();
    const backbone = tf.train.momentum(0.01, 0.9);
    const head = tf.train.adam(0.1);
    const view = tfjsOptimizer([backbone, head]);
    expect(view.kinds).toEqual(['Momentum', 'Adam']);
    expect(view.momentumKey).toBeNull();
    expect(() => new OneCycleLR(view, { maxLr: 0.1, totalSteps: 10 })).toThrow(OptionError);
    const scheduler = new CosineAnnealingLR(view, { tMax: 10, etaMin: 0 });
    const wb = tf.variable(tf.tensor1d([1, 2]));
    const wh = tf.variable(tf.tensor1d([3]));
    for (let i = 0; i < 5; i++) {
      backbone.minimize(() => tf.sum(tf.square(wb)) as tf.Scalar, false, [wb]);
      head.minimize(() => tf.sum(tf.square(wh)) as tf.Scalar, false, [wh]);
      scheduler.step();
    }
    const expected = [0.01, 0.1].map((base) => (base * (1 + Math.cos((Math.PI * 5) / 10))) / 2);
    expect(view.paramGroups.map((g) => g.lr)).toEqual(scheduler.getLastLr());
    scheduler.getLastLr().forEach((lr, i) => expect(lr).toBeCloseTo(expected[i]!, 12));
    expect((backbone as unknown as { learningRate: number }).learningRate).toBe(view.paramGroups[0]!.lr);
    expect((head as unknown as { learningRate: number }).learningRate).toBe(view.paramGroups[1]!.lr);
    expect(view.stepCount).toBe(5);
    view.detach();
    tf.dispose([wb, wh]);
    backbone.dispose();
    head.dispose();
  });

  it('warns when the scheduler steps before the optimizer ever did, and not otherwise', () => {
    const seen = quiet();
    const early = tf.train.sgd(0.1);
    const earlyView = tfjsOptimizer(early);
    new StepLR(earlyView, { stepSize: 1 }).step();
    expect(seen).toEqual(['call-order']);
    const ok = tf.train.sgd(0.1);
    const okView = tfjsOptimizer(ok);
    const scheduler = new StepLR(okView, { stepSize: 1 });
    runTfjs(ok, () => scheduler.step(), 2);
    expect(seen).toEqual(['call-order']);
    earlyView.detach();
    okView.detach();
  });

  it('round-trips its state and rejects states that do not fit', () => {
    quiet();
    const opt = tf.train.adam(0.01);
    const view = tfjsOptimizer(opt);
    const scheduler = new OneCycleLR(view, { maxLr: 0.1, totalSteps: 20 });
    runTfjs(opt, () => scheduler.step(), 5);
    const state = JSON.parse(JSON.stringify(view.stateDict())) as unknown;
    const other = tf.train.adam(0.5);
    const otherView = tfjsOptimizer(other);
    otherView.loadStateDict(state);
    expect(otherView.paramGroups).toEqual(view.paramGroups);
    const internals = other as unknown as { learningRate: number; beta1: number };
    expect(internals.learningRate).toBe(view.paramGroups[0]!.lr);
    expect(internals.beta1).toBe(view.paramGroups[0]!.betas![0]);
    const sgdView = tfjsOptimizer(tf.train.sgd(0.1));
    expect(() => sgdView.loadStateDict(state)).toThrow(/optimizerState\.kinds: expected \["SGD"\]/);
    const bad = { ...(state as object), paramGroups: [{ lr: 0.1, betas: [0.9, 1.5] }] };
    expect(() => otherView.loadStateDict(bad)).toThrow(StateError);
    expect(() => otherView.loadStateDict(bad)).toThrow(/paramGroups\[0\]\.betas: expected a pair/);
    [view, otherView, sgdView].forEach((v) => v.detach());
  });

  it('rejects bad inputs with errors naming the option', () => {
    expect(() => tfjsOptimizer([])).toThrow(/tfjsOptimizer\.optimizers: expected a tfjs optimizer/);
    expect(() => tfjsOptimizer({} as tf.Optimizer)).toThrow(/tfjsOptimizer\.optimizer: expected a tfjs optimizer/);
    const sgd = tf.train.sgd(0.1);
    const view = tfjsOptimizer(sgd);
    expect(() => tfjsOptimizer(sgd)).toThrow(/not already driven by another view/);
    expect(() => {
      view.paramGroups[0]!.lr = -1;
    }).toThrow(/tfjsOptimizer\.paramGroups\[0\]\.lr: expected a finite number >= 0, got -1/);
    view.detach();
    expect(() => tfjsOptimizer(sgd).detach()).not.toThrow();
  });
});
