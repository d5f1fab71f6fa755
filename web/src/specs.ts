import { JSON_KINDS, schedulerInfo, stepInputOf, type OptionInfo } from '../../src/spec/catalog.js';
import { compileExpression } from '../../src/expr/parseExpression.js';
import { MAX_TRACE_STEPS } from '../../src/spec/trace.js';
import type { CardState, PlaygroundState } from './state.js';

/** A number typed in a field, or the raw text when it is not one (so the library's validation names it). */
function numberOrText(text: string): unknown {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

function listOf(text: string): unknown[] {
  return text.split(/[,\s]+/).filter((x) => x !== '').map(numberOrText);
}

/** Parses one option field by its kind; undefined means "not given" (the default applies). */
export function parseOption(o: OptionInfo, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (JSON_KINDS.has(o.kind)) {
    // Nested specs and structured values are edited as JSON; text that is not JSON goes to the library as is.
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return t;
    }
  }
  switch (o.kind) {
    case 'number':
    case 'integer':
      return numberOrText(t);
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : t;
    case 'perGroup': {
      const items = listOf(t);
      return items.length === 1 ? items[0] : items;
    }
    case 'integers':
    case 'numbers':
      return listOf(t);
    default:
      return t;
  }
}

/** Options the forms leave out: `lastEpoch` only matters when resuming from a checkpoint. */
export function formOptions(type: string): OptionInfo[] {
  return (schedulerInfo(type)?.options ?? []).filter((o) => o.name !== 'lastEpoch');
}

/**
 * Whether a card of `type` may be stepped on a metric: its example is (ReduceLROnPlateau, PlateauSequentialLR),
 * or it wraps schedulers that may be (WarmupLR). Such cards keep a metric expression.
 */
export function mayTakeMetric(type: string): boolean {
  const info = schedulerInfo(type);
  return info !== undefined && (info.stepInput === 'metric' || (info.family === 'bridge' && info.options.some((o) => o.kind === 'scheduler' || o.kind === 'schedulers')));
}

/** The scheduler part of a card's spec: its type and the options typed in the form. */
function schedulerSpec(card: CardState): Record<string, unknown> {
  const scheduler: Record<string, unknown> = { type: card.type };
  for (const o of formOptions(card.type)) {
    const value = parseOption(o, card.options[o.name] ?? '');
    if (value !== undefined) scheduler[o.name] = value;
  }
  return scheduler;
}

/**
 * Whether the card's scheduler, as configured now, is stepped on a metric: the scheduler's own protocol
 * (`stepInput`), so a WarmupLR over a ReduceLROnPlateau takes one. False while the card does not build
 * (its error is shown instead).
 */
export function takesMetric(card: CardState): boolean {
  if (!mayTakeMetric(card.type)) return false;
  try {
    return stepInputOf(schedulerSpec(card)) === 'metric';
  } catch {
    return false;
  }
}

/** The optimizer part of every spec. */
export function optimizerSpec(state: PlaygroundState): Record<string, unknown> {
  const o = state.optimizer;
  const spec: Record<string, unknown> = { type: o.type, lr: numberOrText(o.lr) };
  if (o.type === 'sgd' && o.momentum.trim() !== '') spec.momentum = numberOrText(o.momentum);
  const groups = listOf(o.groupLrs);
  if (groups.length > 0) spec.groups = groups.map((lr) => ({ lr }));
  return spec;
}

/**
 * The trace spec (docs/trace-spec.md) a card describes. Schedulers stepped on a metric get `metrics` from the
 * card's metric expression, evaluated with the library's safe expression parser (never eval).
 */
export function cardSpec(state: PlaygroundState, card: CardState): Record<string, unknown> {
  const scheduler = schedulerSpec(card);
  const steps = numberOrText(state.steps);
  const spec: Record<string, unknown> = { optimizer: optimizerSpec(state), scheduler, steps };
  if (takesMetric(card) && typeof steps === 'number' && Number.isInteger(steps) && steps >= 0 && steps <= MAX_TRACE_STEPS) {
    const metric = compileExpression(card.metric ?? '1', ['step'], 'metric');
    spec.metrics = Array.from({ length: steps }, (_, i) => metric({ step: i + 1 }));
  }
  return spec;
}
