import { schedules } from './namespace.js';
/**
 * The root names of the primitives and combinators in the previous release. Short names such as `step`,
 * `linear`, `tanh` and `scale` collide with everyday variables, so they live under `schedules` now; these
 * aliases stay for one release.
 */

/** @deprecated Use `schedules.constant` (bare root names collide with everyday variables); removed in the next release. */
export const constant = schedules.constant;

/** @deprecated Use `schedules.linear` (bare root names collide with everyday variables); removed in the next release. */
export const linear = schedules.linear;

/** @deprecated Use `schedules.polynomial` (bare root names collide with everyday variables); removed in the next release. */
export const polynomial = schedules.polynomial;

/** @deprecated Use `schedules.exponential` (bare root names collide with everyday variables); removed in the next release. */
export const exponential = schedules.exponential;

/** @deprecated Use `schedules.step` (bare root names collide with everyday variables); removed in the next release. */
export const step = schedules.step;

/** @deprecated Use `schedules.multiStep` (bare root names collide with everyday variables); removed in the next release. */
export const multiStep = schedules.multiStep;

/** @deprecated Use `schedules.piecewiseConstant` (bare root names collide with everyday variables); removed in the next release. */
export const piecewiseConstant = schedules.piecewiseConstant;

/** @deprecated Use `schedules.cosine` (bare root names collide with everyday variables); removed in the next release. */
export const cosine = schedules.cosine;

/** @deprecated Use `schedules.cosineRestarts` (bare root names collide with everyday variables); removed in the next release. */
export const cosineRestarts = schedules.cosineRestarts;

/** @deprecated Use `schedules.cyclic` (bare root names collide with everyday variables); removed in the next release. */
export const cyclic = schedules.cyclic;

/** @deprecated Use `schedules.oneCycle` (bare root names collide with everyday variables); removed in the next release. */
export const oneCycle = schedules.oneCycle;

/** @deprecated Use `schedules.inverseSqrt` (bare root names collide with everyday variables); removed in the next release. */
export const inverseSqrt = schedules.inverseSqrt;

/** @deprecated Use `schedules.inverseTime` (bare root names collide with everyday variables); removed in the next release. */
export const inverseTime = schedules.inverseTime;

/** @deprecated Use `schedules.tanh` (bare root names collide with everyday variables); removed in the next release. */
export const tanh = schedules.tanh;

/** @deprecated Use `schedules.sqrtDecay` (bare root names collide with everyday variables); removed in the next release. */
export const sqrtDecay = schedules.sqrtDecay;

/** @deprecated Use `schedules.join` (bare root names collide with everyday variables); removed in the next release. */
export const join = schedules.join;

/** @deprecated Use `schedules.warmup` (bare root names collide with everyday variables); removed in the next release. */
export const warmup = schedules.warmup;

/** @deprecated Use `schedules.scale` (bare root names collide with everyday variables); removed in the next release. */
export const scale = schedules.scale;

/** @deprecated Use `schedules.clamp` (bare root names collide with everyday variables); removed in the next release. */
export const clamp = schedules.clamp;

/** @deprecated Use `schedules.seededNoise` (bare root names collide with everyday variables); removed in the next release. */
export const seededNoise = schedules.seededNoise;

/** @deprecated Use `schedules.cycles` (bare root names collide with everyday variables); removed in the next release. */
export const cycles = schedules.cycles;

/** @deprecated Use `schedules.perEpoch` (bare root names collide with everyday variables); removed in the next release. */
export const perEpoch = schedules.perEpoch;

/** @deprecated Use `schedules.preview(schedule, steps)` (one name for sampling; it returns a Float64Array); removed in the next release. */
export { sample } from './Schedule.js';
