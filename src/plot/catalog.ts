/** The kind of value an option takes (drives the playground's inputs and the CLI's tables). */
export type OptionKind =
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  /** A number, or one number per param group. */
  | 'perGroup'
  /** An array of integers (milestones). */
  | 'integers'
  /** A safe expression string (see `compileExpression`), or one per group. */
  | 'expression'
  /** An array of scheduler specs (composites). */
  | 'schedulers';

/** One option of a scheduler, with its PyTorch name and default. */
export interface OptionInfo {
  /** lrkit (lowerCamelCase) name, the key in a spec. */
  name: string;
  /** PyTorch keyword argument name ('' for lrkit-only options). */
  pytorch: string;
  kind: OptionKind;
  /** `undefined` when the option is required (see `required`) or has no default. */
  default?: unknown;
  required: boolean;
  /** Allowed values for 'enum'. */
  values?: readonly string[];
  /** For expressions: the variable name. */
  variable?: string;
  doc: string;
}

/** A scheduler the CLI and playground know about. */
export interface SchedulerInfo {
  /** PyTorch class name = the spec `type`. */
  type: string;
  /** Python module holding the class. */
  module: 'torch.optim.lr_scheduler' | 'torch.optim.swa_utils';
  summary: string;
  /** How it is usually stepped. */
  stepPer: 'epoch' | 'batch' | 'metric';
  /** Whether it cycles momentum (or Adam's beta1). */
  cyclesMomentum: boolean;
  options: readonly OptionInfo[];
  /** A valid example scheduler spec (used as the playground default and checked by the tests). */
  example: Record<string, unknown>;
}

const opt = (name: string, pytorch: string, kind: OptionKind, doc: string, extra: Partial<OptionInfo> = {}): OptionInfo => ({
  name,
  pytorch,
  kind,
  doc,
  required: false,
  ...extra,
});
const req = (name: string, pytorch: string, kind: OptionKind, doc: string, extra: Partial<OptionInfo> = {}): OptionInfo => opt(name, pytorch, kind, doc, { ...extra, required: true });

/**
 * Every PyTorch-layer scheduler lrkit builds from a spec, with each option's PyTorch name, kind and
 * default — the data behind `lrkit recipes`, the playground's forms and the code generators. The tests
 * check it against the constructors (same option names; defaults behave like omitted options).
 *
 * @example
 * SCHEDULER_CATALOG.find((s) => s.type === 'StepLR')?.options.map((o) => o.name); // ['stepSize', 'gamma']
 */
