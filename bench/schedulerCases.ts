/**
 * The scheduler configurations both benchmarks time (1 param group), each set up so the measured steps stay on
 * its ordinary path (no end-of-schedule error). The step benchmark adds the classes without a closed form.
 */
import {
  ConstantLR, CosineAnnealingLR, CosineAnnealingWarmRestarts, CyclicLR, ExponentialLR, LambdaLR, LinearLR, MultiplicativeLR, MultiStepLR,
  OneCycleLR, PolynomialLR, SequentialLR, StepLR, type PlainOptimizer,
} from '../src/index.js';

const HUGE = 1_000_000_000;

/** Every class with a closed form, as `preview(n)` and `lrAt(t)` need (expression lambdas, not functions). */
export const CLOSED_FORM_CASES = {
  LambdaLR: (o: PlainOptimizer) => new LambdaLR(o, { lrLambda: '0.999 ** epoch' }),
  MultiplicativeLR: (o: PlainOptimizer) => new MultiplicativeLR(o, { lrLambda: '0.9999999' }),
  StepLR: (o: PlainOptimizer) => new StepLR(o, { stepSize: 1000, gamma: 0.99 }),
  MultiStepLR: (o: PlainOptimizer) => new MultiStepLR(o, { milestones: [1000, 5000, 20000], gamma: 0.5 }),
  ConstantLR: (o: PlainOptimizer) => new ConstantLR(o, { factor: 0.5, totalIters: 10 }),
  LinearLR: (o: PlainOptimizer) => new LinearLR(o, { startFactor: 0.1, totalIters: HUGE }),
  ExponentialLR: (o: PlainOptimizer) => new ExponentialLR(o, { gamma: 0.9999999 }),
  PolynomialLR: (o: PlainOptimizer) => new PolynomialLR(o, { totalIters: HUGE, power: 2 }),
  CosineAnnealingLR: (o: PlainOptimizer) => new CosineAnnealingLR(o, { tMax: 1000 }),
  CosineAnnealingWarmRestarts: (o: PlainOptimizer) => new CosineAnnealingWarmRestarts(o, { t0: 1000, tMult: 2 }),
  CyclicLR: (o: PlainOptimizer) => new CyclicLR(o, { baseLr: 0.001, maxLr: 0.1, stepSizeUp: 500 }),
  OneCycleLR: (o: PlainOptimizer) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: HUGE }),
  SequentialLR: (o: PlainOptimizer) =>
    new SequentialLR(o, { schedulers: [new LinearLR(o, { startFactor: 0.1, totalIters: 100 }), new CosineAnnealingLR(o, { tMax: 1000 })], milestones: [100] }),
};
