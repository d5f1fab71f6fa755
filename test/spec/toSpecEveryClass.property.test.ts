import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { createOptimizer } from '../../src/optim/createOptimizer.js';
import { cosine } from '../../src/schedules/cosine.js';
import type { Schedule } from '../../src/schedules/Schedule.js';
import { scheduleFromSpec } from '../../src/spec/buildSchedule.js';
import { SCHEDULER_TYPES } from '../../src/spec/buildScheduler.js';
import { fromSpec } from '../../src/spec/fromSpec.js';
import { scheduleDefinition, SCHEDULE_ALIASES, SCHEDULE_DEFINITIONS } from '../../src/spec/scheduleDefinitions.js';
import { toSpec } from '../../src/spec/toSpec.js';
import { PlateauSequentialLR } from '../../src/stateful/PlateauSequentialLR.js';
import { ScheduleLR } from '../../src/stateful/ScheduleLR.js';
import { WarmupLR } from '../../src/stateful/WarmupLR.js';
import { ChainedScheduler } from '../../src/torch/ChainedScheduler.js';
import { ConstantLR } from '../../src/torch/ConstantLR.js';
import { CosineAnnealingLR } from '../../src/torch/CosineAnnealingLR.js';
import { CosineAnnealingWarmRestarts } from '../../src/torch/CosineAnnealingWarmRestarts.js';
import { CyclicLR } from '../../src/torch/CyclicLR.js';
import { ExponentialLR } from '../../src/torch/ExponentialLR.js';
import { LambdaLR } from '../../src/torch/LambdaLR.js';
import { LinearLR } from '../../src/torch/LinearLR.js';
import type { Chainable, Scheduler } from '../../src/torch/LRScheduler.js';
import { MultiplicativeLR } from '../../src/torch/MultiplicativeLR.js';
import { MultiStepLR } from '../../src/torch/MultiStepLR.js';
import { OneCycleLR } from '../../src/torch/OneCycleLR.js';
import { PolynomialLR } from '../../src/torch/PolynomialLR.js';
import { ReduceLROnPlateau } from '../../src/torch/ReduceLROnPlateau.js';
import { SequentialLR } from '../../src/torch/SequentialLR.js';
import { StepLR } from '../../src/torch/StepLR.js';
import { SWALR } from '../../src/torch/SWALR.js';
import { setWarningSink } from '../../src/warnings.js';
import { optimizerSpec, scheduleSpec, schedulerSpec } from './arbitraries.js';

setWarningSink(() => {});

type Spec = Record<string, unknown>;
type Leaf = new (optimizer: never, options: never) => Scheduler;
const LEAVES: Record<string, Leaf> = {
  StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR, CosineAnnealingLR, CosineAnnealingWarmRestarts,
  CyclicLR, OneCycleLR, ReduceLROnPlateau, LambdaLR, MultiplicativeLR, SWALR,
} as unknown as Record<string, Leaf>;

/** Builds a scheduler the way code does, with `new` and the schedule functions: no spec builder involved. */
function construct(optimizer: ReturnType<typeof createOptimizer>, spec: Spec): Scheduler {
  const { type, ...o } = spec;
  const schedule = (s: unknown): Schedule => scheduleFromSpec(s);
  if (scheduleDefinition(type) !== undefined) return new ScheduleLR(optimizer, { schedule: schedule(spec) });
  switch (type) {
    case 'ScheduleLR':
      return new ScheduleLR(optimizer, { ...o, schedule: Array.isArray(o.schedule) ? o.schedule.map(schedule) : schedule(o.schedule) });
    case 'SequentialLR':
      return new SequentialLR(optimizer, { ...o, schedulers: (o.schedulers as Spec[]).map((c) => construct(optimizer, c) as Chainable) } as never);
    case 'ChainedScheduler':
      return new ChainedScheduler((o.schedulers as Spec[]).map((c) => construct(optimizer, c) as Chainable));
    case 'PlateauSequentialLR':
      return new PlateauSequentialLR(optimizer, { ...o, schedulers: (o.schedulers as Spec[]).map((c) => construct(optimizer, c)) } as never);
    case 'WarmupLR': {
      const { scheduler, ...rest } = o;
      return new WarmupLR(construct(optimizer, scheduler as Spec), rest as never);
    }
    default:
      return new (LEAVES[type as string] as Leaf)(optimizer as never, o as never);
  }
}

const takesMetric = (s: Scheduler) => s.stepInput === 'metric';

