import fc from 'fast-check';

/** fast-check generators of valid trace specs for every PyTorch-layer class (used by property and fuzz tests). */

const gamma = fc.double({ min: 0.05, max: 0.999, noNaN: true });
const factor = fc.double({ min: 0.01, max: 1, noNaN: true });
const small = (min: number, max: number) => fc.integer({ min, max });
const lr = fc.double({ min: 1e-5, max: 1, noNaN: true });
const expressions = ['0.95 ** epoch', '1 / (epoch + 1)', 'min(1.0, (epoch + 1) / 5)', '0.5 * (1 + cos(pi * epoch / 20))', '0.97'];

const chainableLeaf = fc.oneof(
  fc.record({ type: fc.constant('StepLR'), stepSize: small(1, 10), gamma }),
  fc.record({ type: fc.constant('MultiStepLR'), milestones: fc.array(small(1, 40), { maxLength: 4 }).map((m) => m.sort((a, b) => a - b)), gamma }),
  fc.record({ type: fc.constant('ConstantLR'), factor, totalIters: small(0, 10) }),
  fc.record({ type: fc.constant('LinearLR'), startFactor: factor, endFactor: fc.double({ min: 0, max: 1, noNaN: true }), totalIters: small(1, 20) }),
  fc.record({ type: fc.constant('ExponentialLR'), gamma }),
  fc.record({ type: fc.constant('PolynomialLR'), totalIters: small(1, 30), power: fc.double({ min: 0, max: 3, noNaN: true }) }),
  fc.record({ type: fc.constant('CosineAnnealingLR'), tMax: small(1, 30), etaMin: fc.double({ min: 0, max: 1e-3, noNaN: true }) }),
  fc.record({ type: fc.constant('CosineAnnealingWarmRestarts'), t0: small(1, 10), tMult: small(1, 3), etaMin: fc.double({ min: 0, max: 1e-3, noNaN: true }) }),
  fc.record({ type: fc.constant('LambdaLR'), lrLambda: fc.constantFrom(...expressions) }),
  fc.record({ type: fc.constant('MultiplicativeLR'), lrLambda: fc.constantFrom('0.97', '0.99', '1 - 0.001 * epoch') }),
  fc.record({ type: fc.constant('CyclicLR'), baseLr: fc.constant(0.001), maxLr: fc.constant(0.1), stepSizeUp: small(1, 8), mode: fc.constantFrom('triangular', 'triangular2', 'exp_range'), gamma }),
  fc.record({ type: fc.constant('SWALR'), swaLr: fc.double({ min: 0, max: 0.1, noNaN: true }), annealEpochs: small(0, 8), annealStrategy: fc.constantFrom('cos', 'linear') }),
);

const oneCycle = fc.record({
  type: fc.constant('OneCycleLR'),
  maxLr: lr,
  totalSteps: fc.constant(60),
  pctStart: fc.constantFrom(0.25, 0.3, 0.5),
  annealStrategy: fc.constantFrom('cos', 'linear'),
  threePhase: fc.boolean(),
});

const plateau = fc.record({
  type: fc.constant('ReduceLROnPlateau'),
  mode: fc.constantFrom('min', 'max'),
  factor: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
  patience: small(0, 4),
  cooldown: small(0, 3),
  thresholdMode: fc.constantFrom('rel', 'abs'),
});

const sequential = fc
  .array(chainableLeaf, { minLength: 2, maxLength: 3 })
  .chain((children) =>
    fc.uniqueArray(small(1, 40), { minLength: children.length - 1, maxLength: children.length - 1 }).map((m) => ({
      type: 'SequentialLR',
      schedulers: children,
      milestones: m.sort((a, b) => a - b),
    })),
  );
const chained = fc.array(chainableLeaf, { minLength: 1, maxLength: 3 }).map((children) => ({ type: 'ChainedScheduler', schedulers: children }));

export const schedulerSpec = fc.oneof(chainableLeaf, oneCycle, plateau, sequential, chained);

export const optimizerSpec = fc.oneof(
  fc.record({ type: fc.constant('sgd'), lr, momentum: fc.constantFrom(0, 0.9), groups: fc.array(fc.record({ lr }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('adam'), lr, groups: fc.array(fc.record({ lr }), { minLength: 1, maxLength: 3 }) }),
);

/** A complete, valid trace spec of 60 steps (metrics included for plateaus). */
export const traceSpec = fc
  .tuple(optimizerSpec, schedulerSpec, fc.array(fc.constantFrom(1, 0.9, 0.9, 0.8, 0.85, 0.7, 0.7, 0.71), { minLength: 60, maxLength: 60 }))
  .map(([optimizer, scheduler, metrics]) => ({
    optimizer,
    scheduler,
    steps: 60,
    ...(scheduler.type === 'ReduceLROnPlateau' ? { metrics } : {}),
  }));
