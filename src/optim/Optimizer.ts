/**
 * One parameter group as lrkit sees it: PyTorch's `param_groups[i]` dict, with lowerCamelCase keys.
 * Schedulers read and write `lr`, and when they cycle momentum, `momentum` or `betas[0]`.
 * They also keep bookkeeping keys here exactly where PyTorch does (`initialLr`, `maxLr`, ...),
 * so that saving the groups saves everything a resumed run needs.
 *
 * @example
 * const group: ParamGroup = { lr: 0.1, momentum: 0.9 };
 * const optimizer: Optimizer = { paramGroups: [group] };
 * new StepLR(optimizer, { stepSize: 1, gamma: 0.5 });
 * group.initialLr; // 0.1
 */
export interface ParamGroup {
  lr: number;
  /** Set (if absent) by the first scheduler attached to the optimizer; PyTorch's `initial_lr`. */
  initialLr?: number;
  /** SGD-style momentum. */
  momentum?: number;
  /** Adam-style `[beta1, beta2]`; CyclicLR and OneCycleLR cycle `betas[0]`. */
  betas?: number[];
  maxLr?: number;
  minLr?: number;
  maxMomentum?: number;
  baseMomentum?: number;
  swaLr?: number;
  [key: string]: unknown;
}

/**
 * Anything with param groups can be scheduled: lrkit's own {@link createOptimizer}, the tfjs view, or
 * your own training loop's object.
 *
 * @example
 * // Anything with param groups can be scheduled: your own optimizer, a tfjs view, a plain one.
 * const mine: Optimizer = { paramGroups: [{ lr: 0.1 }] };
 * new ExponentialLR(mine, { gamma: 0.5 }).step();
 * mine.paramGroups[0]!.lr; // 0.05
 */
export interface Optimizer {
  paramGroups: ParamGroup[];
  /**
   * Number of times the optimizer has stepped. When present, schedulers warn (once) if they are
   * stepped before the optimizer ever was, as PyTorch does.
   */
  readonly stepCount?: number;
  /** Which momentum-like hyperparameter the optimizer has, like `'momentum' in optimizer.defaults` in PyTorch. */
  readonly momentumKey?: 'momentum' | 'betas' | null;
}

/** PyTorch's `"betas" in defaults` / `"momentum" in defaults` test, falling back to the first group. */
export function momentumKeyOf(optimizer: Optimizer): 'momentum' | 'betas' | null {
  if (optimizer.momentumKey !== undefined) return optimizer.momentumKey;
  const first = optimizer.paramGroups[0];
  if (first === undefined) return null;
  if (Array.isArray(first.betas)) return 'betas';
  if (typeof first.momentum === 'number') return 'momentum';
  return null;
}