/** Steps both in lockstep; every row (lr and momentum) must be identical, and a failure must be the same failure. */
function sameRun(a: Scheduler, b: Scheduler, metrics: number[]): void {
  const row = (s: Scheduler) => JSON.stringify(s.optimizer.paramGroups.map((g) => [g.lr, g.momentum, g.betas]));
  expect(row(b)).toBe(row(a));
  for (let i = 0; i < metrics.length; i++) {
    const step = (s: Scheduler) => () => (takesMetric(s) ? (s as ReduceLROnPlateau).step(metrics[i] as number) : (s as Chainable).step());
    let failure: unknown;
    try {
      step(a)();
    } catch (error) {
      failure = error;
    }
    if (failure !== undefined) {
      expect(step(b)).toThrow((failure as Error).message);
      return;
    }
    step(b)();
    expect(row(b)).toBe(row(a));
  }
}

/** Every `type` inside a spec. */
function typesIn(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => typesIn(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'type' && typeof v === 'string') out.add(scheduleDefinition(v)?.type ?? v);
      else typesIn(v, out);
    }
  }
  return out;
}

const SCALE = Number(process.env.LRKIT_FC_SCALE ?? 1);
const metricsArb = fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 25, maxLength: 25 });

describe('every scheduler and schedule gives its spec, however it was built (fast-check)', () => {
  it('the generators cover every scheduler class, schedule, combinator and recipe', () => {
    const seen = new Set<string>();
    fc.sample(schedulerSpec, 4000).forEach((s) => typesIn(s, seen));
    fc.sample(scheduleSpec, 4000).forEach((s) => typesIn(s, seen));
    for (const type of [...SCHEDULER_TYPES, ...Object.keys(SCHEDULE_DEFINITIONS)]) expect(seen, type).toContain(type);
  });

  it(`fromSpec(toSpec(x)) for schedulers built with new: same spec, same lr and momentum every step (${300 * SCALE} runs)`, () => {
    fc.assert(
      fc.property(optimizerSpec, schedulerSpec, metricsArb, (opt, spec, metrics) => {
        const x = construct(createOptimizer(opt as never), spec);
        const canonical = toSpec(x);
        expect(JSON.parse(JSON.stringify(canonical))).toEqual(canonical);
        const y = fromSpec(canonical, createOptimizer(opt as never));
        expect(y.constructor).toBe(x.constructor);
        expect(toSpec(y)).toEqual(canonical);
        sameRun(x, y, metrics);
      }),
      { numRuns: 300 * SCALE },
    );
  });

  it(`toSpec(fromSpec(s)) is canonical and a fixed point, with JavaScript type names, for schedules, combinators and recipes (${300 * SCALE} runs)`, () => {
    fc.assert(
      fc.property(scheduleSpec, (s) => {
        const built = fromSpec(s as never) as Schedule;
        const canonical = toSpec(built);
        expect(canonical.type).toBe(scheduleDefinition(s.type)?.type);
        const again = fromSpec(JSON.parse(JSON.stringify(canonical)) as never) as Schedule;
        expect(toSpec(again)).toEqual(canonical);
        for (const t of [0, 1, 2, 5, 13, 40, 99, 7.5]) expect(Object.is(again(t), built(t))).toBe(true);
      }),
      { numRuns: 300 * SCALE },
    );
  });

  it('upstream names are aliases: accepted, normalized to the JavaScript name', () => {
    expect(Object.keys(SCHEDULE_ALIASES).length).toBeGreaterThanOrEqual(15);
    for (const [alias, name] of Object.entries(SCHEDULE_ALIASES)) {
      const definition = SCHEDULE_DEFINITIONS[name]!;
      expect(toSpec(scheduleFromSpec({ type: alias, ...definition.example })).type).toBe(name);
      expect(name).not.toMatch(/_|\.[A-Z]/);
    }
    expect(SCHEDULE_ALIASES['hf.cosine_with_restarts']).toBe('hf.cosineWithRestarts');
    expect(SCHEDULE_ALIASES['keras.CosineDecay']).toBe('keras.cosineDecay');
  });
});

