import { at, OptionError } from '../errors.js';
import { defineDefinition, instantiate } from './define.js';
import { bisectLeft } from '../bisect.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.piecewiseConstant} (Keras PiecewiseConstantDecay): one more value than boundaries.
 *
 * @example
 * const options: PiecewiseConstantOptions = { boundaries: [10], values: [0.1, 0.01] };
 * schedules.piecewiseConstant(options)(11); // 0.01
 */
export interface PiecewiseConstantOptions {
  /** Strictly increasing steps. */
  boundaries: number[];
  /** One more value than boundaries: `values[i]` holds for `boundaries[i-1] < t <= boundaries[i]`. */
  values: number[];
}

export const piecewiseConstantDefinition = defineDefinition({
  type: 'piecewiseConstant',
  doc: '`values[0]` while `t <= boundaries[0]`, `values[i]` while `boundaries[i-1] < t <= boundaries[i]`, then `values[n]` (Keras PiecewiseConstantDecay).',
  example: { boundaries: [30, 60], values: [0.1, 0.01, 0.001] },
  options: {
    boundaries: { type: { kind: 'numberList', order: 'increasing' }, doc: 'Strictly increasing steps.' },
    values: { type: { kind: 'numberList', minLength: 1 }, doc: 'One more value than boundaries.' },
  },
  check: (o, scope) => {
    const b = o.boundaries;
    const v = o.values;
    if (v.length !== b.length + 1) throw new OptionError(at(scope, 'values'), v, `${b.length + 1} values (one more than boundaries)`);
  },
  build: (o) => {
    const boundaries = o.boundaries;
    const values = o.values;
    // Keras switches *after* a boundary: the count of boundaries strictly below t.
    return (t) => values[bisectLeft(boundaries, t)] as number;
  },
});

/**
 * Piecewise constant values, Keras convention (a value changes on the step after its boundary).
 *
 * @example
 * schedules.piecewiseConstant({ boundaries: [100, 110], values: [1, 0.5, 0.1] })(100); // 1
 */
export function piecewiseConstant(options: PiecewiseConstantOptions): Schedule {
  return instantiate(piecewiseConstantDefinition, options);
}
