import { StateError, type Where } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { encodeFloat, openState, schedulerState, type SchedulerState } from '../state.js';
import { duringInitialization, type Chainable, type SchedulerSpec } from './LRScheduler.js';
import { defineOptions, schedulers, torchEpoch } from './defineOptions.js';
import { cannotRestart, checkChildren, childSpec, countNesting, loadChildren, readGroupLrs } from './composites.js';

/** ChainedScheduler's options as data (schema, docs, codegen); in code it takes the children directly. */
export const chainedSchedulerOptions = defineOptions<{ schedulers: Chainable[] }>()({
  type: 'ChainedScheduler',
  doc: 'Step every child each step, so their factors multiply.',
  ...torchEpoch,
  options: { schedulers: schedulers('Scheduler specs, all stepped each step.') },
  example: { schedulers: [{ type: 'ConstantLR', factor: 0.1, totalIters: 5 }, { type: 'ExponentialLR', gamma: 0.97 }] },
});

/**
 * PyTorch `ChainedScheduler`: every `step()` steps all children in order, so their effects multiply
 * (chainable form). Children keep the steps they took at construction.
 *
 * @example
 * const optimizer = createOptimizer({ lr: 1 });
 * const scheduler = new ChainedScheduler([
 *   new ConstantLR(optimizer, { factor: 0.1, totalIters: 2 }),
 *   new ExponentialLR(optimizer, { gamma: 0.9 }),
 * ]);
 * scheduler.getLastLr(); // [0.1]
 * optimizer.step();
 * scheduler.step();
 * scheduler.getLastLr(); // [0.09000000000000001]
 */
export class ChainedScheduler implements Chainable {
  readonly type = 'ChainedScheduler';
  readonly stepInput = 'none';
  readonly acceptsEpoch = false;
  readonly optimizer: Optimizer;
  readonly schedulers: readonly Chainable[];
  private readonly lastLr: number[];

  /** `where`: where the children sit in a larger spec, for error paths (default: the class name). */
  constructor(schedulers: Chainable[], optimizer?: Optimizer, where: Where = 'ChainedScheduler') {
    const checked = checkChildren('ChainedScheduler', where, schedulers, optimizer);
    this.optimizer = checked.optimizer;
    this.schedulers = checked.children;
    countNesting(where, this, this.schedulers);
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The spec, with each child's spec. */
  toSpec(): SchedulerSpec {
    return { type: this.type, schedulers: this.schedulers.map((c, i) => childSpec([this.type, 'schedulers', i], c)) };
  }

  undoInitialStep(): void {
    for (const child of this.schedulers) child.undoInitialStep();
  }

  initialStep(): void {
    duringInitialization(() => this.step());
  }

  updateLr(_epoch: number): void {
    cannotRestart(this.type);
  }

  step(): void {
    for (const child of this.schedulers) child.step();
    readGroupLrs(this.optimizer, this.lastLr);
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): SchedulerState {
    return schedulerState(this.type, { lastLr: this.lastLr.map(encodeFloat), schedulers: this.schedulers.map((s) => s.stateDict()) });
  }

  loadStateDict(state: unknown, path = 'state'): void {
    const reader = openState(path, state, this.type);
    const lastLr = reader.floats('lastLr', this.lastLr.length);
    const states = reader.list('schedulers');
    if (states.length !== this.schedulers.length) {
      throw new StateError(`${path}.schedulers`, `expected ${this.schedulers.length} child states, got ${states.length}`);
    }
    loadChildren(this.schedulers, states, `${path}.schedulers`);
    lastLr.forEach((v, i) => (this.lastLr[i] = v));
  }
}
