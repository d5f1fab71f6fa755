import { COMBINATORS } from '../combinators/registry.js';
import { RECIPES } from '../recipes/registry.js';
import type { ScheduleDefinition } from '../schedules/define.js';
import { PRIMITIVES } from '../schedules/registry.js';

/** Every schedule `type` a spec may use: primitives, combinators and recipes. */
export const SCHEDULE_DEFINITIONS: Readonly<Record<string, ScheduleDefinition>> = Object.freeze({ ...PRIMITIVES, ...COMBINATORS, ...RECIPES });

/** True when `type` names a pure schedule (rather than a PyTorch-layer scheduler). */
export function isScheduleType(type: unknown): type is string {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(SCHEDULE_DEFINITIONS, type);
}
