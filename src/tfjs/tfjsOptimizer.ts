import { keep, scalar, tidy, type Optimizer as TfOptimizer, type Scalar, type Variable } from '@tensorflow/tfjs';
import { describeValue, OptionError, StateError } from '../errors.js';
import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { plainObject } from '../validate.js';

/** The tfjs optimizer classes the view understands (tfjs `getClassName()` values). */
export type TfjsOptimizerKind = 'SGD' | 'Momentum' | 'Adam' | 'Adamax' | 'RMSProp' | 'Adagrad' | 'Adadelta';

/** The protected fields of tfjs optimizers the view reads and writes (tfjs-core 4.22 names). */
interface TfInternals {
  learningRate: number;
  momentum?: number;
  /** Momentum's cached momentum scalar; `setMomentum` does not rebuild it. */
  m?: Scalar;
  beta1?: number;
  beta2?: number;
  /** Adam/Adamax: beta1^t of the *next* update, kept as a running product by tfjs. */
  accBeta1?: Variable;
  accBeta2?: Variable;
  iterations: number;
  setLearningRate?(lr: number): void;
  setMomentum?(momentum: number): void;
  applyGradients(grads: unknown): void;
  getClassName(): string;
}

/** How one tfjs optimizer class takes its hyperparameters (verified against tfjs-core 4.22 `src/optimizers/*.ts`). */
interface KindTraits {
  /** The group key schedulers may cycle, present only where writing it changes the update. */
  readonly momentumKey: 'momentum' | 'betas' | null;
  /** Writes the lr into the optimizer. */
  readonly writeLr: (o: TfInternals, lr: number) => void;
  /** Writes the group's `momentum` or `betas` into the optimizer (classes with `momentumKey` only). */
  readonly writeMomentum?: (o: TfInternals, group: ParamGroup) => void;
  /** Adam/Adamax: accumulators set to `beta^t` before every update, with the beta they power. */
  readonly biasCorrection: ReadonlyArray<readonly ['accBeta1' | 'accBeta2', 'beta1' | 'beta2']>;
}

// SGD's and Momentum's update multiplies by a cached `c = -lr`; only setLearningRate rebuilds it (and keeps it out of tidy scopes).
const cachedLr = (o: TfInternals, lr: number): void => {
  if (o.learningRate !== lr) (o.setLearningRate as (lr: number) => void).call(o, lr);
};
// The other classes read `learningRate` every step.
const fieldLr = (o: TfInternals, lr: number): void => {
  o.learningRate = lr;
};
const cachedMomentum = (o: TfInternals, group: ParamGroup): void => {
  const momentum = group.momentum as number;
  if (o.momentum !== momentum || (o.m !== undefined && o.m.isDisposed)) {
    (o.setMomentum as (m: number) => void).call(o, momentum);
    // setMomentum only stores the number; the update multiplies by the cached scalar `m`.
    o.m?.dispose();
    o.m = keep(scalar(momentum));
  }
};
const fieldMomentum = (o: TfInternals, group: ParamGroup): void => {
  o.momentum = group.momentum as number; // read every step by tfjs
};
const betaFields = (o: TfInternals, group: ParamGroup): void => {
  const betas = group.betas as number[];
  o.beta1 = betas[0] as number;
  o.beta2 = betas[1] as number;
};

/** What each tfjs optimizer exposes to schedulers and how the view writes it: the one table the view follows. */
const KIND: Readonly<Record<TfjsOptimizerKind, KindTraits>> = {
  SGD: { momentumKey: null, writeLr: cachedLr, biasCorrection: [] },
  Momentum: { momentumKey: 'momentum', writeLr: cachedLr, writeMomentum: cachedMomentum, biasCorrection: [] },
  Adam: { momentumKey: 'betas', writeLr: fieldLr, writeMomentum: betaFields, biasCorrection: [['accBeta1', 'beta1'], ['accBeta2', 'beta2']] },
  Adamax: { momentumKey: 'betas', writeLr: fieldLr, writeMomentum: betaFields, biasCorrection: [['accBeta1', 'beta1']] },
  RMSProp: { momentumKey: 'momentum', writeLr: fieldLr, writeMomentum: fieldMomentum, biasCorrection: [] },
  Adagrad: { momentumKey: null, writeLr: fieldLr, biasCorrection: [] },
  Adadelta: { momentumKey: null, writeLr: fieldLr, biasCorrection: [] },
};

const KINDS = Object.keys(KIND) as TfjsOptimizerKind[];

/** Serialized view: the param groups (with scheduler bookkeeping keys), JSON-safe. */
export interface TfjsOptimizerViewState {
  format: 'lrkit.tfjsOptimizer';
  version: 1;
  kinds: TfjsOptimizerKind[];
  paramGroups: ParamGroup[];
}

