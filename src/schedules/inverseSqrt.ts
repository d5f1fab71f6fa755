import { defineDefinition, instantiate, num } from './define.js';
import type { Schedule } from './Schedule.js';

/**
 * Options of {@link schedules | schedules.inverseSqrt}.
 *
 * @example
 * const options: InverseSqrtOptions = { from: 1, timescale: 10 };
 * schedules.inverseSqrt(options)(30); // 0.5
 */
export interface InverseSqrtOptions {
  /** Value at step 0. */
  from: number;
  /** Steps for the value to fall by a factor sqrt(2), > 0 (Hugging Face / big_vision `timescale`). */
  timescale: number;
}

export const inverseSqrtDefinition = defineDefinition({
  type: 'inverseSqrt',
  doc: '`from / sqrt((t + timescale) / timescale)`: inverse square-root decay that starts at `from` (Hugging Face inverse_sqrt after warmup).',
  example: { from: 0.1, timescale: 10 },
  options: {
    from: num('Value at step 0.'),
    timescale: num('Time scale of the decay.', { min: 0, minExclusive: true }),
  },
  build: (o) => {
    const from = o.from;
    const timescale = o.timescale;
    return (t) => from * (1.0 / Math.sqrt((t + timescale) / timescale));
  },
});

/**
 * Inverse square-root decay.
 *
 * @example
 * schedules.inverseSqrt({ from: 1, timescale: 100 })(300); // 0.5
 */
export function inverseSqrt(options: InverseSqrtOptions): Schedule {
  return instantiate(inverseSqrtDefinition, options);
}
