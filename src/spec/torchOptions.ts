import type { OptionDef, OptionType } from '../schedules/define.js';
import type { JsonValue } from '../state.js';

/**
 * The options of every scheduler type, described with the same {@link OptionDef} vocabulary as the
 * schedules, for the JSON Schema and code generation. The constructors remain the validators; a test
 * checks that these key sets equal the keys each constructor accepts.
 */

const passThrough = (_o: string, v: unknown) => v as JsonValue;
const custom = (schema: { [key: string]: JsonValue }, expectation: string): OptionType => ({ kind: 'custom', schema, expectation, check: passThrough });
const num = (doc: string, bounds: Omit<Extract<OptionType, { kind: 'number' }>, 'kind'> = {}, def?: JsonValue): OptionDef => ({ type: { kind: 'number', ...bounds }, doc, ...(def !== undefined ? { default: def } : {}) });
const int = (doc: string, min: number, def?: number): OptionDef => ({ type: { kind: 'integer', min }, doc, ...(def !== undefined ? { default: def } : {}) });
const bool = (doc: string, def: boolean): OptionDef => ({ type: { kind: 'boolean' }, doc, default: def });
const choice = (doc: string, values: string[], def: string): OptionDef => ({ type: { kind: 'enum', values }, doc, default: def });
const perGroup = (doc: string, min: number | undefined, def?: number): OptionDef => ({
  type: custom(
    { oneOf: [{ type: 'number', ...(min !== undefined ? { minimum: min } : {}) }, { type: 'array', items: { type: 'number', ...(min !== undefined ? { minimum: min } : {}) }, minItems: 1 }] },
    'a number, or one per param group',
  ),
  doc,
  ...(def !== undefined ? { default: def } : {}),
});
const lambda = (doc: string, variable: string): OptionDef => ({
  type: custom({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] }, `an expression in ${variable}, or one per param group`),
  doc,
});
const scheduler: OptionDef = { type: custom({ $ref: '#/$defs/scheduler' }, 'a scheduler spec'), doc: 'The wrapped scheduler.' };
const schedulers: OptionDef = { type: custom({ type: 'array', items: { $ref: '#/$defs/scheduler' }, minItems: 1 }, 'a non-empty array of scheduler specs'), doc: 'Child schedulers, in order.' };
const milestones: OptionDef = { type: { kind: 'numberList', integer: true, min: 1, order: 'increasing' }, doc: 'Steps at which the next scheduler takes over.' };
const lastEpoch = int('Index of the last epoch when resuming (-1: fresh start).', -1, -1);

export interface SchedulerTypeDefinition {
  readonly type: string;
  readonly doc: string;
  readonly options: Readonly<Record<string, OptionDef>>;
  /** Options without which the constructor throws. */
  readonly required: readonly string[];
}

const d = (type: string, doc: string, options: Record<string, OptionDef>, required: string[] = []): SchedulerTypeDefinition => ({ type, doc, options, required });

