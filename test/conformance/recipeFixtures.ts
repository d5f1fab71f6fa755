import { readFileSync } from 'node:fs';

/** A case recorded by scripts/gen_recipe_fixtures.py from the real library. */
export interface RecipeCase {
  id: string;
  /** lrkit's spec type and options for the upstream call (transformers, timm). */
  type?: string;
  options?: Record<string, unknown>;
  /** The upstream call as made: constructor name and keyword arguments (always present). */
  upstream: Record<string, unknown> & { name?: string; class?: string; kwargs?: Record<string, unknown> };
  steps?: number[];
  /** The library's values at `steps`, in its default precision (float32 for Keras and Optax). */
  values?: Array<number | string>;
  /** Keras / Optax only: the same values computed by the library in float64 (jax x64). */
  values64?: Array<number | string>;
  /** The library raised this, at construction or (with `step`) while evaluating. */
  error?: { type: string; message: string; step?: number };
  /** Metric-driven schedulers: one metric per step, and the lr after construction and after each step. */
  metrics?: number[];
  epochs?: number[];
  lr?: number[];
  /** A trace spec replayed by lrkit's driver (transformers' reduce_lr_on_plateau is torch's class). */
  trace?: Record<string, unknown>;
  /** timm `get_cycle_length(cycles)` pairs. */
  cycleLength?: Array<[number, number]>;
}

export interface RecipeFixture {
  library: string;
  version: string;
  cases: RecipeCase[];
}

export function loadRecipeFixture(library: 'transformers' | 'timm' | 'keras' | 'optax'): RecipeFixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/recipes/${library}.json`, import.meta.url), 'utf8')) as RecipeFixture;
}

/** Fixture numbers: JSON has no Infinity/NaN, the generator writes them as strings. */
export function fixtureNumber(x: number | string): number {
  return typeof x === 'number' ? x : Number(x);
}

export function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function camelKeys(kwargs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [snakeToCamel(k), v]));
}

/** The lrkit spec a user writes for a Keras schedule: `keras.<ClassName>` with the arguments in lowerCamelCase. */
export function kerasSpec(c: RecipeCase): Record<string, unknown> {
  return { type: `keras.${String(c.upstream.name)}`, ...camelKeys(c.upstream.kwargs ?? {}) };
}

/**
 * The lrkit spec a user writes for an Optax schedule: `optax.<name without _schedule>` with the arguments in
 * lowerCamelCase; `join_schedules` is lrkit's `join` combinator (same semantics: each piece on its own clock).
 */
export function optaxSpec(u: { name?: unknown; kwargs?: Record<string, unknown>; children?: unknown; boundaries?: unknown }): Record<string, unknown> {
  if (u.name === 'join_schedules') {
    return { type: 'join', schedules: (u.children as Array<typeof u>).map(optaxSpec), boundaries: u.boundaries };
  }
  const kwargs = { ...(u.kwargs ?? {}) };
  if (Array.isArray(kwargs.cosine_kwargs)) kwargs.cosine_kwargs = (kwargs.cosine_kwargs as Array<Record<string, unknown>>).map(camelKeys);
  return { type: `optax.${String(u.name).replace(/_schedule$/, '')}`, ...camelKeys(kwargs) };
}
