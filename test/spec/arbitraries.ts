import fc from 'fast-check';
import { RECIPES } from '../../src/recipes/registry.js';
import { scheduleFromSpec } from '../../src/spec/buildSchedule.js';
import { scheduleDefinition } from '../../src/spec/scheduleDefinitions.js';
import { kerasSpec, loadRecipeFixture, optaxSpec } from '../conformance/recipeFixtures.js';

/** fast-check arbitraries of valid specs. Numbers avoid -0 (JSON has no negative zero). */

const real = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0));
const positive = (max: number) => real(1e-6, max);
const lr = () => real(1e-6, 1);
const intIn = (min: number, max: number) => fc.integer({ min, max });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops undefined keys so the spec is plain JSON. */
function clean(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
const spec = (type: string, fields: Record<string, fc.Arbitrary<unknown>>) => fc.record(fields).map((o) => clean({ type, ...o }));

const increasing = (minLen: number, maxLen: number, maxStep = 40) =>
  fc.array(intIn(1, maxStep), { minLength: minLen, maxLength: maxLen }).map((gaps) => gaps.reduce<number[]>((acc, g) => [...acc, (acc[acc.length - 1] ?? 0) + g], []));

/** Primitives that have `from` and `steps` (usable as a cycles template). */
export const templateSpec = fc.oneof(
  spec('cosine', { from: lr(), steps: positive(100), to: opt(real(0, 1e-3)) }),
  spec('polynomial', { from: lr(), steps: positive(100), to: opt(real(0, 1e-3)), power: opt(real(0, 3)) }),
  spec('linear', { from: lr(), to: real(0, 1), steps: positive(100) }),
  spec('tanh', { from: lr(), steps: positive(100), to: opt(real(0, 1e-3)) }),
  spec('sqrtDecay', { from: lr(), steps: positive(100), to: opt(real(0, 1e-3)) }),
);

export const primitiveSpec = fc.oneof(
  templateSpec,
  spec('constant', { value: real(-5, 5) }),
  spec('exponential', { from: lr(), rate: positive(2), steps: opt(positive(50)), staircase: opt(fc.boolean()), to: opt(real(0, 1e-2)) }),
  spec('step', { from: lr(), stepSize: positive(50), gamma: opt(positive(1)) }),
  spec('multiStep', { from: lr(), milestones: increasing(0, 4), gamma: opt(positive(1)) }),
  increasing(0, 4).chain((b) => spec('piecewiseConstant', { boundaries: fc.constant(b), values: fc.array(real(0, 1), { minLength: b.length + 1, maxLength: b.length + 1 }) })),
  spec('cosine', { from: lr(), steps: positive(100), alpha: opt(real(0, 1)), cycles: opt(positive(3)), exponent: opt(real(0, 3)), periodic: opt(fc.boolean()) }),
  spec('cosineRestarts', { from: lr(), t0: positive(50), tMult: opt(real(1, 3)), mMul: opt(real(0, 1)), alpha: opt(real(0, 1)) }),
  spec('cyclic', { baseLr: lr(), maxLr: lr(), stepSizeUp: positive(50), stepSizeDown: opt(real(0, 50)), mode: opt(fc.constantFrom('triangular', 'triangular2', 'exp_range')), gamma: opt(positive(1)) }),
  spec('oneCycle', { maxLr: lr(), totalSteps: intIn(10, 300), pctStart: opt(fc.constantFrom(0.25, 0.3, 0.45)), annealStrategy: opt(fc.constantFrom('cos', 'linear')), threePhase: opt(fc.boolean()) }),
  spec('inverseSqrt', { from: lr(), timescale: positive(1000) }),
  spec('inverseTime', { from: lr(), rate: real(0, 2), steps: opt(positive(10)), staircase: opt(fc.boolean()) }),
);

// Recipe options from the real-library fixtures (test/fixtures/recipes): realistic inputs that lrkit accepts.
const recipeCases = (['transformers', 'timm', 'keras', 'optax'] as const)
  .flatMap((library) => loadRecipeFixture(library).cases.map((c) => (library === 'keras' ? kerasSpec(c) : library === 'optax' ? optaxSpec(c.upstream) : { type: c.type, ...c.options })))
  .filter((spec): spec is Record<string, unknown> & { type: string } => typeof spec.type === 'string' && (scheduleDefinition(spec.type)?.type ?? '') in RECIPES)
  .filter((spec) => {
    try {
      scheduleFromSpec(spec);
      return true;
    } catch {
      return false;
    }
  })
  .map(({ type, ...options }) => ({ type, options }))
  // Every recipe's documented example too (goyal is a paper, not a library with fixtures).
  .concat(Object.values(RECIPES).map((d) => ({ type: d.type, options: d.example as Record<string, unknown> })));
export const recipeSpec = fc.constantFrom(...recipeCases.map((c) => ({ type: c.type, ...c.options })));

export const scheduleSpec: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ s: Record<string, unknown> }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitiveSpec,
    recipeSpec,
    spec('warmup', { schedule: tie('s'), steps: real(0, 20), from: opt(real(0, 1e-3)), mode: opt(fc.constantFrom('linear', 'constant')), prefix: opt(fc.boolean()) }),
    fc.array(tie('s'), { minLength: 1, maxLength: 3 }).chain((pieces) =>
      increasing(pieces.length - 1, pieces.length - 1).map((boundaries) => ({ type: 'join', schedules: pieces, boundaries })),
    ),
    spec('scale', { schedule: tie('s'), factor: real(-2, 2) }),
    spec('clamp', { schedule: tie('s'), min: fc.constant(0), max: opt(real(1, 2)) }),
    spec('seededNoise', { schedule: tie('s'), pct: opt(positive(0.9)), seed: opt(intIn(0, 1000)), distribution: opt(fc.constantFrom('normal', 'uniform')), start: opt(real(0, 10)) }),
    spec('perEpoch', { schedule: tie('s'), stepsPerEpoch: positive(10) }),
    spec('cycles', { schedule: templateSpec, mul: opt(real(1, 2.5)), decay: opt(real(0, 1)), limit: opt(intIn(1, 4)), kDecay: opt(positive(3)) }),
  ),
})).s;