export const SCHEDULER_TYPE_DEFINITIONS: readonly SchedulerTypeDefinition[] = [
  d('LambdaLR', 'PyTorch LambdaLR: initialLr * lrLambda(epoch).', { lrLambda: lambda('Factor as an expression in `epoch`.', 'epoch'), lastEpoch }, ['lrLambda']),
  d('MultiplicativeLR', 'PyTorch MultiplicativeLR: multiply by lrLambda(epoch) each step.', { lrLambda: lambda('Factor as an expression in `epoch`.', 'epoch'), lastEpoch }, ['lrLambda']),
  d('StepLR', 'PyTorch StepLR.', { stepSize: int('Period of decay.', 1), gamma: num('Decay factor.', { min: 0, minExclusive: true }, 0.1), lastEpoch }, ['stepSize']),
  d('MultiStepLR', 'PyTorch MultiStepLR.', { milestones: { type: { kind: 'numberList', integer: true, min: 0, order: 'nonDecreasing' }, doc: 'Steps at which to decay.' }, gamma: num('Decay factor.', { min: 0, minExclusive: true }, 0.1), lastEpoch }, ['milestones']),
  d('ConstantLR', 'PyTorch ConstantLR.', { factor: num('Factor until totalIters.', { min: 0, max: 1, minExclusive: true }, 1 / 3), totalIters: int('Steps the factor applies.', 0, 5), lastEpoch }),
  d('LinearLR', 'PyTorch LinearLR.', { startFactor: num('Factor at step 0.', { min: 0, max: 1, minExclusive: true }, 1 / 3), endFactor: num('Factor at totalIters.', { min: 0, max: 1 }, 1), totalIters: int('Steps of the change.', 1, 5), lastEpoch }),
  d('ExponentialLR', 'PyTorch ExponentialLR.', { gamma: num('Factor per step.', { min: 0, minExclusive: true }), lastEpoch }, ['gamma']),
  d('PolynomialLR', 'PyTorch PolynomialLR.', { totalIters: int('Steps of the decay.', 1, 5), power: num('Power.', { min: 0 }, 1), lastEpoch }),
  d('CosineAnnealingLR', 'PyTorch CosineAnnealingLR.', { tMax: int('Half period.', 1), etaMin: num('Minimum lr.', {}, 0), lastEpoch }, ['tMax']),
  d('CosineAnnealingWarmRestarts', 'PyTorch CosineAnnealingWarmRestarts.', { t0: int('First period.', 1), tMult: int('Period factor.', 1, 1), etaMin: num('Minimum lr.', {}, 0), lastEpoch }, ['t0']),
  d(
    'CyclicLR',
    'PyTorch CyclicLR.',
    {
      baseLr: perGroup('Lower bound.', 0),
      maxLr: perGroup('Upper bound.', 0),
      stepSizeUp: int('Steps up.', 1, 2000),
      stepSizeDown: int('Steps down (default stepSizeUp).', 0),
      mode: { type: custom({ type: 'string' }, 'a mode'), doc: "'triangular', 'triangular2' or 'exp_range' (any name with scaleFn).", default: 'triangular' },
      gamma: num('exp_range factor.', { min: 0, minExclusive: true }, 1),
      scaleFn: { type: custom({ type: 'string' }, 'an expression in x'), doc: 'Custom amplitude scale, an expression in `x`.' },
      scaleMode: choice('Argument of scaleFn.', ['cycle', 'iterations'], 'cycle'),
      cycleMomentum: bool('Cycle momentum / beta1.', true),
      baseMomentum: perGroup('Lower momentum.', undefined, 0.8),
      maxMomentum: perGroup('Upper momentum.', undefined, 0.9),
      lastEpoch,
    },
    ['baseLr', 'maxLr'],
  ),
  d(
    'OneCycleLR',
    'PyTorch OneCycleLR.',
    {
      maxLr: perGroup('Peak lr.', 0),
      totalSteps: int('Total steps (or epochs * stepsPerEpoch).', 1),
      epochs: int('Epochs.', 1),
      stepsPerEpoch: int('Steps per epoch.', 1),
      pctStart: num('Fraction increasing.', { min: 0, max: 1 }, 0.3),
      annealStrategy: choice('Annealing.', ['cos', 'linear'], 'cos'),
      cycleMomentum: bool('Cycle momentum / beta1.', true),
      baseMomentum: perGroup('Lower momentum.', undefined, 0.85),
      maxMomentum: perGroup('Upper momentum.', undefined, 0.95),
      divFactor: num('initialLr = maxLr / divFactor.', { min: 0, minExclusive: true }, 25),
      finalDivFactor: num('minLr = initialLr / finalDivFactor.', { min: 0, minExclusive: true }, 1e4),
      threePhase: bool('Three phases.', false),
      lastEpoch,
    },
    ['maxLr'],
  ),
  d('ReduceLROnPlateau', 'PyTorch ReduceLROnPlateau (needs `metrics`).', {
    mode: choice('Direction of improvement.', ['min', 'max'], 'min'),
    factor: num('Reduction factor.', { min: 0, max: 1, maxExclusive: true }, 0.1),
    patience: int('Bad steps tolerated.', 0, 10),
    threshold: num('Significant improvement.', { min: 0 }, 1e-4),
    thresholdMode: choice('Threshold mode.', ['rel', 'abs'], 'rel'),
    cooldown: int('Steps after a reduction.', 0, 0),
    minLr: perGroup('Lower bound.', 0, 0),
    eps: num('Smallest reduction.', { min: 0 }, 1e-8),
    nonFiniteMetric: choice("NaN/Infinity metrics: 'compare' as PyTorch, or 'error'.", ['compare', 'error'], 'compare'),
  }),
  d('SWALR', 'PyTorch SWALR.', { swaLr: perGroup('SWA lr.', 0), annealEpochs: int('Annealing steps.', 0, 10), annealStrategy: choice('Annealing.', ['cos', 'linear'], 'cos'), lastEpoch }, ['swaLr']),
  d('SequentialLR', 'PyTorch SequentialLR.', { schedulers, milestones, lastEpoch }, ['schedulers', 'milestones']),
  d('ChainedScheduler', 'PyTorch ChainedScheduler.', { schedulers }, ['schedulers']),
  d(
    'ScheduleLR',
    'Drives a pure schedule or recipe (or one per group) on the optimizer.',
    {
      schedule: { type: custom({ oneOf: [{ $ref: '#/$defs/schedule' }, { type: 'array', items: { $ref: '#/$defs/schedule' }, minItems: 1 }] }, 'a schedule spec, or one per group'), doc: 'The schedule(s).' },
      relative: bool('The schedule gives a factor of each group initialLr.', false),
      lastEpoch,
    },
    ['schedule'],
  ),
  d('WarmupLR', 'Warmup in front of any scheduler.', { scheduler, steps: int('Warmup steps.', 1), startFactor: num('Start as a fraction of the target.', { min: 0 }, 1 / 3), mode: choice('Warmup shape.', ['linear', 'exponential', 'constant'], 'linear') }, ['scheduler', 'steps']),
  d('PlateauSequentialLR', 'SequentialLR that accepts ReduceLROnPlateau phases (needs `metrics`).', { schedulers, milestones, lastEpoch }, ['schedulers', 'milestones']),
];
