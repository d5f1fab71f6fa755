import { defineDefinition, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.constant}.
 *
 * @example
 * const options: ConstantOptions = { value: 0.1 };
 * schedules.constant(options)(1000); // 0.1
 */
export interface ConstantOptions {
  /** The value at every step. */
  value: number;
}

export const constantDefinition = defineDefinition({
  type: 'constant',
  doc: 'The same value at every step.',
  example: { value: 0.1 },
  options: { value: num('The value at every step.') },
  build: (o) => {
    const value = o.value;
    return () => value;
  },
});

/**
 * A constant schedule.
 *
 * @example
 * schedules.constant({ value: 0.1 })(1000); // 0.1
 */
export function constant(options: ConstantOptions): Schedule {
  return instantiate(constantDefinition, options);
}
