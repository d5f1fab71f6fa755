import * as tf from '@tensorflow/tfjs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDigitsAsset } from '../../scripts/mnistAsset.js';
import { PlainOptimizer } from '../../src/optim/createOptimizer.js';
import { buildScheduler } from '../../src/spec/buildScheduler.js';
import { decodeDigits, type DigitSet } from '../../web/src/train/digits.js';
import { defaultTrainSettings, trainConfig, type RunSpec, type TrainSettings } from '../../web/src/train/plan.js';
import { TrainingSession, type RunProgress } from '../../web/src/train/trainer.js';

let data: DigitSet;
beforeAll(async () => {
  await tf.setBackend('cpu');
  data = decodeDigits(new Uint8Array(gunzipSync(buildDigitsAsset({ train: 1000, validation: 200, seed: 0 }))));
});

const small = (patch: Partial<TrainSettings> = {}) => trainConfig({ ...defaultTrainSettings(), hidden: '16', trainDigits: '128', batchSize: '32', epochs: '2', ...patch });

async function trainAll(config: ReturnType<typeof small>, runs: RunSpec[], slices: number[] = [Infinity]): Promise<{ progress: RunProgress; session: TrainingSession }> {
  const session = new TrainingSession(data, config, runs);
  const progress: RunProgress = { steps: runs.map(() => []), evals: runs.map(() => []) };
  for (const n of slices) {
    const p = await session.advance(n);
    p.steps.forEach((s, i) => progress.steps[i]!.push(...s));
    p.evals.forEach((s, i) => progress.evals[i]!.push(...s));
  }
  return { progress, session };
}

const constant: RunSpec = { name: 'constant', scheduler: { type: 'ConstantLR', factor: 1, totalIters: 1 } };
const oneCycle: RunSpec = { name: 'one cycle', scheduler: { type: 'OneCycleLR', maxLr: 0.2, totalSteps: 8 } };

describe('TrainingSession', () => {
  it('starts every schedule from the same weights and feeds the same batches', async () => {
    const { progress, session } = await trainAll(small(), [constant, { ...constant, name: 'again' }]);
    expect(progress.steps[0]).toHaveLength(8);
    expect(progress.steps[1]).toEqual(progress.steps[0]);
    expect(progress.evals[1]).toEqual(progress.evals[0]);
    session.dispose();
  });

  it('is reproducible: same settings and seed give the same records, in one go or in slices (stop and resume)', async () => {
    const a = await trainAll(small(), [oneCycle, constant]);
    const b = await trainAll(small(), [oneCycle, constant], [3, 2, 100]);
    expect(b.progress).toEqual(a.progress);
    expect(b.session.summaries()).toEqual(a.session.summaries());
    const other = await trainAll(small({ seed: '2' }), [oneCycle, constant]);
    expect(other.progress.steps[0]!.map((p) => p.loss)).not.toEqual(a.progress.steps[0]!.map((p) => p.loss));
    for (const s of [a, b, other]) s.session.dispose();
  });

  it('records the lr and momentum each update used, exactly as the scheduler sets them', async () => {
    const { progress, session } = await trainAll(small(), [oneCycle]);
    const plain = new PlainOptimizer({ type: 'sgd', lr: 0.05, momentum: 0.9 });
    const scheduler = buildScheduler(plain, oneCycle.scheduler) as { step(): void };
    const expected: Array<[number, number]> = [];
    for (let i = 0; i < 8; i++) {
      expected.push([plain.paramGroups[0]!.lr, plain.paramGroups[0]!.momentum as number]);
      plain.step();
      scheduler.step();
    }
    expect(progress.steps[0]!.map((p) => [p.lr, p.momentum])).toEqual(expected);
    expect(progress.steps[0]!.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(session.summaries()[0]).toMatchObject({ name: 'one cycle', steps: 8, error: null, finalLr: expected[7]![0] });
    session.dispose();
  });

  it("reads Adam's beta1 as the momentum and plain SGD as none", async () => {
    const adam = await trainAll(small({ optimizer: 'adam', lr: '0.001' }), [{ name: 'c', scheduler: { type: 'OneCycleLR', maxLr: 0.01, totalSteps: 8 } }]);
    expect(adam.progress.steps[0]![0]!.momentum).toBe(0.95);
    const sgd = await trainAll(small({ optimizer: 'sgd' }), [constant]);
    expect(sgd.progress.steps[0]!.every((p) => p.momentum === null)).toBe(true);
    adam.session.dispose();
    sgd.session.dispose();
  });

  it('steps ReduceLROnPlateau with the validation loss after each validation pass only', async () => {
    const { progress, session } = await trainAll(small({ trainDigits: '256' }), [{ name: 'plateau', scheduler: { type: 'ReduceLROnPlateau', patience: 0, factor: 0.5, threshold: 10 } }]);
    const lrs = progress.steps[0]!.map((p) => p.lr);
    expect(progress.evals[0]!.map((e) => e.step)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    // A relative threshold of 10 makes no pass an improvement (as in PyTorch), so every pass halves the lr.
    expect(lrs).toEqual([0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625, 0.00625, 0.003125, 0.003125, 0.0015625, 0.0015625, 0.00078125, 0.00078125, 0.000390625, 0.000390625]);
    session.dispose();
  });

  it('steps a WarmupLR over ReduceLROnPlateau (stepInput metric) at the validation passes too', async () => {
    const warm: RunSpec = { name: 'warm', scheduler: { type: 'WarmupLR', scheduler: { type: 'ReduceLROnPlateau', patience: 0, factor: 0.5, threshold: 10 }, steps: 2, startFactor: 0.5 } };
    const { progress, session } = await trainAll(small({ trainDigits: '256' }), [warm]);
    const lrs = progress.steps[0]!.map((p) => p.lr);
    expect(session.summaries()[0]!.error).toBeNull();
    for (let i = 0; i < lrs.length; i += 2) expect(lrs[i + 1]).toBe(lrs[i]); // changes only after a pass (every 2 updates)
    expect(new Set(lrs).size).toBeGreaterThan(2);
    session.dispose();
  });

  it('ends a run whose schedule cannot go on, with the library message, and trains the others', async () => {
    const { progress, session } = await trainAll(small(), [{ name: 'short', scheduler: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 3 } }, constant]);
    const [short, full] = session.summaries();
    expect(short!.error).toMatch(/OneCycleLR/);
    expect(short!.steps).toBeLessThan(8);
    expect(full).toMatchObject({ steps: 8, error: null });
    expect(progress.steps[1]).toHaveLength(8);
    session.dispose();
  });

  it('learns the digits and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const { session } = await trainAll(small({ hidden: '32', trainDigits: '1000', epochs: '1' }), [constant]);
    expect(session.summaries()[0]!.finalAccuracy).toBeGreaterThan(0.6);
    session.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 2);
  });
});
