import { at, OptionError, ScheduleError, type Path } from '../errors.js';
import { defineDefinition, instantiate, num, scheduleOption, type ScheduleDefinition } from '../schedules/define.js';
import { PRIMITIVES } from '../schedules/registry.js';
import { specOf, type Schedule, type ScheduleSpec } from '../schedules/Schedule.js';

/**
 * Options of {@link schedules | schedules.cycles} (timm's `cycle_mul`, `cycle_decay`, `cycle_limit`, `k_decay`).
 *
 * @example
 * const options: CyclesOptions = { mul: 1, decay: 0.5, limit: 2 };
 * const s = schedules.cycles(schedules.cosine({ from: 1, steps: 10 }), options);
 * s(10); // 0.5
 */
export interface CyclesOptions {
  /** Length of the first cycle. Default: the template's `steps`. */
  length?: number;
  /** Each cycle is `mul` times longer than the previous (timm `cycle_mul`), > 0. Default 1. */
  mul?: number;
  /** Each cycle's peak (`from`) is `decay` times the previous (timm `cycle_decay`). Default 1. */
  decay?: number;
  /** Number of cycles; after them the value is `after` (timm `cycle_limit`). Default: unlimited. */
  limit?: number;
  /** k-decay time warp: the cycle runs at t^k / T^k (timm `k_decay`). Default 1. */
  kDecay?: number;
  /** Value after the last cycle. Default: the template's `to`, or its value at its end. */
  after?: number;
}

interface Template {
  definition: ScheduleDefinition;
  spec: ScheduleSpec;
  from: number;
}

function readTemplate(option: Path, schedule: unknown): Template {
  const spec = specOf(schedule as Schedule);
  const definition = spec === undefined ? undefined : PRIMITIVES[spec.type];
  if (spec === undefined || definition === undefined || typeof spec.from !== 'number' || typeof spec.steps !== 'number') {
    throw new OptionError(option, spec?.type ?? schedule, 'a primitive schedule with `from` and `steps` (e.g. cosine, polynomial, tanh, linear) to use as the cycle template');
  }
  return { definition, spec, from: spec.from };
}

export const cyclesDefinition = defineDefinition({
  type: 'cycles',
  doc: "Repeats a primitive schedule as cycles that can grow (mul), decay (decay), stop (limit) and warp time (kDecay), with timm's cycle arithmetic.",
  example: { schedule: { type: 'cosine', from: 0.1, steps: 20 }, mul: 2, limit: 3 },
  options: {
    schedule: scheduleOption('The first cycle: a primitive with `from` and `steps`.'),
    length: num('Length of the first cycle (default: the template steps).', { min: 0, minExclusive: true, optional: true }),
    mul: num('Growth factor of the cycle length.', { min: 0, minExclusive: true, default: 1 }),
    decay: num('Factor of the peak per cycle.', { min: 0, default: 1 }),
    limit: { type: { kind: 'integer', min: 1 }, doc: 'Number of cycles (default: unlimited).', optional: true },
    kDecay: num('k-decay exponent.', { min: 0, minExclusive: true, default: 1 }),
    after: num('Value after the last cycle.', { optional: true }),
  },
  check: (o, scope) => {
    readTemplate(at(scope, 'schedule'), o.schedule);
  },
  build: (o, scope) => {
    const template = readTemplate(at(scope, 'schedule'), o.schedule);
    const length = o.length ?? (template.spec.steps as number);
    const mul = o.mul;
    const decay = o.decay;
    const limit = o.limit;
    const k = o.kDecay;
    const { type: _type, ...templateOptions } = template.spec;
    const instance = (i: number, tI: number) => instantiate(template.definition, { ...templateOptions, steps: tI, from: template.from * decay ** i });
    const after = o.after ?? (typeof template.spec.to === 'number' ? template.spec.to : instance(0, length)(length));
    const cache = new Map<number, Schedule>();
    return (step) => {
      const t = Math.max(step, 0);
      let i: number;
      let tI: number;
      let tCurr: number;
      // timm's cycle arithmetic (cosine_lr.py), operation for operation.
      if (mul !== 1) {
        const x = 1 - (t / length) * (1 - mul);
        // Shrinking cycles (mul < 1) add up to length / (1 - mul): there is no cycle after that (timm's math.log raises).
        if (!(x > 0)) throw new ScheduleError(`cycles: shrinking cycles (mul ${mul} < 1) end at t = ${length / (1 - mul)}; t = ${step} is past their end`);
        i = Math.floor(Math.log(x) / Math.log(mul));
        tI = mul ** i * length;
        tCurr = t - ((1 - mul ** i) / (1 - mul)) * length;
      } else {
        i = Math.floor(t / length);
        tI = length;
        tCurr = t - length * i;
      }
      if (limit !== undefined && i >= limit) return after;
      let piece = cache.get(i);
      if (piece === undefined) {
        if (cache.size > 64) cache.clear();
        piece = instance(i, tI);
        cache.set(i, piece);
      }
      return piece(k === 1 ? tCurr : tI * (tCurr ** k / tI ** k));
    };
  },
});

/**
 * Cycles of a primitive schedule (timm's cycle machinery, written once for every shape).
 *
 * @example
 * // timm CosineLRScheduler(t_initial=10, cycle_mul=2, cycle_decay=0.5, cycle_limit=3)
 * const s = schedules.cycles(schedules.cosine({ from: 0.1, to: 1e-5, steps: 10 }), { mul: 2, decay: 0.5, limit: 3 });
 */
export function cycles(schedule: Schedule, options: CyclesOptions = {}): Schedule {
  return instantiate(cyclesDefinition, { ...options, schedule });
}