describe('what has no JSON form, and fromSpec of a bare spec', () => {
  const optimizer = () => createOptimizer({ lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01 }] });

  it('an expression-string lambda round-trips; a JavaScript-function lambda is a typed error naming the option', () => {
    const s = new LambdaLR(optimizer(), { lrLambda: ['0.95 ** epoch', '1 / (epoch + 1)'] });
    expect(toSpec(s)).toEqual({ type: 'LambdaLR', lrLambda: ['0.95 ** epoch', '1 / (epoch + 1)'] });
    sameRun(s, fromSpec(toSpec(s), optimizer()), [0, 0, 0, 0, 0]);
    const fnError = (() => {
      try {
        toSpec(new LambdaLR(optimizer(), { lrLambda: ['0.95 ** epoch', (e) => 0.9 ** e] }));
      } catch (e) {
        return e as OptionError;
      }
      throw new Error('no error');
    })();
    expect(fnError).toBeInstanceOf(OptionError);
    expect(fnError.path).toEqual(['LambdaLR', 'lrLambda', 1]);
    expect(fnError.message).toMatch(/^LambdaLR\.lrLambda\[1\]: expected an expression string \(a JavaScript function has no JSON form/);
    expect(() => toSpec(new MultiplicativeLR(optimizer(), { lrLambda: () => 0.9 }))).toThrow(/^MultiplicativeLR\.lrLambda: expected an expression string/);
    expect(() => toSpec(new CyclicLR(optimizer(), { baseLr: 0.01, maxLr: 0.1, scaleFn: (x) => 1 / x }))).toThrow(/^CyclicLR\.scaleFn: expected an expression string/);
    expect(() => toSpec(new ScheduleLR(optimizer(), { schedule: [cosine({ from: 0.1, steps: 9 }), (t: number) => 0.1 / (t + 1)] }))).toThrow(/^ScheduleLR\.schedule\[1\]: expected a schedule built by lrkit/);
    expect(() => toSpec(new WarmupLR(new LambdaLR(optimizer(), { lrLambda: () => 1 }), { steps: 2 }))).toThrow(OptionError);
  });

  it('a function lambda inside composites built in code is reported at its place in the tree', () => {
    const errorOf = (build: () => unknown) => {
      try {
        build();
      } catch (e) {
        return e as OptionError;
      }
      throw new Error('no error');
    };
    const o = optimizer();
    const sequential = () => new SequentialLR(o, { schedulers: [new LinearLR(o, { totalIters: 2 }), new LambdaLR(o, { lrLambda: ['0.9 ** epoch', (e) => 0.9 ** e] })], milestones: [2] });
    const inSequence = errorOf(() => toSpec(sequential()));
    expect(inSequence).toBeInstanceOf(OptionError);
    expect(inSequence.path).toEqual(['SequentialLR', 'schedulers', 1, 'lrLambda', 1]);
    const nested = errorOf(() => toSpec(new WarmupLR(new ChainedScheduler([new ConstantLR(o, { factor: 0.5, totalIters: 2 }), sequential()]), { steps: 2 })));
    expect(nested.path).toEqual(['WarmupLR', 'scheduler', 'schedulers', 1, 'schedulers', 1, 'lrLambda', 1]);
    expect(nested.message).toMatch(/^WarmupLR\.scheduler\.schedulers\[1\]\.schedulers\[1\]\.lrLambda\[1\]: expected an expression string/);
  });

  it('a scheduler built directly (OneCycleLR with epochs and stepsPerEpoch) gives the options it was built with', () => {
    const s = new OneCycleLR(optimizer(), { maxLr: [0.1, 0.05], epochs: 3, stepsPerEpoch: 10, threePhase: true });
    expect(toSpec(s)).toEqual({
      type: 'OneCycleLR', maxLr: [0.1, 0.05], epochs: 3, stepsPerEpoch: 10, pctStart: 0.3, annealStrategy: 'cos', cycleMomentum: true,
      baseMomentum: 0.85, maxMomentum: 0.95, divFactor: 25, finalDivFactor: 1e4, threePhase: true,
    });
  });

  it('fromSpec(toSpec(schedule)) is the schedule; fromSpec(toSpec(scheduler)) asks for the optimizer, with it builds the same scheduler', () => {
    const schedule = cosine({ from: 0.1, steps: 10 });
    expect((fromSpec(toSpec(schedule)) as Schedule)(3)).toBe(schedule(3));
    const s = new StepLR(optimizer(), { stepSize: 3 });
    let error: unknown;
    try {
      fromSpec(toSpec(s) as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).path).toEqual(['optimizer']);
    expect((error as Error).message).toMatch(/^optimizer: expected an optimizer to attach the StepLR to: fromSpec\(spec, optimizer\)/);
    expect(toSpec(fromSpec(toSpec(s), optimizer()))).toEqual({ type: 'StepLR', stepSize: 3, gamma: 0.1 });
  });
});