const torchLeaf = fc.oneof(
  spec('StepLR', { stepSize: intIn(1, 10), gamma: opt(positive(1)) }),
  spec('MultiStepLR', { milestones: increasing(0, 3, 8), gamma: opt(positive(1)) }),
  spec('ConstantLR', { factor: opt(real(0.01, 1)), totalIters: opt(intIn(0, 8)) }),
  spec('LinearLR', { startFactor: opt(real(0.01, 1)), endFactor: opt(real(0, 1)), totalIters: opt(intIn(1, 8)) }),
  spec('ExponentialLR', { gamma: real(0.5, 1) }),
  spec('PolynomialLR', { totalIters: opt(intIn(1, 10)), power: opt(real(0, 3)) }),
  spec('CosineAnnealingLR', { tMax: intIn(1, 10), etaMin: opt(real(0, 1e-3)) }),
  spec('CosineAnnealingWarmRestarts', { t0: intIn(1, 6), tMult: opt(intIn(1, 3)), etaMin: opt(real(0, 1e-3)) }),
  spec('LambdaLR', { lrLambda: fc.constantFrom('0.95 ** epoch', '1 / (epoch + 1)', 'min(1, (epoch + 1) / 5)') }),
  spec('MultiplicativeLR', { lrLambda: fc.constantFrom('0.95', '1 / (epoch + 1) ** 0.1', 'max(0.5, 1 - epoch / 100)') }),
  spec('ScheduleLR', { schedule: scheduleSpec, relative: opt(fc.boolean()) }),
  scheduleSpec,
);

/** Scheduler specs: PyTorch classes, composites, lrkit's bridges, and bare schedules. */
export const schedulerSpec: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  torchLeaf,
  spec('CyclicLR', { baseLr: lr(), maxLr: lr(), stepSizeUp: intIn(1, 10), mode: opt(fc.constantFrom('triangular', 'triangular2', 'exp_range')), gamma: opt(real(0.5, 1)) }),
  spec('CyclicLR', { baseLr: lr(), maxLr: lr(), stepSizeUp: intIn(1, 10), stepSizeDown: opt(intIn(0, 10)), scaleFn: fc.constantFrom('1 / (x + 1)', '0.9 ** x'), scaleMode: opt(fc.constantFrom('cycle', 'iterations')), cycleMomentum: opt(fc.boolean()) }),
  spec('OneCycleLR', { maxLr: lr(), totalSteps: intIn(40, 60), pctStart: opt(fc.constantFrom(0.25, 0.3)), threePhase: opt(fc.boolean()) }),
  spec('OneCycleLR', { maxLr: lr(), epochs: intIn(4, 6), stepsPerEpoch: intIn(10, 12), annealStrategy: opt(fc.constantFrom('cos', 'linear')), divFactor: opt(real(2, 30)), finalDivFactor: opt(real(10, 1e4)), cycleMomentum: opt(fc.boolean()) }),
  spec('ReduceLROnPlateau', { mode: opt(fc.constantFrom('min', 'max')), factor: opt(real(0, 0.9)), patience: opt(intIn(0, 3)), cooldown: opt(intIn(0, 2)), minLr: opt(real(0, 1e-4)) }),
  spec('SWALR', { swaLr: lr(), annealEpochs: opt(intIn(0, 5)), annealStrategy: opt(fc.constantFrom('cos', 'linear')) }),
  fc.tuple(torchLeaf, torchLeaf, intIn(1, 10)).map(([a, b, m]) => ({ type: 'SequentialLR', schedulers: [a, b], milestones: [m] })),
  fc.tuple(torchLeaf, torchLeaf).map(([a, b]) => ({ type: 'ChainedScheduler', schedulers: [a, b] })),
  spec('WarmupLR', { scheduler: torchLeaf, steps: intIn(1, 6), startFactor: opt(real(0.01, 1)), mode: opt(fc.constantFrom('linear', 'exponential', 'constant')) }),
  fc.tuple(torchLeaf, intIn(1, 10), intIn(0, 2)).map(([a, m, patience]) => ({ type: 'PlateauSequentialLR', schedulers: [a, { type: 'ReduceLROnPlateau', patience }], milestones: [m] })),
);

export const optimizerSpec = fc.oneof(
  fc.record({ type: fc.constant('sgd'), lr: lr(), momentum: fc.constant(0.9), groups: fc.constantFrom([{}], [{}, { lr: 0.01 }]) }),
  fc.record({ type: fc.constant('adam'), lr: lr(), groups: fc.constantFrom([{}], [{}, { lr: 0.01 }]) }),
);
