import { at, OptionError, ScheduleError, StateError, type Where } from '../errors.js';
import type { Optimizer } from '../optim/Optimizer.js';
import { specOf, type ScheduleLike, type ScheduleSpec } from '../schedules/Schedule.js';
import type { JsonValue, StateReader } from '../state.js';
import { bool, defineOptions, lastEpoch } from '../torch/defineOptions.js';
import { checkOptimizer, LRScheduler, type LastEpochOption, type SchedulerSpec } from '../torch/LRScheduler.js';

/**
 * Options of {@link ScheduleLR}: the schedule of the absolute lr (or, with `relative`, of a factor of each group's initial lr).
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.1 });
 * const options: ScheduleLROptions = { schedule: schedules.linear({ from: 0.1, to: 0, steps: 10 }) };
 * new ScheduleLR(optimizer, options).getLastLr(); // [0.1]
 */
export interface ScheduleLROptions extends LastEpochOption {
  /** A pure schedule or recipe for every group, or one per group. */
  schedule: ScheduleLike | ScheduleLike[];
  /**
   * false (default): the schedule gives the lr itself. true: it gives a factor of each group's
   * `initialLr`, like PyTorch's LambdaLR (use a unit-peak recipe, e.g. `hf.cosine({ lr: 1, ... })`).
   */
  relative?: boolean;
}

/** ScheduleLR's options as data (defaults, validation, schema, docs, codegen). */
export const scheduleLROptions = defineOptions<ScheduleLROptions>()({
  type: 'ScheduleLR',
  doc: 'lrkit: drive a pure schedule or recipe (or one per group) on the optimizer, with exact JSON state.',
  module: 'lrkit',
  stepPer: 'any',
  cyclesMomentum: false,
  options: {
    schedule: {
      type: {
        kind: 'custom',
        schema: { oneOf: [{ $ref: '#/$defs/schedule' }, { type: 'array', items: { $ref: '#/$defs/schedule' }, minItems: 1 }] },
        expectation: 'a schedule spec, or one per group',
        form: 'schedule',
        // In code: schedules (functions); a spec's schedule specs are built before the class sees them.
        check: (path, value) => {
          if (Array.isArray(value)) value.forEach((s, i) => checkFn(at(path, i), s));
          else checkFn(path, value);
          return value as never;
        },
      },
      doc: 'The schedule(s).',
      pytorch: '',
    },
    relative: bool('', 'The schedule gives a factor of each group initialLr.', false),
    lastEpoch: lastEpoch(''),
  },
  example: { schedule: { type: 'cosine', from: 1, steps: 100, to: 0.01 }, relative: true },
});

/**
 * Drives pure schedules and recipes on an optimizer, LambdaLR-style: after the k-th `step()` every group's
 * lr is `schedule(k)` (or `initialLr * schedule(k)` when `relative`). It behaves like every PyTorch-layer
 * scheduler: construction performs the initial step (writes `schedule(0)`), it can live inside
 * SequentialLR / ChainedScheduler (at a SequentialLR milestone it restarts at `schedule(0)`), and
 * `step(epoch)` jumps to an epoch. Its state is exact JSON: the step counters plus the schedules' specs,
 * which `loadStateDict` checks against its own so a state cannot be loaded into a different schedule.
 * A schedule without a spec (a plain function) saves `"schedules": "not-serializable"`.
 *
 * @example
 * const optimizer = createOptimizer({ lr: 0.1 });
 * const scheduler = new ScheduleLR(optimizer, { schedule: hf.cosine({ lr: 0.1, numWarmupSteps: 10, numTrainingSteps: 100 }) });
 * optimizer.step();
 * scheduler.step();
 * optimizer.paramGroups[0]!.lr; // 0.01
 */
export class ScheduleLR extends LRScheduler {
  readonly type = 'ScheduleLR';
  readonly schedules: readonly ScheduleLike[];
  readonly relative: boolean;

  /** `where`: where the options sit in a larger spec, for error paths (default: the class name). */
  constructor(optimizer: Optimizer, options: ScheduleLROptions, where: Where = 'ScheduleLR') {
    const o = scheduleLROptions.normalize(options, where);
    const groups = checkOptimizer(where, optimizer).paramGroups.length;
    const raw = o.schedule;
    let schedules: ScheduleLike[];
    if (Array.isArray(raw)) {
      if (raw.length !== groups) throw new OptionError(at(where, 'schedule'), raw, `one schedule per param group (${groups}), or a single schedule`);
      schedules = [...raw];
    } else {
      schedules = new Array<ScheduleLike>(groups).fill(raw);
    }
    super(optimizer, o.lastEpoch, where);
    this.schedules = schedules;
    this.relative = o.relative;
    this.initialStep();
  }

  /** The spec, with the schedules' specs; a plain-function schedule has no JSON form and throws an OptionError. */
  toSpec(): SchedulerSpec {
    const specs = this.schedules.map((f, i) => {
      const spec = specOf(f);
      if (spec === undefined) throw new OptionError(at(this.type, 'schedule', i), f, 'a schedule built by lrkit (a plain function, or a combinator of one, has no spec)');
      return structuredClone(spec) as ScheduleSpec;
    });
    const same = this.schedules.every((f) => f === this.schedules[0]);
    return { type: this.type, schedule: same ? specs[0] : specs, relative: this.relative };
  }

  protected computeLr(out: number[]): void {
    this.fill(out, this.lastEpoch);
  }

  protected override closedFormLr(out: number[]): void {
    this.fill(out, this.lastEpoch);
  }

  private fill(out: number[], step: number): void {
    for (let i = 0; i < out.length; i++) {
      const v = (this.schedules[i] as ScheduleLike)(step);
      const lr = this.relative ? (this.baseLrs[i] as number) * v : v;
      if (!Number.isFinite(lr)) throw new ScheduleError(`ScheduleLR: the schedule of param group ${i} gives lr ${lr} at step ${step}; an lr must be a finite number`);
      out[i] = lr;
    }
  }

  /** The schedules' specs, or null when one is a plain function. */
  get specs(): ScheduleSpec[] | null {
    const specs = this.schedules.map(specOf);
    return specs.every((s) => s !== undefined) ? (specs as ScheduleSpec[]) : null;
  }

  protected override extraState(): Record<string, JsonValue> {
    return { relative: this.relative, schedules: this.specs ?? 'not-serializable' };
  }

  protected override readExtraState(reader: StateReader): () => void {
    if (reader.has('relative') && reader.raw('relative') !== this.relative) {
      throw new StateError(`${reader.path}.relative`, `the state was saved with relative ${String(reader.raw('relative'))} but this scheduler has ${String(this.relative)}`);
    }
    if (reader.has('schedules')) {
      const saved = reader.raw('schedules');
      const mine = this.specs;
      if (Array.isArray(saved) && mine !== null && JSON.stringify(saved) !== JSON.stringify(mine)) {
        throw new StateError(`${reader.path}.schedules`, 'the state was saved with different schedules than this scheduler has');
      }
    }
    return () => {};
  }
}

function checkFn(option: Where, value: unknown): ScheduleLike {
  if (typeof value !== 'function') throw new OptionError(option, value, 'a schedule (a function of the step)');
  return value as ScheduleLike;
}
