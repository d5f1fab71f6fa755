import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPath, LrkitError, NestingError, OptionError } from '../../src/errors.js';
import { createOptimizer } from '../../src/optim/createOptimizer.js';
import { scale } from '../../src/combinators/scale.js';
import { constant } from '../../src/schedules/constant.js';
import { MAX_NESTING, scheduleFromSpec } from '../../src/spec/buildSchedule.js';
import { buildScheduler } from '../../src/spec/buildScheduler.js';
import { fromSpec } from '../../src/spec/fromSpec.js';
import { toSpec } from '../../src/spec/toSpec.js';
import { runTrace } from '../../src/spec/trace.js';
import { PlateauSequentialLR } from '../../src/stateful/PlateauSequentialLR.js';
import { WarmupLR } from '../../src/stateful/WarmupLR.js';
import { ChainedScheduler } from '../../src/torch/ChainedScheduler.js';
import { ExponentialLR } from '../../src/torch/ExponentialLR.js';
import type { Chainable } from '../../src/torch/LRScheduler.js';
import { SequentialLR } from '../../src/torch/SequentialLR.js';
import { StepLR } from '../../src/torch/StepLR.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** `depth` nested `wrap`s around `leaf`. */
function chain(depth: number, leaf: Record<string, unknown>, wrap: (inner: Record<string, unknown>) => Record<string, unknown>): Record<string, unknown> {
  let node = leaf;
  for (let i = 0; i < depth; i++) node = wrap(node);
  return node;
}

const cosineLeaf = { type: 'cosine', from: 0.1, steps: 10 };
const scaleOf = (inner: Record<string, unknown>) => ({ type: 'scale', schedule: inner, factor: 1 });

describe('OptionError.path: segments passed down the builders', () => {
  it('is an array of keys and indices; the message keeps its text form', () => {
    const error = thrown(() =>
      fromSpec({
        optimizer: { type: 'sgd', lr: 0.1 },
        scheduler: { type: 'SequentialLR', schedulers: [{ type: 'LinearLR' }, { type: 'ExponentialLR', gamma: '0.9x' }], milestones: [5] },
        steps: 10,
      }),
    ) as OptionError;
    expect(error).toBeInstanceOf(OptionError);
    expect(error.path).toEqual(['scheduler', 'schedulers', 1, 'gamma']);
    expect(error.option).toBe('scheduler.schedulers[1].gamma');
    expect(error.message).toBe('scheduler.schedulers[1].gamma: expected a number in (0, inf), got "0.9x"');
  });

  it('locates errors in nested schedules, recipes inside recipes, the optimizer and direct constructor calls', () => {
    const inSchedule = thrown(() => runTrace({ optimizer: { lr: 0.1 }, scheduler: { type: 'ScheduleLR', schedule: [{ type: 'warmup', steps: 2, schedule: { type: 'join', schedules: [cosineLeaf, { type: 'cosine', from: 0.1, steps: -3 }], boundaries: [5] } }] }, steps: 1 })) as OptionError;
    expect(inSchedule.path).toEqual(['scheduler', 'schedule', 0, 'schedule', 'schedules', 1, 'steps']);
    const inSgdr = thrown(() => scheduleFromSpec({ type: 'optax.sgdr', cosineKwargs: [{ initValue: 0, peakValue: 1, warmupSteps: 1, decaySteps: 5 }, { initValue: 0, peakValue: 1, warmupSteps: 5, decaySteps: 5 }] })) as OptionError;
    expect(inSgdr.path).toEqual(['schedule', 'cosineKwargs', 1, 'decaySteps']);
    const inOptimizer = thrown(() => runTrace({ optimizer: { lr: 0.1, groups: [{}, { lr: -1 }] }, scheduler: { type: 'StepLR', stepSize: 1 }, steps: 1 })) as OptionError;
    expect(inOptimizer.path).toEqual(['optimizer', 'groups', 1, 'lr']);
    const direct = thrown(() => new StepLR(createOptimizer({ lr: 0.1 }), { stepSize: 0 })) as OptionError;
    expect(direct.path).toEqual(['StepLR', 'stepSize']);
    expect(direct.message).toBe('StepLR.stepSize: expected a positive integer, got 0');
    const perGroup = thrown(() => buildScheduler(createOptimizer({ lr: 0.1, groups: [{}, {}] }), { type: 'OneCycleLR', maxLr: [0.1, 'x'], totalSteps: 10 }, ['runs', 2, 'scheduler'])) as OptionError;
    expect(perGroup.path).toEqual(['runs', 2, 'scheduler', 'maxLr', 1]);
    expect(formatPath(perGroup.path)).toBe('runs[2].scheduler.maxLr[1]');
  });
});