// A tfjs optimizer can be driven by one view only: two views would fight over its hyperparameters.
const attached = new WeakMap<object, TfjsOptimizerView>();

/**
 * An lrkit {@link Optimizer} over one or more tfjs optimizers: each tfjs optimizer is one param group.
 *
 * Why a view is needed: tfjs optimizers do not all read their hyperparameters each step.
 * SGD/Momentum multiply by a cached scalar `c = -lr` that only `setLearningRate` rebuilds; Momentum
 * caches `m` and `setMomentum` does not rebuild it; Adam/Adamax keep `accBeta1` as a running product of
 * the betas seen so far, so a cycled beta1 would not give PyTorch's bias correction `1 - beta1^t`.
 *
 * How it works: `lr` and `momentum` writes reach the tfjs optimizer at once; in addition, right before
 * every tfjs update (the view wraps the optimizer instance's `applyGradients`, which `minimize` and
 * `model.fit` both call), all of the group is applied again — including `betas`, which cycling
 * schedulers mutate in place — and Adam/Adamax get `accBeta1 = beta1^t` and `accBeta2 = beta2^t` for the
 * update's step t, with the *current* betas, exactly as PyTorch computes its bias correction.
 *
 * What is scheduled, per tfjs optimizer (group keys):
 *
 * | tfjs optimizer | `lr` | `momentum` | `betas` [beta1, beta2] | same update rule as PyTorch? |
 * |---|---|---|---|---|
 * | SGD | yes (rebuilds `c`) | — | — | yes |
 * | Momentum | yes (rebuilds `c`) | yes (rebuilds `m`) | — | yes with dampening 0 (incl. nesterov) |
 * | Adam | yes | — | yes, bias correction `1 - beta^t` | yes (pass eps explicitly: tfjs default 1e-7) |
 * | Adamax | yes | — | yes, bias correction `1 - beta1^t` | eps placement differs (negligible for eps ≤ 1e-8) |
 * | RMSProp | yes | yes | — | only with momentum 0: tfjs multiplies lr into its momentum buffer |
 * | Adagrad | yes | — | — | eps inside the sqrt (tfjs backend epsilon) |
 * | Adadelta | yes | — | — | no: tfjs divides by the accumulator from before the step |
 *
 * Not scheduled: eps, RMSProp decay/centered, Adadelta rho, Adagrad's initial accumulator, Adamax decay.
 * `momentumKey` is `'momentum'` or `'betas'` when every group has that key, so cycling schedulers
 * (OneCycleLR, CyclicLR) cycle momentum or beta1; with mixed groups it is null and they need `cycleMomentum: false`.
 *
 * @example
 * const sgd = tf.train.momentum(0.01, 0.9);
 * const optimizer = tfjsOptimizer(sgd);
 * const scheduler = new OneCycleLR(optimizer, { maxLr: 0.05, totalSteps: 80 });
 * for (let i = 0; i < 80; i++) {
 *   sgd.minimize(loss);
 *   scheduler.step();
 * }
 */
export class TfjsOptimizerView implements Optimizer {
  readonly paramGroups: ParamGroup[];
  /** The wrapped tfjs optimizers, one per param group. */
  readonly optimizers: readonly TfOptimizer[];
  /** The class of each wrapped optimizer. */
  readonly kinds: readonly TfjsOptimizerKind[];
  /** `'momentum'` or `'betas'` when every group has that key, otherwise null (no momentum cycling). */
  readonly momentumKey: 'momentum' | 'betas' | null;
  private readonly originals: Array<(grads: unknown) => void>;
  private detached = false;

  constructor(optimizers: TfOptimizer | readonly TfOptimizer[]) {
    const list = Array.isArray(optimizers) ? [...(optimizers as readonly TfOptimizer[])] : [optimizers as TfOptimizer];
    if (list.length === 0) throw new OptionError('tfjsOptimizer.optimizers', optimizers, 'a tfjs optimizer or a non-empty array of them');
    const kinds = list.map((opt, i) => kindOf(list.length === 1 ? 'tfjsOptimizer.optimizer' : `tfjsOptimizer.optimizers[${i}]`, opt));
    list.forEach((opt, i) => {
      if (attached.has(opt)) throw new OptionError(`tfjsOptimizer.optimizers[${i}]`, kinds[i], 'an optimizer not already driven by another view (call detach() on the other view first)');
      if (list.indexOf(opt) !== i) throw new OptionError(`tfjsOptimizer.optimizers[${i}]`, kinds[i], 'each tfjs optimizer at most once');
    });
    this.optimizers = list;
    this.kinds = kinds;
    const keys = kinds.map((k) => KIND[k].momentumKey);
    this.momentumKey = keys.every((k) => k === keys[0]) ? (keys[0] as 'momentum' | 'betas' | null) : null;
    this.paramGroups = list.map((opt, i) => this.makeGroup(i, internals(opt), kinds[i] as TfjsOptimizerKind));
    this.originals = list.map((opt, i) => {
      const o = internals(opt);
      const original = o.applyGradients;
      const hooked = (grads: unknown): void => {
        this.beforeUpdate(i);
        original.call(opt, grads);
      };
      Object.defineProperty(opt, 'applyGradients', { value: hooked, configurable: true, writable: true, enumerable: false });
      attached.set(opt, this);
      return original;
    });
  }

