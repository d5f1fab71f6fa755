import { OptionError } from '../errors.js';
import type { ParamGroup } from '../optim/Optimizer.js';
import { specOf, type Schedule, type ScheduleLike, type ScheduleSpec } from '../schedules/Schedule.js';
import { PlateauSequentialLR } from '../stateful/PlateauSequentialLR.js';
import { ScheduleLR } from '../stateful/ScheduleLR.js';
import { WarmupLR } from '../stateful/WarmupLR.js';
import type { JsonValue } from '../state.js';
import { ChainedScheduler } from '../torch/ChainedScheduler.js';
import { ConstantLR } from '../torch/ConstantLR.js';
import { CosineAnnealingLR } from '../torch/CosineAnnealingLR.js';
import { CosineAnnealingWarmRestarts } from '../torch/CosineAnnealingWarmRestarts.js';
import { CyclicLR } from '../torch/CyclicLR.js';
import { ExponentialLR } from '../torch/ExponentialLR.js';
import { LinearLR } from '../torch/LinearLR.js';
import type { Scheduler } from '../torch/LRScheduler.js';
import { MultiStepLR } from '../torch/MultiStepLR.js';
import { PolynomialLR } from '../torch/PolynomialLR.js';
import { ReduceLROnPlateau } from '../torch/ReduceLROnPlateau.js';
import { SequentialLR } from '../torch/SequentialLR.js';
import { StepLR } from '../torch/StepLR.js';
import { SWALR } from '../torch/SWALR.js';
import { recordedSpec } from './recordedSpecs.js';
import type { SchedulerSpec } from './buildScheduler.js';

/** One value when every group has the same, else the per-group array (PyTorch's `_format_param` in reverse). */
function collapse(values: readonly number[]): number | number[] {
  return values.every((v) => v === values[0]) ? (values[0] as number) : [...values];
}

function groupValues(scheduler: Scheduler, key: string): number[] {
  return scheduler.optimizer.paramGroups.map((g: ParamGroup) => g[key] as number);
}

function scheduleSpec(schedule: ScheduleLike, where: string): ScheduleSpec {
  const spec = specOf(schedule);
  if (spec === undefined) throw new OptionError(where, schedule, 'a schedule built by lrkit (a plain function, or a combinator of one, has no spec)');
  return structuredClone(spec) as ScheduleSpec;
}

/**
 * The canonical JSON spec of a schedule or scheduler: every option explicit (defaults filled in), so
 * `toSpec(fromSpec(toSpec(x)))` equals `toSpec(x)` and builds an identical schedule. Schedules carry their
 * spec; schedulers are read back from their options. Throws an OptionError for what has no JSON form
 * (plain JavaScript functions).
 *
 * @example
 * toSpec(new StepLR(optimizer, { stepSize: 10 })); // { type: 'StepLR', stepSize: 10, gamma: 0.1 }
 * toSpec(cosine({ from: 0.1, steps: 100 }));      // { type: 'cosine', from: 0.1, steps: 100, cycles: 0.5, ... }
 */
export function toSpec(x: Schedule | Scheduler): ScheduleSpec | SchedulerSpec {
  if (typeof x === 'function') return scheduleSpec(x, 'toSpec(schedule)');
  return schedulerSpec(x, 'toSpec(scheduler)');
}

function schedulerSpec(s: Scheduler, where: string): SchedulerSpec {
  if (s instanceof StepLR) return { type: s.type, stepSize: s.stepSize, gamma: s.gamma };
  if (s instanceof MultiStepLR) return { type: s.type, milestones: [...s.milestones], gamma: s.gamma };
  if (s instanceof ConstantLR) return { type: s.type, factor: s.factor, totalIters: s.totalIters };
  if (s instanceof LinearLR) return { type: s.type, startFactor: s.startFactor, endFactor: s.endFactor, totalIters: s.totalIters };
  if (s instanceof ExponentialLR) return { type: s.type, gamma: s.gamma };
  if (s instanceof PolynomialLR) return { type: s.type, totalIters: s.totalIters, power: s.power };
  if (s instanceof CosineAnnealingLR) return { type: s.type, tMax: s.tMax, etaMin: s.etaMin };
  if (s instanceof CosineAnnealingWarmRestarts) return { type: s.type, t0: s.t0, tMult: s.tMult, etaMin: s.etaMin };
  if (s instanceof ReduceLROnPlateau) {
    return { type: s.type, mode: s.mode, factor: s.factor, patience: s.patience, threshold: s.threshold, thresholdMode: s.thresholdMode, cooldown: s.cooldown, minLr: collapse(s.minLrs), eps: s.eps };
  }
  if (s instanceof SWALR) return { type: s.type, swaLr: collapse(groupValues(s, 'swaLr')), annealEpochs: s.annealEpochs, annealStrategy: s.annealStrategy };
  if (s instanceof CyclicLR) {
    const up = Math.round(s.stepRatio * s.totalSize);
    const spec: SchedulerSpec = { type: s.type, baseLr: collapse(s.baseLrs), maxLr: collapse(s.maxLrs), stepSizeUp: up, stepSizeDown: s.totalSize - up, cycleMomentum: s.cycleMomentum };
    if (s.scaleFnSource !== null) Object.assign(spec, { mode: s.mode, scaleFn: s.scaleFnSource, scaleMode: s.scaleMode });
    else Object.assign(spec, { mode: s.mode, gamma: s.gamma });
    if (s.cycleMomentum) Object.assign(spec, { baseMomentum: collapse(groupValues(s, 'baseMomentum')), maxMomentum: collapse(groupValues(s, 'maxMomentum')) });
    return spec;
  }
  if (s.type === 'LambdaLR' || s.type === 'MultiplicativeLR') {
    const lambdas = s.stateDict().lrLambdas as JsonValue;
    if (!Array.isArray(lambdas)) throw new OptionError(`${where}.lrLambda`, 'a function', 'expression strings (JavaScript functions have no JSON form)');
    return { type: s.type, lrLambda: lambdas.every((l) => l === lambdas[0]) ? lambdas[0] : lambdas };
  }
  if (s instanceof ScheduleLR) {
    const specs = s.schedules.map((f, i) => scheduleSpec(f, `${where}.schedule[${i}]`));
    const same = s.schedules.every((f) => f === s.schedules[0]);
    return { type: s.type, schedule: same ? specs[0] : specs, relative: s.relative };
  }
  if (s instanceof WarmupLR) return { type: s.type, scheduler: schedulerSpec(s.scheduler, `${where}.scheduler`), steps: s.steps, startFactor: s.startFactor, mode: s.mode };
  if (s instanceof SequentialLR || s instanceof PlateauSequentialLR) {
    return { type: s.type, schedulers: s.schedulers.map((c, i) => schedulerSpec(c, `${where}.schedulers[${i}]`)), milestones: [...s.milestones] };
  }
  if (s instanceof ChainedScheduler) return { type: s.type, schedulers: s.schedulers.map((c, i) => schedulerSpec(c, `${where}.schedulers[${i}]`)) };
  // Options that cannot be read back exactly (OneCycleLR's phases): the spec it was built from.
  const recorded = recordedSpec(s);
  if (recorded !== undefined && typeof recorded === 'object' && recorded !== null && !Array.isArray(recorded)) {
    const { lastEpoch: _lastEpoch, ...spec } = recorded as Record<string, unknown>;
    return spec as SchedulerSpec;
  }
  throw new OptionError(where, s.type, 'a scheduler built from a spec (this one was constructed directly and its options cannot be read back)');
}
