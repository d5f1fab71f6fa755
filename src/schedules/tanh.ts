import { at, OptionError } from '../errors.js';
import { defineDefinition, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.tanh} (timm TanhLRScheduler's `lb`, `ub`).
 *
 * @example
 * const options: TanhOptions = { from: 0.1, to: 0, steps: 100, lb: -7, ub: 3 };
 * schedules.tanh(options)(100) < 0.001; // true
 */
export interface TanhOptions {
  /** Peak value. */
  from: number;
  /** Floor. Default 0. */
  to?: number;
  /** Length of the decay, > 0; the value holds after it. */
  steps: number;
  /** Lower bound of the tanh argument. Default -7. */
  lb?: number;
  /** Upper bound of the tanh argument. Default 3. */
  ub?: number;
}

export const tanhDefinition = defineDefinition({
  type: 'tanh',
  doc: 'Hyperbolic-tangent decay `to + 0.5 * (from - to) * (1 - tanh(lb * (1 - r) + ub * r))`, r = t / steps (timm TanhLRScheduler).',
  example: { from: 0.1, steps: 100 },
  options: {
    from: num('Peak value.'),
    to: num('Floor.', { default: 0 }),
    steps: num('Length of the decay.', { min: 0, minExclusive: true }),
    lb: num('Lower bound of the tanh argument.', { default: -7 }),
    ub: num('Upper bound of the tanh argument.', { default: 3 }),
  },
  check: (o, scope) => {
    if (o.lb >= o.ub) throw new OptionError(at(scope, 'lb'), o.lb, `a number below ub (${String(o.ub)})`);
  },
  build: (o) => {
    const from = o.from;
    const to = o.to;
    const steps = o.steps;
    const lb = o.lb;
    const ub = o.ub;
    return (t) => {
      const tr = Math.min(Math.max(t, 0), steps) / steps;
      return to + 0.5 * (from - to) * (1 - Math.tanh(lb * (1.0 - tr) + ub * tr));
    };
  },
});

/**
 * timm's tanh decay (note: it starts slightly below `from` and ends slightly above `to`, as in timm).
 *
 * @example
 * const s = schedules.tanh({ from: 0.1, steps: 100 });
 * s(0) > 0.0999; // true
 * s(100) < 0.0003; // true
 */
export function tanh(options: TanhOptions): Schedule {
  return instantiate(tanhDefinition, options);
}
