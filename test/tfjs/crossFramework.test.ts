import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScheduler } from '../../src/spec/buildScheduler.js';
import { tfjsOptimizer } from '../../src/tfjs/tfjsOptimizer.js';
import { ReduceLROnPlateau } from '../../src/torch/ReduceLROnPlateau.js';
import { useWasm } from './backend.js';

// Recorded by scripts/gen_tfjs_fixtures.py with real PyTorch optimizers and schedulers.
interface Fixture {
  torch: string;
  steps: number;
  x: { shape: number[]; values: number[] };
  y: { shape: number[]; values: number[] };
  init: Array<{ name: string; shape: number[]; values: number[] }>;
  cases: Record<string, Case>;
}
interface Case {
  optimizer: Record<string, unknown> & { type: string; lr: number };
  scheduler: Record<string, unknown> & { type: string };
  lr: number[];
  momentum: Array<number | null>;
  loss: number[];
  weights: number[][][];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/tfjs/trajectories.json', import.meta.url), 'utf8')) as Fixture;

/** The tfjs optimizer equivalent to the PyTorch one of the fixture (see the generator for why they coincide). */
function makeOptimizer(spec: Case['optimizer']): tf.Optimizer {
  const n = (key: string): number => spec[key] as number;
  const betas = spec.betas as [number, number] | undefined;
  switch (spec.type) {
    case 'sgd':
      return tf.train.sgd(spec.lr);
    case 'momentum':
      return tf.train.momentum(spec.lr, n('momentum'), spec.nesterov === true);
    case 'adam':
      return tf.train.adam(spec.lr, betas![0], betas![1], n('eps'));
    case 'adamax':
      return tf.train.adamax(spec.lr, betas![0], betas![1], n('eps'));
    case 'rmsprop':
      return tf.train.rmsprop(spec.lr, n('decay'), n('momentum'), n('eps'));
    case 'adagrad':
      return tf.train.adagrad(spec.lr, n('initialAccumulatorValue'));
    default:
      throw new Error(`unknown optimizer type ${spec.type}`);
  }
}

interface Result {
  maxAbs: number;
  /** max |tfjs - torch| / max|torch| over each parameter tensor at each step */
  maxRel: number;
  lrRel: number;
  momRel: number;
}

function runCase(c: Case): Result {
  const x = tf.tensor(fixture.x.values, fixture.x.shape);
  const y = tf.tensor(fixture.y.values, fixture.y.shape);
  const vars = fixture.init.map((p) => tf.variable(tf.tensor(p.values, p.shape), true));
  const [w1, b1, w2, b2] = vars as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const opt = makeOptimizer(c.optimizer);
  const view = tfjsOptimizer(opt);
  const scheduler = buildScheduler(view, c.scheduler);
  const loss = (): tf.Scalar => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x, w1), b1)), w2), b2), y)));
  const result: Result = { maxAbs: 0, maxRel: 0, lrRel: 0, momRel: 0 };
  const group = view.paramGroups[0]!;
  for (let step = 0; step < fixture.steps; step++) {
    const torchLr = c.lr[step] as number;
    result.lrRel = Math.max(result.lrRel, Math.abs(group.lr - torchLr) / torchLr);
    const torchMom = c.momentum[step];
    if (typeof torchMom === 'number' && torchMom !== 0) {
      const mom = Array.isArray(group.betas) ? (group.betas[0] as number) : (group.momentum as number);
      result.momRel = Math.max(result.momRel, Math.abs(mom - torchMom) / torchMom);
    }
    const value = opt.minimize(loss, true, vars) as tf.Scalar;
    const lossValue = value.dataSync()[0] as number;
    value.dispose();
    vars.forEach((v, k) => {
      const actual = v.dataSync();
      const expected = (c.weights[step] as number[][])[k] as number[];
      const scale = Math.max(...expected.map(Math.abs));
      expected.forEach((e, j) => {
        const diff = Math.abs((actual[j] as number) - e);
        result.maxAbs = Math.max(result.maxAbs, diff);
        result.maxRel = Math.max(result.maxRel, diff / scale);
      });
    });
    if (scheduler instanceof ReduceLROnPlateau) scheduler.step(lossValue);
    else (scheduler as { step(): void }).step();
  }
  view.detach();
  opt.dispose();
  tf.dispose([x, y, ...vars]);
  return result;
}

const report: Record<string, Result> = {};

beforeAll(async () => {
  await useWasm();
});

afterAll(() => {
  const rows = Object.entries(report).map(([name, r]) => ({
    case: name,
    'max |dw|': r.maxAbs.toExponential(2),
    'max rel dw': r.maxRel.toExponential(2),
    'lr rel': r.lrRel.toExponential(1),
    'mom rel': r.momRel.toExponential(1),
  }));
  console.log(`tfjs (${tf.getBackend()}) vs PyTorch ${fixture.torch}, ${fixture.steps} steps`);
  console.table(rows);
});

describe(`tfjs optimizers driven by lrkit reproduce PyTorch ${fixture.torch} trajectories`, () => {
  it('fixture has every case the issue lists', () => {
    expect(Object.keys(fixture.cases)).toEqual(
      expect.arrayContaining(['sgd_steplr', 'momentum_onecycle', 'adam_onecycle_beta1', 'cyclic_momentum', 'nesterov_cosine', 'adam_warm_restarts', 'momentum_plateau']),
    );
  });

  for (const [name, c] of Object.entries(fixture.cases)) {
    it(`${name}: ${c.optimizer.type} + ${c.scheduler.type}`, () => {
      const r = runCase(c);
      report[name] = r;
      // Schedules are float64 on both sides: equal up to libm ulps (and identical plateau decisions).
      expect(r.lrRel).toBeLessThan(1e-12);
      expect(r.momRel).toBeLessThan(1e-12);
      // Weights are float32 on both sides, after 80 steps.
      expect(r.maxRel).toBeLessThan(1e-3);
    });
  }
});
