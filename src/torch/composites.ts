import { at, MAX_NESTING, NestingError, OptionError, ScheduleError, toPath, type Where } from '../errors.js';
import type { Optimizer, ParamGroup } from '../optim/Optimizer.js';
import { positiveInteger } from '../validate.js';
import type { Scheduler, SchedulerSpec } from './LRScheduler.js';
import type { Chainable } from './LRScheduler.js';

/** Checks a composite's children: chainable, on one optimizer, and not ReduceLROnPlateau (as PyTorch 2.x). */
export function checkChildren(type: string, scope: Where, schedulers: unknown, optimizer: Optimizer | undefined): { children: Chainable[]; optimizer: Optimizer } {
  if (!Array.isArray(schedulers) || schedulers.length === 0) {
    throw new OptionError(at(scope, 'schedulers'), schedulers, 'a non-empty array of schedulers');
  }
  const first = schedulers[0] as Partial<Scheduler> | null;
  const target = optimizer ?? (first !== null && typeof first === 'object' ? first.optimizer : undefined);
  schedulers.forEach((s: unknown, i) => {
    const child = s as Partial<Chainable> | null;
    if (child === null || typeof child !== 'object' || typeof child.step !== 'function') {
      throw new OptionError(at(scope, 'schedulers', i), s, 'a scheduler');
    }
    if ((child as Partial<Scheduler>).stepInput !== 'none' || typeof child.initialStep !== 'function') {
      throw new OptionError(
        at(scope, 'schedulers', i),
        child.type ?? s,
        `a chainable scheduler (${type} does not support schedulers stepped on a metric such as ReduceLROnPlateau; use PlateauSequentialLR instead)`,
      );
    }
    if (child.optimizer !== target) {
      throw new OptionError(at(scope, 'schedulers', i, 'optimizer'), child.type, `the same optimizer as the ${type}`);
    }
  });
  return { children: schedulers as Chainable[], optimizer: target as Optimizer };
}

/** Milestones of a sequence: one fewer than its schedulers, positive integers, strictly increasing. */
export function checkMilestones(scope: Where, raw: unknown, schedulerCount: number): number[] {
  if (!Array.isArray(raw) || raw.length !== schedulerCount - 1) {
    throw new OptionError(at(scope, 'milestones'), raw, `an array of ${schedulerCount - 1} milestones (one fewer than the ${schedulerCount} schedulers)`);
  }
  const milestones = Array.from(raw, (m, i) => positiveInteger(at(scope, 'milestones', i), m));
  for (let i = 1; i < milestones.length; i++) {
    if ((milestones[i] as number) <= (milestones[i - 1] as number)) throw new OptionError(at(scope, 'milestones'), raw, 'strictly increasing milestones');
  }
  return milestones;
}

/** Copies the groups' lrs into `out` (what PyTorch's composites report as their last lr). */
export function readGroupLrs(optimizer: Optimizer, out: number[]): void {
  const groups = optimizer.paramGroups;
  for (let i = 0; i < groups.length; i++) out[i] = (groups[i] as ParamGroup).lr;
}

/** Loads every child's state, or none: on failure the children are put back as they were. */
export function loadChildren(children: readonly Scheduler[], states: unknown[], path: string): void {
  const before = children.map((c) => c.stateDict());
  try {
    children.forEach((child, i) => child.loadStateDict(states[i], `${path}[${i}]`));
  } catch (error) {
    children.forEach((child, i) => child.loadStateDict(before[i]));
    throw error;
  }
}

export function cannotRestart(type: string): never {
  throw new ScheduleError(
    `${type}: cannot be restarted at a milestone of an enclosing SequentialLR (PyTorch raises NotImplementedError here); place it first in the sequence`,
  );
}

/**
 * A child's spec inside a composite's `toSpec()`. A child that has no spec (a JavaScript-function lambda, say) is
 * reported at its place in the tree (`['SequentialLR', 'schedulers', 1, 'lrLambda']`), not under its own name.
 */
export function childSpec(where: Where, child: Pick<Scheduler, 'toSpec'>): SchedulerSpec {
  try {
    return child.toSpec();
  } catch (e) {
    if (e instanceof OptionError && e.constructor === OptionError) throw new OptionError([...toPath(where), ...e.path.slice(1)], e.value, e.expectation);
    throw e;
  }
}

/** How many levels of schedulers sit below each composite built so far (a plain scheduler: none). */
const HEIGHTS = new WeakMap<object, number>();

/**
 * Counts a composite's nesting as a spec's is counted (see MAX_NESTING), so one built in code cannot be deeper
 * than a spec may be: every recursive walk (step, toSpec, state, code export) stays far from the stack limit.
 * Call it from the composite's constructor with its direct children.
 */
export function countNesting(where: Where, composite: object, children: readonly object[]): void {
  let below = 0;
  for (const child of children) below = Math.max(below, (HEIGHTS.get(child) ?? 0) + 1);
  if (below > MAX_NESTING) throw new NestingError(where, MAX_NESTING);
  HEIGHTS.set(composite, below);
}
