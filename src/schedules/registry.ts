import { constantDefinition } from './constant.js';
import { cosineDefinition } from './cosine.js';
import { cosineRestartsDefinition } from './cosineRestarts.js';
import { cyclicDefinition } from './cyclic.js';
import type { ScheduleDefinition } from './define.js';
import { exponentialDefinition } from './exponential.js';
import { inverseSqrtDefinition } from './inverseSqrt.js';
import { inverseTimeDefinition } from './inverseTime.js';
import { linearDefinition } from './linear.js';
import { multiStepDefinition } from './multiStep.js';
import { oneCycleDefinition } from './oneCycle.js';
import { piecewiseConstantDefinition } from './piecewiseConstant.js';
import { polynomialDefinition } from './polynomial.js';
import { sqrtDecayDefinition } from './sqrtDecay.js';
import { stepDefinition } from './step.js';
import { tanhDefinition } from './tanh.js';

/** Every primitive schedule definition, by spec `type`. */
export const PRIMITIVES: Readonly<Record<string, ScheduleDefinition>> = Object.freeze(
  Object.fromEntries(
    [
      constantDefinition,
      linearDefinition,
      polynomialDefinition,
      exponentialDefinition,
      stepDefinition,
      multiStepDefinition,
      piecewiseConstantDefinition,
      cosineDefinition,
      cosineRestartsDefinition,
      cyclicDefinition,
      oneCycleDefinition,
      inverseSqrtDefinition,
      inverseTimeDefinition,
      tanhDefinition,
      sqrtDecayDefinition,
    ].map((d) => [d.type, d]),
  ),
);