  /**
   * Updates taken so far: the largest tfjs `iterations` counter among the wrapped optimizers (tfjs
   * restores it with `setWeights`). Schedulers use it for PyTorch's call-order warning.
   */
  get stepCount(): number {
    return Math.max(...this.optimizers.map((o) => internals(o).iterations));
  }

  /** Applies every group's values to its tfjs optimizer now (the view also does this before each update). */
  sync(): void {
    this.paramGroups.forEach((_, i) => this.applyGroup(i));
  }

  /** Stops driving the tfjs optimizers (restores their own `applyGradients`); the view must not be used after. */
  detach(): void {
    if (this.detached) return;
    this.optimizers.forEach((opt) => {
      delete (opt as unknown as Record<string, unknown>).applyGradients;
      attached.delete(opt);
    });
    this.detached = true;
  }

  /** JSON-safe copy of the param groups (hyperparameters and scheduler bookkeeping such as `initialLr`). */
  stateDict(): TfjsOptimizerViewState {
    return {
      format: 'lrkit.tfjsOptimizer',
      version: 1,
      kinds: [...this.kinds],
      paramGroups: this.paramGroups.map((g) => JSON.parse(JSON.stringify(g)) as ParamGroup),
    };
  }

  /** Validates a state from {@link stateDict} against this view without changing anything. */
  checkStateDict(state: unknown, path = 'optimizerState'): TfjsOptimizerViewState {
    const s = plainObject(path, state) as Partial<TfjsOptimizerViewState>;
    if (s.format !== 'lrkit.tfjsOptimizer') throw new StateError(`${path}.format`, `expected "lrkit.tfjsOptimizer", got ${JSON.stringify(s.format)}`);
    if (s.version !== 1) throw new StateError(`${path}.version`, `unsupported version ${JSON.stringify(s.version)} (this lrkit reads version 1)`);
    if (!Array.isArray(s.kinds) || s.kinds.length !== this.kinds.length || s.kinds.some((k, i) => k !== this.kinds[i])) {
      throw new StateError(`${path}.kinds`, `expected ${JSON.stringify(this.kinds)}, got ${JSON.stringify(s.kinds)}`);
    }
    const groups = s.paramGroups;
    if (!Array.isArray(groups) || groups.length !== this.paramGroups.length) {
      throw new StateError(`${path}.paramGroups`, `expected ${this.paramGroups.length} param groups`);
    }
    groups.forEach((g, i) =>
      checkGroupValues(`${path}.paramGroups[${i}]`, g, this.kinds[i] as TfjsOptimizerKind, (p, v, e) => new StateError(p, `expected ${e}, got ${describeValue(v)}`)),
    );
    return s as TfjsOptimizerViewState;
  }

  /**
   * Restores groups saved by {@link stateDict} and applies them to the tfjs optimizers. The optimizer
   * classes must match; everything is checked before anything changes.
   */
  loadStateDict(state: unknown, path = 'optimizerState'): void {
    const groups = this.checkStateDict(state, path).paramGroups;
    groups.forEach((saved, i) => {
      const target = this.paramGroups[i] as ParamGroup;
      for (const key of Object.keys(target)) {
        if (key !== 'lr' && key !== 'momentum' && !(key in saved)) delete target[key];
      }
      Object.assign(target, JSON.parse(JSON.stringify(saved)) as ParamGroup);
    });
    this.sync();
  }

