import type { ScheduleDefinition } from '../schedules/define.js';
import { goyalDefinition } from './goyal.js';
import { HF_DEFINITIONS } from './huggingface.js';
import { KERAS_DEFINITIONS } from './keras.js';
import { OPTAX_DEFINITIONS } from './optax.js';
import { TIMM_DEFINITIONS } from './timm.js';

/** Every recipe definition, by spec `type` (`hf.cosine`, `timm.cosine`, `keras.CosineDecay`, `optax.sgdr`, `goyal`, ...). */
export const RECIPES: Readonly<Record<string, ScheduleDefinition>> = Object.freeze(
  Object.fromEntries([...HF_DEFINITIONS, ...TIMM_DEFINITIONS, ...KERAS_DEFINITIONS, ...OPTAX_DEFINITIONS, goyalDefinition].map((d) => [d.type, d])),
);
