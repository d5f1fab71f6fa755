import type { CustomForm, OptionDef, OptionType } from '../schedules/define.js';
import type { JsonValue } from '../state.js';

/**
 * The one table of scheduler types (PyTorch classes and lrkit's stateful bridges): every option with its
 * {@link OptionDef} type and bounds, default, PyTorch keyword name and documentation, plus what the CLI,
 * the playground and the code generators need (module, stepping, momentum cycling, an example). The JSON
 * Schema, `toCode`, `lrkit recipes` and the playground all read it; the constructors remain the
 * validators, and tests check that every type's option set and defaults match its constructor.
 */

/** One scheduler option: its type, doc and default, and PyTorch's keyword for it. */
export interface SchedulerOptionDef extends OptionDef {
  /** PyTorch keyword argument name ('' for lrkit-only options, which PyTorch code cannot pass). */
  readonly pytorch: string;
}

/** Python module of a scheduler class ('lrkit' for lrkit's bridges, which PyTorch does not have). */
export type SchedulerModule = 'torch.optim.lr_scheduler' | 'torch.optim.swa_utils' | 'lrkit';

/**
 * How a scheduler (or schedule) is usually stepped ('any': a pure function of whatever step you count). The
 * catalog reports 'metric' from the scheduler's protocol (`stepInput`), not from this table.
 */
export type StepPer = 'epoch' | 'batch' | 'metric' | 'any';

export interface SchedulerTypeDefinition {
  /** The spec `type` (the PyTorch class name). */
  readonly type: string;
  /** One-line summary (JSON Schema description, `lrkit recipes`, the playground). */
  readonly doc: string;
  readonly module: SchedulerModule;
  readonly stepPer: StepPer;
  /** Whether it cycles momentum (or Adam's beta1). */
  readonly cyclesMomentum: boolean;
  readonly options: Readonly<Record<string, SchedulerOptionDef>>;
  /** Options without which the constructor throws. */
  readonly required: readonly string[];
  /** Valid options showing a typical use (without `type`). */
  readonly example: Readonly<Record<string, JsonValue>>;
}

const passThrough = (_o: string, v: unknown) => v as JsonValue;
const custom = (schema: { [key: string]: JsonValue }, expectation: string, form: CustomForm, extra: { values?: readonly string[]; variable?: string } = {}): OptionType => ({
  kind: 'custom',
  schema,
  expectation,
  check: passThrough,
  form,
  ...extra,
});
const withDefault = (def: JsonValue | undefined) => (def !== undefined ? { default: def } : {});
type Py = string;
const num = (pytorch: Py, doc: string, bounds: Omit<Extract<OptionType, { kind: 'number' }>, 'kind'> = {}, def?: JsonValue): SchedulerOptionDef => ({ type: { kind: 'number', ...bounds }, doc, pytorch, ...withDefault(def) });
const int = (pytorch: Py, doc: string, min: number, def?: number): SchedulerOptionDef => ({ type: { kind: 'integer', min }, doc, pytorch, ...withDefault(def) });
const bool = (pytorch: Py, doc: string, def: boolean): SchedulerOptionDef => ({ type: { kind: 'boolean' }, doc, pytorch, default: def });
const choice = (pytorch: Py, doc: string, values: string[], def: string): SchedulerOptionDef => ({ type: { kind: 'enum', values }, doc, pytorch, default: def });
const perGroup = (pytorch: Py, doc: string, min: number | undefined, def?: number): SchedulerOptionDef => {
  const item: { [key: string]: JsonValue } = { type: 'number', ...(min !== undefined ? { minimum: min } : {}) };
  return { type: custom({ oneOf: [item, { type: 'array', items: item, minItems: 1 }] }, 'a number, or one per param group', 'perGroup'), doc, pytorch, ...withDefault(def) };
};
const lambda = (pytorch: Py, doc: string, variable: string): SchedulerOptionDef => ({
  type: custom({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] }, `an expression in ${variable}, or one per param group`, 'expression', { variable }),
  doc,
  pytorch,
});
const schedulers = (doc: string, pytorch: Py = 'schedulers'): SchedulerOptionDef => ({
  type: custom({ type: 'array', items: { $ref: '#/$defs/scheduler' }, minItems: 1 }, 'a non-empty array of scheduler specs', 'schedulers'),
  doc,
  pytorch,
});
const milestones = (pytorch: Py): SchedulerOptionDef => ({ type: { kind: 'numberList', integer: true, min: 1, order: 'increasing' }, doc: 'Steps where the next scheduler takes over (one fewer than schedulers).', pytorch });
const lastEpoch = (pytorch: Py = 'last_epoch') => int(pytorch, 'Index of the last epoch when resuming (-1: fresh start).', -1, -1);
const gamma = num('gamma', 'Multiplicative factor of decay (> 0).', { min: 0, minExclusive: true }, 0.1);
const etaMin = num('eta_min', 'Minimum lr.', {}, 0);