  private makeGroup(i: number, o: TfInternals, kind: TfjsOptimizerKind): ParamGroup {
    const group = {} as ParamGroup;
    const { momentumKey } = KIND[kind];
    // Accessors: a scheduler's write reaches the tfjs optimizer at once, so `tfOpt.learningRate` is never stale.
    const applied = (key: 'lr' | 'momentum', initial: number | undefined): void => {
      let value = initial;
      Object.defineProperty(group, key, {
        enumerable: true,
        configurable: false,
        get: () => value,
        set: (next: number) => {
          const previous = value;
          value = next;
          if (this.detached) return;
          try {
            this.applyGroup(i);
          } catch (error) {
            value = previous; // a rejected value leaves the group unchanged
            throw error;
          }
        },
      });
    };
    applied('lr', o.learningRate);
    if (momentumKey === 'momentum') applied('momentum', o.momentum);
    if (momentumKey === 'betas') group.betas = [o.beta1 as number, o.beta2 as number];
    return group;
  }

  /** Pushes group i into its tfjs optimizer, rebuilding the cached scalars that tfjs would not. */
  private applyGroup(i: number): void {
    const group = this.paramGroups[i] as ParamGroup;
    const kind = this.kinds[i] as TfjsOptimizerKind;
    const o = internals(this.optimizers[i] as TfOptimizer);
    checkGroupValues(`tfjsOptimizer.paramGroups[${i}]`, group, kind, (p, v, e) => new OptionError(p, v, e));
    const traits = KIND[kind];
    traits.writeLr(o, group.lr);
    traits.writeMomentum?.(o, group);
  }

  private beforeUpdate(i: number): void {
    if (this.detached) return;
    this.applyGroup(i);
    const { biasCorrection } = KIND[this.kinds[i] as TfjsOptimizerKind];
    if (biasCorrection.length === 0) return;
    const o = internals(this.optimizers[i] as TfOptimizer);
    // tfjs divides by (1 - accBeta1) and then multiplies accBeta1 by the current beta1; PyTorch uses
    // 1 - beta1^t with the current beta1. Setting accBeta1 = beta1^t before every update gives PyTorch's.
    const t = o.iterations + 1;
    tidy(() => {
      for (const [acc, beta] of biasCorrection) o[acc]?.assign(scalar((o[beta] as number) ** t));
    });
  }
}

function internals(opt: TfOptimizer): TfInternals {
  return opt as unknown as TfInternals;
}

function kindOf(option: string, opt: unknown): TfjsOptimizerKind {
  const o = opt as Partial<TfInternals> | null;
  if (typeof o !== 'object' || o === null || typeof o.applyGradients !== 'function' || typeof o.getClassName !== 'function') {
    throw new OptionError(option, opt, 'a tfjs optimizer (tf.train.sgd, momentum, adam, adamax, rmsprop, adagrad or adadelta)');
  }
  const name = o.getClassName();
  if (!(KINDS as readonly string[]).includes(name)) {
    throw new OptionError(option, name, `one of the tfjs optimizer classes ${KINDS.join(', ')} (custom optimizers have no known hyperparameter fields)`);
  }
  return name as TfjsOptimizerKind;
}

function checkGroupValues(path: string, raw: unknown, kind: TfjsOptimizerKind, fail: (path: string, value: unknown, expectation: string) => Error): void {
  if (typeof raw !== 'object' || raw === null) throw fail(path, raw, 'a param group object');
  const group = raw as ParamGroup;
  if (typeof group.lr !== 'number' || !Number.isFinite(group.lr) || group.lr < 0) throw fail(`${path}.lr`, group.lr, 'a finite number >= 0');
  const key = KIND[kind].momentumKey;
  if (key === 'momentum' && (typeof group.momentum !== 'number' || !Number.isFinite(group.momentum))) {
    throw fail(`${path}.momentum`, group.momentum, `a finite number (${kind} has momentum)`);
  }
  if (key === 'betas') {
    const b = group.betas;
    if (!Array.isArray(b) || b.length !== 2 || b.some((x) => typeof x !== 'number' || !(x >= 0 && x < 1))) {
      throw fail(`${path}.betas`, b, `a pair [beta1, beta2] in [0, 1) (${kind} has betas)`);
    }
  }
}

/**
 * Wraps one tfjs optimizer, or several as param groups of one optimizer (e.g. backbone and head), so
 * that any lrkit scheduler drives it. See {@link TfjsOptimizerView} for what is scheduled and how.
 *
 * @example
 * const backbone = tf.train.momentum(0.001, 0.9);
 * const head = tf.train.momentum(0.01, 0.9);
 * const optimizer = tfjsOptimizer([backbone, head]);
 * const scheduler = new CosineAnnealingLR(optimizer, { tMax: 100 });
 * // each step: backbone.minimize(loss, false, backboneVars); head.minimize(loss, false, headVars); scheduler.step();
 */
export function tfjsOptimizer(optimizers: TfOptimizer | readonly TfOptimizer[]): TfjsOptimizerView {
  return new TfjsOptimizerView(optimizers);
}
