import { cosineAnnealingLROptions } from '../torch/CosineAnnealingLR.js';
import { cosineAnnealingWarmRestartsOptions } from '../torch/CosineAnnealingWarmRestarts.js';
import { chainedSchedulerOptions } from '../torch/ChainedScheduler.js';
import { constantLROptions } from '../torch/ConstantLR.js';
import { cyclicLROptions } from '../torch/CyclicLR.js';
import type { SchedulerTypeDefinition } from '../torch/defineOptions.js';
import { exponentialLROptions } from '../torch/ExponentialLR.js';
import { lambdaLROptions, multiplicativeLROptions } from '../torch/LambdaLR.js';
import { linearLROptions } from '../torch/LinearLR.js';
import { multiStepLROptions } from '../torch/MultiStepLR.js';
import { oneCycleLROptions } from '../torch/OneCycleLR.js';
import { polynomialLROptions } from '../torch/PolynomialLR.js';
import { reduceLROnPlateauOptions } from '../torch/ReduceLROnPlateau.js';
import { sequentialLROptions } from '../torch/SequentialLR.js';
import { stepLROptions } from '../torch/StepLR.js';
import { swalrOptions } from '../torch/SWALR.js';
import { plateauSequentialLROptions } from '../stateful/PlateauSequentialLR.js';
import { scheduleLROptions } from '../stateful/ScheduleLR.js';
import { warmupLROptions } from '../stateful/WarmupLR.js';

export type { SchedulerModule, SchedulerOptionDef, SchedulerTypeDefinition, StepPer } from '../torch/defineOptions.js';

/**
 * Every scheduler type `buildScheduler` accepts besides the pure schedules (see `SCHEDULE_DEFINITIONS`): the
 * one definition each class declares next to itself and validates its constructor options with. The JSON
 * Schema, `toCode`, `lrkit recipes` and the playground read this list.
 *
 * @example
 * SCHEDULER_TYPE_DEFINITIONS.find((s) => s.type === 'StepLR')?.options.stepSize?.pytorch; // 'step_size'
 */
export const SCHEDULER_TYPE_DEFINITIONS: readonly SchedulerTypeDefinition[] = [
  stepLROptions,
  multiStepLROptions,
  constantLROptions,
  linearLROptions,
  exponentialLROptions,
  polynomialLROptions,
  cosineAnnealingLROptions,
  cosineAnnealingWarmRestartsOptions,
  cyclicLROptions,
  oneCycleLROptions,
  reduceLROnPlateauOptions,
  lambdaLROptions,
  multiplicativeLROptions,
  swalrOptions,
  sequentialLROptions,
  chainedSchedulerOptions,
  scheduleLROptions,
  warmupLROptions,
  plateauSequentialLROptions,
];

/** The table entry of a scheduler `type`, or undefined (pure schedules: see `SCHEDULE_DEFINITIONS`). */
export function schedulerTypeDefinition(type: unknown): SchedulerTypeDefinition | undefined {
  return SCHEDULER_TYPE_DEFINITIONS.find((s) => s.type === type);
}