describe('nesting depth, counted by a parameter across schedulers, schedules and combinators', () => {
  it('a ScheduleLR over a 3,000-deep chain of scale is a NestingError naming the first path past the limit', () => {
    const error = thrown(() => runTrace({ optimizer: { lr: 0.1 }, scheduler: { type: 'ScheduleLR', schedule: chain(3000, cosineLeaf, scaleOf) }, steps: 1 }));
    expect(error).toBeInstanceOf(NestingError);
    expect(error).toBeInstanceOf(LrkitError);
    const path = (error as NestingError).path;
    expect(path).toEqual(['scheduler', 'schedule', ...Array<string>(MAX_NESTING).fill('schedule')]);
    expect((error as Error).message).toMatch(/^scheduler(\.schedule){17}: expected at most 16 levels of nested schedulers and schedules/);
  });

  it('counts every kind of nesting the same way, and accepts exactly the limit', () => {
    const kinds: Array<[string, (inner: Record<string, unknown>) => Record<string, unknown>, Record<string, unknown>]> = [
      ['scale', scaleOf, cosineLeaf],
      ['warmup', (s) => ({ type: 'warmup', schedule: s, steps: 1 }), cosineLeaf],
      ['join', (s) => ({ type: 'join', schedules: [s], boundaries: [] }), cosineLeaf],
      ['clamp', (s) => ({ type: 'clamp', schedule: s, min: 0 }), cosineLeaf],
      ['WarmupLR', (s) => ({ type: 'WarmupLR', scheduler: s, steps: 1 }), { type: 'StepLR', stepSize: 1 }],
      ['SequentialLR', (s) => ({ type: 'SequentialLR', schedulers: [{ type: 'StepLR', stepSize: 1 }, s], milestones: [1] }), { type: 'StepLR', stepSize: 1 }],
      ['ChainedScheduler', (s) => ({ type: 'ChainedScheduler', schedulers: [s] }), { type: 'ExponentialLR', gamma: 0.9 }],
    ];
    for (const [name, wrap, leaf] of kinds) {
      const ok = chain(MAX_NESTING, leaf, wrap);
      expect(() => buildScheduler(createOptimizer({ lr: 0.1 }), ok), name).not.toThrow();
      const deep = chain(MAX_NESTING + 1, leaf, wrap);
      expect(thrown(() => buildScheduler(createOptimizer({ lr: 0.1 }), deep)), name).toBeInstanceOf(NestingError);
      expect(thrown(() => buildScheduler(createOptimizer({ lr: 0.1 }), chain(5000, leaf, wrap))), name).toBeInstanceOf(NestingError);
    }
  });

  it('a chain of schedules built in code obeys the same limit, so toSpec and JSON never recurse past it', () => {
    let s = constant({ value: 1 });
    for (let i = 0; i < MAX_NESTING; i++) s = scale(s, 1);
    expect(s.nesting).toBe(MAX_NESTING + 1);
    const spec = toSpec(s);
    expect(toSpec(scheduleFromSpec(spec))).toEqual(spec);
    const error = thrown(() => scale(s, 1));
    expect(error).toBeInstanceOf(NestingError);
    expect((error as NestingError).path).toEqual(['scale']);
  });

  it('composite schedulers built in code obey the same limit as their specs', () => {
    const o = createOptimizer({ lr: 0.1 });
    const kinds: Array<[string, (inner: Chainable) => Chainable]> = [
      ['WarmupLR', (s) => new WarmupLR(s, { steps: 1 }) as unknown as Chainable],
      ['SequentialLR', (s) => new SequentialLR(o, { schedulers: [new StepLR(o, { stepSize: 1 }), s], milestones: [1] })],
      ['ChainedScheduler', (s) => new ChainedScheduler([s])],
    ];
    for (const [name, wrap] of kinds) {
      let s: Chainable = new ExponentialLR(o, { gamma: 0.9 });
      for (let i = 0; i < MAX_NESTING; i++) s = wrap(s);
      const spec = toSpec(s);
      expect(() => buildScheduler(createOptimizer({ lr: 0.1 }), spec), name).not.toThrow(); // the same depth as a spec is accepted
      const error = thrown(() => wrap(s));
      expect(error, name).toBeInstanceOf(NestingError);
      expect((error as NestingError).path, name).toEqual([name]);
      expect(thrown(() => buildScheduler(createOptimizer({ lr: 0.1 }), { type: 'WarmupLR', scheduler: spec, steps: 1 })), name).toBeInstanceOf(NestingError);
    }
    // PlateauSequentialLR (which cannot hold itself) counts its phases the same way.
    const sequences = (n: number) => {
      let s: Chainable = new ExponentialLR(o, { gamma: 0.9 });
      for (let i = 0; i < n; i++) s = new ChainedScheduler([s]);
      return s;
    };
    expect(() => new PlateauSequentialLR(o, { schedulers: [new StepLR(o, { stepSize: 1 }), sequences(MAX_NESTING - 1)], milestones: [1] })).not.toThrow();
    const plateau = thrown(() => new PlateauSequentialLR(o, { schedulers: [new StepLR(o, { stepSize: 1 }), sequences(MAX_NESTING)], milestones: [1] }));
    expect(plateau).toBeInstanceOf(NestingError);
    expect((plateau as NestingError).path).toEqual(['PlateauSequentialLR']);
  });

  it('a value nested 100,000 arrays deep is a typed error', () => {
    let deep: unknown = 0.5;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const error = thrown(() => runTrace({ optimizer: { lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 1, gamma: deep }, steps: 1 }));
    expect(error).toBeInstanceOf(OptionError);
    expect((error as Error).message).toMatch(/^scheduler\.gamma: expected a number in \(0, inf\), got \[\[\[a nested array\]\]\]$/);
  });
});

describe('lrkit trace with hostile nesting (needs `npm run build`)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-nesting-'));
  it('exits 1 with a one-line message, never an internal error', () => {
    const path = join(dir, 'deep.json');
    writeFileSync(path, JSON.stringify({ optimizer: { lr: 0.1 }, scheduler: { type: 'ScheduleLR', schedule: chain(3000, cosineLeaf, scaleOf) }, steps: 10 }));
    const r = spawnSync(process.execPath, ['packages/cli/dist/main.js', 'trace', path], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/internal error|RangeError/);
    expect(r.stderr).toMatch(/^lrkit: scheduler(\.schedule){17}: expected at most 16 levels of nested schedulers and schedules, got "\(nested further\)"\n$/);
    expect(r.status).toBe(1);
  });
});