export const SCHEDULER_CATALOG: readonly SchedulerInfo[] = [
  {
    type: 'StepLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'Multiply the lr by gamma every stepSize steps (staircase).',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [
      req('stepSize', 'step_size', 'integer', 'Period of decay, in steps (positive integer).'),
      opt('gamma', 'gamma', 'number', 'Multiplicative factor of decay (> 0).', { default: 0.1 }),
    ],
    example: { type: 'StepLR', stepSize: 30, gamma: 0.1 },
  },
  {
    type: 'MultiStepLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'Multiply the lr by gamma at each milestone.',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [
      req('milestones', 'milestones', 'integers', 'Steps at which to decay (non-decreasing integers).'),
      opt('gamma', 'gamma', 'number', 'Multiplicative factor of decay (> 0).', { default: 0.1 }),
    ],
    example: { type: 'MultiStepLR', milestones: [30, 60], gamma: 0.1 },
  },
  {
    type: 'ConstantLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'Scale the lr by a constant factor until totalIters, then restore it.',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [
      opt('factor', 'factor', 'number', 'Factor in (0, 1].', { default: 1 / 3 }),
      opt('totalIters', 'total_iters', 'integer', 'Steps the factor applies for.', { default: 5 }),
    ],
    example: { type: 'ConstantLR', factor: 0.5, totalIters: 10 },
  },
  {
    type: 'LinearLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'Linearly change the lr factor from startFactor to endFactor over totalIters (warmup).',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [
      opt('startFactor', 'start_factor', 'number', 'Factor at step 0, in (0, 1].', { default: 1 / 3 }),
      opt('endFactor', 'end_factor', 'number', 'Factor at totalIters, in [0, 1].', { default: 1 }),
      opt('totalIters', 'total_iters', 'integer', 'Steps of the linear change (positive).', { default: 5 }),
    ],
    example: { type: 'LinearLR', startFactor: 0.1, endFactor: 1, totalIters: 10 },
  },
  {
    type: 'ExponentialLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'Multiply the lr by gamma every step (smooth decay).',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [req('gamma', 'gamma', 'number', 'Multiplicative factor per step (> 0).')],
    example: { type: 'ExponentialLR', gamma: 0.95 },
  },
  {
    type: 'PolynomialLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'Decay the lr polynomially to 0 over totalIters.',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [
      opt('totalIters', 'total_iters', 'integer', 'Steps of decay (positive).', { default: 5 }),
      opt('power', 'power', 'number', 'Power of the polynomial (>= 0).', { default: 1 }),
    ],
    example: { type: 'PolynomialLR', totalIters: 80, power: 2 },
  },
  {
    type: 'CosineAnnealingLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'Cosine from the initial lr to etaMin over tMax steps (keeps oscillating past tMax).',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [
      req('tMax', 'T_max', 'integer', 'Half period, in steps (positive integer).'),
      opt('etaMin', 'eta_min', 'number', 'Minimum lr.', { default: 0 }),
    ],
    example: { type: 'CosineAnnealingLR', tMax: 100, etaMin: 0 },
  },
  {
    type: 'CosineAnnealingWarmRestarts',
    module: 'torch.optim.lr_scheduler',
    summary: 'Cosine annealing with warm restarts (SGDR); periods grow by tMult.',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [
      req('t0', 'T_0', 'integer', 'Steps until the first restart (positive integer).'),
      opt('tMult', 'T_mult', 'integer', 'Period growth factor after each restart (integer >= 1).', { default: 1 }),
      opt('etaMin', 'eta_min', 'number', 'Minimum lr.', { default: 0 }),
    ],
    example: { type: 'CosineAnnealingWarmRestarts', t0: 10, tMult: 2, etaMin: 0 },
  },
  {
    type: 'CyclicLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'Cycle the lr between baseLr and maxLr (triangular policies); cycles momentum inversely.',
    stepPer: 'batch',
    cyclesMomentum: true,
    options: [
      req('baseLr', 'base_lr', 'perGroup', 'Lower lr bound (written into the groups at construction).'),
      req('maxLr', 'max_lr', 'perGroup', 'Upper lr bound.'),
      opt('stepSizeUp', 'step_size_up', 'integer', 'Steps in the increasing half of a cycle.', { default: 2000 }),
      opt('stepSizeDown', 'step_size_down', 'integer', 'Steps in the decreasing half (default: stepSizeUp).'),
      opt('mode', 'mode', 'enum', 'Amplitude policy.', { default: 'triangular', values: ['triangular', 'triangular2', 'exp_range'] }),
      opt('gamma', 'gamma', 'number', "For 'exp_range': amplitude *= gamma ** iteration.", { default: 1 }),
      opt('scaleFn', 'scale_fn', 'expression', 'Custom amplitude scale in [0, 1], an expression in x (overrides mode).', { variable: 'x' }),
      opt('scaleMode', 'scale_mode', 'enum', 'Whether scaleFn receives the cycle or the iteration.', { default: 'cycle', values: ['cycle', 'iterations'] }),
      opt('cycleMomentum', 'cycle_momentum', 'boolean', 'Cycle momentum (or beta1) inversely to the lr.', { default: true }),
      opt('baseMomentum', 'base_momentum', 'perGroup', 'Lower momentum bound.', { default: 0.8 }),
      opt('maxMomentum', 'max_momentum', 'perGroup', 'Upper momentum bound.', { default: 0.9 }),
    ],
    example: { type: 'CyclicLR', baseLr: 0.001, maxLr: 0.1, stepSizeUp: 20, mode: 'triangular2' },
  },
  {
    type: 'OneCycleLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'The 1cycle policy: warm up to maxLr, anneal far below the start; cycles momentum inversely.',
    stepPer: 'batch',
    cyclesMomentum: true,
    options: [
      req('maxLr', 'max_lr', 'perGroup', 'Peak lr (e.g. from the LR finder).'),
      opt('totalSteps', 'total_steps', 'integer', 'Steps of the cycle (or give epochs and stepsPerEpoch).'),
      opt('epochs', 'epochs', 'integer', 'Epochs (with stepsPerEpoch, instead of totalSteps).'),
      opt('stepsPerEpoch', 'steps_per_epoch', 'integer', 'Batches per epoch (with epochs).'),
      opt('pctStart', 'pct_start', 'number', 'Fraction of the cycle spent increasing the lr, in [0, 1].', { default: 0.3 }),
      opt('annealStrategy', 'anneal_strategy', 'enum', 'Annealing shape.', { default: 'cos', values: ['cos', 'linear'] }),
      opt('cycleMomentum', 'cycle_momentum', 'boolean', 'Cycle momentum (or beta1) inversely to the lr.', { default: true }),
      opt('baseMomentum', 'base_momentum', 'perGroup', 'Momentum at the lr peak.', { default: 0.85 }),
      opt('maxMomentum', 'max_momentum', 'perGroup', 'Momentum at the start and end.', { default: 0.95 }),
      opt('divFactor', 'div_factor', 'number', 'initial lr = maxLr / divFactor.', { default: 25 }),
      opt('finalDivFactor', 'final_div_factor', 'number', 'min lr = initial lr / finalDivFactor.', { default: 1e4 }),
      opt('threePhase', 'three_phase', 'boolean', "Use the paper's three phases instead of fastai's two.", { default: false }),
    ],
    example: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100 },
  },
  {
    type: 'ReduceLROnPlateau',
    module: 'torch.optim.lr_scheduler',
    summary: 'Reduce the lr when a metric stops improving (needs one metric per step).',
    stepPer: 'metric',
    cyclesMomentum: false,
    options: [
      opt('mode', 'mode', 'enum', "'min' for losses, 'max' for accuracies.", { default: 'min', values: ['min', 'max'] }),
      opt('factor', 'factor', 'number', 'new lr = lr * factor, in [0, 1).', { default: 0.1 }),
      opt('patience', 'patience', 'integer', 'Bad steps tolerated before reducing.', { default: 10 }),
      opt('threshold', 'threshold', 'number', 'Minimum significant improvement.', { default: 1e-4 }),
      opt('thresholdMode', 'threshold_mode', 'enum', 'Relative or absolute threshold.', { default: 'rel', values: ['rel', 'abs'] }),
      opt('cooldown', 'cooldown', 'integer', 'Steps to wait after a reduction.', { default: 0 }),
      opt('minLr', 'min_lr', 'perGroup', 'Lower bound of the lr.', { default: 0 }),
      opt('eps', 'eps', 'number', 'Reductions smaller than eps are skipped.', { default: 1e-8 }),
      opt('nonFiniteMetric', '', 'enum', "lrkit only: 'compare' (PyTorch: NaN is a bad step) or 'error' (throw on NaN/Infinity).", { default: 'compare', values: ['compare', 'error'] }),
    ],
    example: { type: 'ReduceLROnPlateau', mode: 'min', factor: 0.5, patience: 5 },
  },
  {
    type: 'LambdaLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'lr = initial lr * lrLambda(epoch), with lrLambda a safe expression in epoch.',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [req('lrLambda', 'lr_lambda', 'expression', 'Factor of the initial lr, an expression in epoch (one per group allowed).', { variable: 'epoch' })],
    example: { type: 'LambdaLR', lrLambda: '0.95 ** epoch' },
  },
  {
    type: 'MultiplicativeLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'Each step multiplies the lr by lrLambda(epoch), a safe expression in epoch.',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [req('lrLambda', 'lr_lambda', 'expression', 'Per-step factor, an expression in epoch (one per group allowed).', { variable: 'epoch' })],
    example: { type: 'MultiplicativeLR', lrLambda: '0.97' },
  },
  {
    type: 'SWALR',
    module: 'torch.optim.swa_utils',
    summary: 'Anneal each group to swaLr over annealEpochs, then hold (stochastic weight averaging).',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [
      req('swaLr', 'swa_lr', 'perGroup', 'Target lr of SWA.'),
      opt('annealEpochs', 'anneal_epochs', 'integer', 'Steps of annealing.', { default: 10 }),
      opt('annealStrategy', 'anneal_strategy', 'enum', 'Annealing shape.', { default: 'cos', values: ['cos', 'linear'] }),
    ],
    example: { type: 'SWALR', swaLr: 0.05, annealEpochs: 20 },
  },
  {
    type: 'SequentialLR',
    module: 'torch.optim.lr_scheduler',
    summary: 'Run schedulers one after another, switching at the milestones (e.g. warmup then cosine).',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [
      req('schedulers', 'schedulers', 'schedulers', 'Scheduler specs, run in order.'),
      req('milestones', 'milestones', 'integers', 'Steps where the next scheduler takes over (one fewer than schedulers).'),
    ],
    example: {
      type: 'SequentialLR',
      schedulers: [
        { type: 'LinearLR', startFactor: 0.01, totalIters: 10 },
        { type: 'CosineAnnealingLR', tMax: 90 },
      ],
      milestones: [10],
    },
  },
  {
    type: 'ChainedScheduler',
    module: 'torch.optim.lr_scheduler',
    summary: 'Step every child each step, so their factors multiply.',
    stepPer: 'epoch',
    cyclesMomentum: false,
    options: [req('schedulers', 'schedulers', 'schedulers', 'Scheduler specs, all stepped each step.')],
    example: {
      type: 'ChainedScheduler',
      schedulers: [
        { type: 'ConstantLR', factor: 0.1, totalIters: 5 },
        { type: 'ExponentialLR', gamma: 0.97 },
      ],
    },
  },
];

/** Catalog entry of `type`, or undefined. */
export function schedulerInfo(type: string): SchedulerInfo | undefined {
  return SCHEDULER_CATALOG.find((s) => s.type === type);
}
