import type { ScheduleDefinition } from '../schedules/define.js';
import { clampDefinition } from './clamp.js';
import { cyclesDefinition } from './cycles.js';
import { joinDefinition } from './join.js';
import { perEpochDefinition } from './perEpoch.js';
import { scaleDefinition } from './scale.js';
import { seededNoiseDefinition } from './seededNoise.js';
import { warmupDefinition } from './warmup.js';

/** Every combinator definition, by spec `type`. */
export const COMBINATORS: Readonly<Record<string, ScheduleDefinition>> = Object.freeze(
  Object.fromEntries(
    [joinDefinition, warmupDefinition, scaleDefinition, clampDefinition, seededNoiseDefinition, cyclesDefinition, perEpochDefinition].map((d) => [d.type, d]),
  ),
);
