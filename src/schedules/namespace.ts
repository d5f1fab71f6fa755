import { clamp } from '../combinators/clamp.js';
import { cycles } from '../combinators/cycles.js';
import { join } from '../combinators/join.js';
import { perEpoch } from '../combinators/perEpoch.js';
import { scale } from '../combinators/scale.js';
import { seededNoise } from '../combinators/seededNoise.js';
import { warmup } from '../combinators/warmup.js';
import { constant } from './constant.js';
import { cosine } from './cosine.js';
import { cosineRestarts } from './cosineRestarts.js';
import { cyclic } from './cyclic.js';
import { exponential } from './exponential.js';
import { inverseSqrt } from './inverseSqrt.js';
import { inverseTime } from './inverseTime.js';
import { linear } from './linear.js';
import { multiStep } from './multiStep.js';
import { oneCycle } from './oneCycle.js';
import { piecewiseConstant } from './piecewiseConstant.js';
import { polynomial } from './polynomial.js';
import { previewSchedule } from './Schedule.js';
import { sqrtDecay } from './sqrtDecay.js';
import { step } from './step.js';
import { tanh } from './tanh.js';

/**
 * Every pure schedule primitive and combinator under one name, so short names such as `step`, `linear`,
 * `tanh` or `scale` never collide with your variables; each member's name is its spec `type`
 * (`schedules.cosine` builds `{ type: 'cosine', ... }`), as `hf.cosine` builds `{ type: 'hf.cosine', ... }`.
 *
 * @example
 * import { schedules } from 'lrkit';
 * const s = schedules.warmup(schedules.cosine({ from: 0.1, steps: 90 }), { steps: 10 });
 * schedules.preview(s, 100); // Float64Array of the first 100 values
 */
export const schedules = Object.freeze({
  constant,
  linear,
  polynomial,
  exponential,
  step,
  multiStep,
  piecewiseConstant,
  cosine,
  cosineRestarts,
  cyclic,
  oneCycle,
  inverseSqrt,
  inverseTime,
  tanh,
  sqrtDecay,
  join,
  warmup,
  scale,
  clamp,
  seededNoise,
  cycles,
  perEpoch,
  /** A schedule's values at steps 0 .. steps - 1 as a Float64Array (the name schedulers use: `scheduler.preview(steps)`). */
  preview: previewSchedule,
});