type Meta = Pick<SchedulerTypeDefinition, 'module' | 'stepPer' | 'cyclesMomentum'>;
const torchEpoch: Meta = { module: 'torch.optim.lr_scheduler', stepPer: 'epoch', cyclesMomentum: false };
const d = (type: string, doc: string, meta: Meta, options: Record<string, SchedulerOptionDef>, required: string[], example: Record<string, JsonValue>): SchedulerTypeDefinition => ({
  type,
  doc,
  ...meta,
  options,
  required,
  example,
});

/**
 * Every scheduler type `buildScheduler` accepts besides the pure schedules (see `SCHEDULE_DEFINITIONS`).
 *
 * @example
 * SCHEDULER_TYPE_DEFINITIONS.find((s) => s.type === 'StepLR')?.options.stepSize?.pytorch; // 'step_size'
 */
export const SCHEDULER_TYPE_DEFINITIONS: readonly SchedulerTypeDefinition[] = [
  d('StepLR', 'Multiply the lr by gamma every stepSize steps (staircase).', torchEpoch, { stepSize: int('step_size', 'Period of decay, in steps.', 1), gamma, lastEpoch: lastEpoch() }, ['stepSize'], { stepSize: 30, gamma: 0.1 }),
  d(
    'MultiStepLR',
    'Multiply the lr by gamma at each milestone.',
    torchEpoch,
    { milestones: { type: { kind: 'numberList', integer: true, min: 0, order: 'nonDecreasing' }, doc: 'Steps at which to decay (non-decreasing integers).', pytorch: 'milestones' }, gamma, lastEpoch: lastEpoch() },
    ['milestones'],
    { milestones: [30, 60], gamma: 0.1 },
  ),
  d(
    'ConstantLR',
    'Scale the lr by a constant factor until totalIters, then restore it.',
    torchEpoch,
    { factor: num('factor', 'Factor until totalIters, in (0, 1].', { min: 0, max: 1, minExclusive: true }, 1 / 3), totalIters: int('total_iters', 'Steps the factor applies for.', 0, 5), lastEpoch: lastEpoch() },
    [],
    { factor: 0.5, totalIters: 10 },
  ),
  d(
    'LinearLR',
    'Linearly change the lr factor from startFactor to endFactor over totalIters (warmup).',
    torchEpoch,
    {
      startFactor: num('start_factor', 'Factor at step 0, in (0, 1].', { min: 0, max: 1, minExclusive: true }, 1 / 3),
      endFactor: num('end_factor', 'Factor at totalIters, in [0, 1].', { min: 0, max: 1 }, 1),
      totalIters: int('total_iters', 'Steps of the linear change.', 1, 5),
      lastEpoch: lastEpoch(),
    },
    [],
    { startFactor: 0.1, endFactor: 1, totalIters: 10 },
  ),
  d('ExponentialLR', 'Multiply the lr by gamma every step (smooth decay).', torchEpoch, { gamma: num('gamma', 'Multiplicative factor per step (> 0).', { min: 0, minExclusive: true }), lastEpoch: lastEpoch() }, ['gamma'], { gamma: 0.95 }),
  d(
    'PolynomialLR',
    'Decay the lr polynomially to 0 over totalIters.',
    torchEpoch,
    { totalIters: int('total_iters', 'Steps of decay.', 1, 5), power: num('power', 'Power of the polynomial (>= 0).', { min: 0 }, 1), lastEpoch: lastEpoch() },
    [],
    { totalIters: 80, power: 2 },
  ),
  d(
    'CosineAnnealingLR',
    'Cosine from the initial lr to etaMin over tMax steps (keeps oscillating past tMax).',
    torchEpoch,
    { tMax: int('T_max', 'Half period, in steps.', 1), etaMin, lastEpoch: lastEpoch() },
    ['tMax'],
    { tMax: 100, etaMin: 0 },
  ),
  d(
    'CosineAnnealingWarmRestarts',
    'Cosine annealing with warm restarts (SGDR); periods grow by tMult.',
    torchEpoch,
    { t0: int('T_0', 'Steps until the first restart.', 1), tMult: int('T_mult', 'Period growth factor after each restart.', 1, 1), etaMin, lastEpoch: lastEpoch() },
    ['t0'],
    { t0: 10, tMult: 2, etaMin: 0 },
  ),
  d(
    'CyclicLR',
    'Cycle the lr between baseLr and maxLr (triangular policies); cycles momentum inversely.',
    { module: 'torch.optim.lr_scheduler', stepPer: 'batch', cyclesMomentum: true },
    {
      baseLr: perGroup('base_lr', 'Lower lr bound (written into the groups at construction).', 0),
      maxLr: perGroup('max_lr', 'Upper lr bound.', 0),
      stepSizeUp: int('step_size_up', 'Steps in the increasing half of a cycle.', 1, 2000),
      stepSizeDown: int('step_size_down', 'Steps in the decreasing half (default: stepSizeUp).', 0),
      mode: {
        type: custom({ type: 'string' }, 'a mode', 'enum', { values: ['triangular', 'triangular2', 'exp_range'] }),
        doc: "Amplitude policy: 'triangular', 'triangular2' or 'exp_range' (any name with scaleFn).",
        pytorch: 'mode',
        default: 'triangular',
      },
      gamma: num('gamma', "For 'exp_range': amplitude *= gamma ** iteration.", { min: 0, minExclusive: true }, 1),
      scaleFn: { type: custom({ type: 'string' }, 'an expression in x', 'expression', { variable: 'x' }), doc: 'Custom amplitude scale in [0, 1], an expression in x (overrides mode).', pytorch: 'scale_fn' },
      scaleMode: choice('scale_mode', 'Whether scaleFn receives the cycle or the iteration.', ['cycle', 'iterations'], 'cycle'),
      cycleMomentum: bool('cycle_momentum', 'Cycle momentum (or beta1) inversely to the lr.', true),
      baseMomentum: perGroup('base_momentum', 'Lower momentum bound.', undefined, 0.8),
      maxMomentum: perGroup('max_momentum', 'Upper momentum bound.', undefined, 0.9),
      lastEpoch: lastEpoch(),
    },
    ['baseLr', 'maxLr'],
    { baseLr: 0.001, maxLr: 0.1, stepSizeUp: 20, mode: 'triangular2' },
  ),
  d(
    'OneCycleLR',
    'The 1cycle policy: warm up to maxLr, anneal far below the start; cycles momentum inversely.',
    { module: 'torch.optim.lr_scheduler', stepPer: 'batch', cyclesMomentum: true },
    {
      maxLr: perGroup('max_lr', 'Peak lr (e.g. from the LR finder).', 0),
      totalSteps: int('total_steps', 'Steps of the cycle (or give epochs and stepsPerEpoch).', 1),
      epochs: int('epochs', 'Epochs (with stepsPerEpoch, instead of totalSteps).', 1),
      stepsPerEpoch: int('steps_per_epoch', 'Batches per epoch (with epochs).', 1),
      pctStart: num('pct_start', 'Fraction of the cycle spent increasing the lr, in [0, 1].', { min: 0, max: 1 }, 0.3),
      annealStrategy: choice('anneal_strategy', 'Annealing shape.', ['cos', 'linear'], 'cos'),
      cycleMomentum: bool('cycle_momentum', 'Cycle momentum (or beta1) inversely to the lr.', true),
      baseMomentum: perGroup('base_momentum', 'Momentum at the lr peak.', undefined, 0.85),
      maxMomentum: perGroup('max_momentum', 'Momentum at the start and end.', undefined, 0.95),
      divFactor: num('div_factor', 'initial lr = maxLr / divFactor.', { min: 0, minExclusive: true }, 25),
      finalDivFactor: num('final_div_factor', 'min lr = initial lr / finalDivFactor.', { min: 0, minExclusive: true }, 1e4),
      threePhase: bool('three_phase', "Use the paper's three phases instead of fastai's two.", false),
      lastEpoch: lastEpoch(),
    },
    ['maxLr'],
    { maxLr: 0.1, totalSteps: 100 },
  ),
  d(
    'ReduceLROnPlateau',
    'Reduce the lr when a metric stops improving (needs one metric per step).',
    torchEpoch,
    {
      mode: choice('mode', "'min' for losses, 'max' for accuracies.", ['min', 'max'], 'min'),
      factor: num('factor', 'new lr = lr * factor, in [0, 1).', { min: 0, max: 1, maxExclusive: true }, 0.1),
      patience: int('patience', 'Bad steps tolerated before reducing.', 0, 10),
      threshold: num('threshold', 'Minimum significant improvement.', { min: 0 }, 1e-4),
      thresholdMode: choice('threshold_mode', 'Relative or absolute threshold.', ['rel', 'abs'], 'rel'),
      cooldown: int('cooldown', 'Steps to wait after a reduction.', 0, 0),
      minLr: perGroup('min_lr', 'Lower bound of the lr.', 0, 0),
      eps: num('eps', 'Reductions smaller than eps are skipped.', { min: 0 }, 1e-8),
      nonFiniteMetric: choice('', "lrkit only: 'compare' (PyTorch: NaN is a bad step) or 'error' (throw on NaN/Infinity).", ['compare', 'error'], 'compare'),
    },
    [],
    { mode: 'min', factor: 0.5, patience: 5 },
  ),
  d(
    'LambdaLR',
    'lr = initial lr * lrLambda(epoch), with lrLambda a safe expression in epoch.',
    torchEpoch,
    { lrLambda: lambda('lr_lambda', 'Factor of the initial lr, an expression in epoch (one per group allowed).', 'epoch'), lastEpoch: lastEpoch() },
    ['lrLambda'],
    { lrLambda: '0.95 ** epoch' },
  ),
  d(
    'MultiplicativeLR',
    'Each step multiplies the lr by lrLambda(epoch), a safe expression in epoch.',
    torchEpoch,
    { lrLambda: lambda('lr_lambda', 'Per-step factor, an expression in epoch (one per group allowed).', 'epoch'), lastEpoch: lastEpoch() },
    ['lrLambda'],
    { lrLambda: '0.97' },
  ),
  d(
    'SWALR',
    'Anneal each group to swaLr over annealEpochs, then hold (stochastic weight averaging).',
    { ...torchEpoch, module: 'torch.optim.swa_utils' },
    {
      swaLr: perGroup('swa_lr', 'Target lr of SWA.', 0),
      annealEpochs: int('anneal_epochs', 'Steps of annealing.', 0, 10),
      annealStrategy: choice('anneal_strategy', 'Annealing shape.', ['cos', 'linear'], 'cos'),
      lastEpoch: lastEpoch(),
    },
    ['swaLr'],
    { swaLr: 0.05, annealEpochs: 20 },
  ),
  d(
    'SequentialLR',
    'Run schedulers one after another, switching at the milestones (e.g. warmup then cosine).',
    torchEpoch,
    { schedulers: schedulers('Scheduler specs, run in order.'), milestones: milestones('milestones'), lastEpoch: lastEpoch() },
    ['schedulers', 'milestones'],
    { schedulers: [{ type: 'LinearLR', startFactor: 0.01, totalIters: 10 }, { type: 'CosineAnnealingLR', tMax: 90 }], milestones: [10] },
  ),
  d(
    'ChainedScheduler',
    'Step every child each step, so their factors multiply.',
    torchEpoch,
    { schedulers: schedulers('Scheduler specs, all stepped each step.') },
    ['schedulers'],
    { schedulers: [{ type: 'ConstantLR', factor: 0.1, totalIters: 5 }, { type: 'ExponentialLR', gamma: 0.97 }] },
  ),
  // lrkit's stateful bridges: no PyTorch class, so no PyTorch keywords.
  d(
    'ScheduleLR',
    'lrkit: drive a pure schedule or recipe (or one per group) on the optimizer, with exact JSON state.',
    { module: 'lrkit', stepPer: 'any', cyclesMomentum: false },
    {
      schedule: {
        type: custom({ oneOf: [{ $ref: '#/$defs/schedule' }, { type: 'array', items: { $ref: '#/$defs/schedule' }, minItems: 1 }] }, 'a schedule spec, or one per group', 'schedule'),
        doc: 'The schedule(s).',
        pytorch: '',
      },
      relative: bool('', 'The schedule gives a factor of each group initialLr.', false),
      lastEpoch: lastEpoch(''),
    },
    ['schedule'],
    { schedule: { type: 'cosine', from: 1, steps: 100, to: 0.01 }, relative: true },
  ),
  d(
    'WarmupLR',
    'lrkit: warmup in front of any scheduler (the wrapped scheduler starts after the warmup).',
    { module: 'lrkit', stepPer: 'epoch', cyclesMomentum: false },
    {
      scheduler: { type: custom({ $ref: '#/$defs/scheduler' }, 'a scheduler spec', 'scheduler'), doc: 'The wrapped scheduler.', pytorch: '' },
      steps: int('', 'Warmup steps.', 1),
      startFactor: num('', 'Start as a fraction of the target.', { min: 0 }, 1 / 3),
      mode: choice('', 'Warmup shape.', ['linear', 'exponential', 'constant'], 'linear'),
    },
    ['scheduler', 'steps'],
    { scheduler: { type: 'CosineAnnealingLR', tMax: 90 }, steps: 10, startFactor: 0.01 },
  ),
  d(
    'PlateauSequentialLR',
    'lrkit: SequentialLR that accepts ReduceLROnPlateau phases (e.g. warmup then plateau; needs metrics).',
    { module: 'lrkit', stepPer: 'epoch', cyclesMomentum: false },
    { schedulers: schedulers('Scheduler specs, run in order (ReduceLROnPlateau allowed).', ''), milestones: milestones(''), lastEpoch: lastEpoch('') },
    ['schedulers', 'milestones'],
    { schedulers: [{ type: 'LinearLR', startFactor: 0.1, totalIters: 5 }, { type: 'ReduceLROnPlateau', patience: 3 }], milestones: [5] },
  ),
];

/** The table entry of a scheduler `type`, or undefined (pure schedules: see `SCHEDULE_DEFINITIONS`). */
export function schedulerTypeDefinition(type: unknown): SchedulerTypeDefinition | undefined {
  return SCHEDULER_TYPE_DEFINITIONS.find((s) => s.type === type);
}
