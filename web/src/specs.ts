import { JSON_KINDS, schedulerInfo, type OptionInfo } from '../../src/spec/catalog.js';
import { compileExpression } from '../../src/expr/parseExpression.js';
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

/** Whether a card of `type` needs a per-step metric (ReduceLROnPlateau, PlateauSequentialLR). */
export function takesMetric(type: string): boolean {
  return schedulerInfo(type)?.stepPer === 'metric';
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
 * The trace spec (DESIGN §5) a card describes. Metric-driven schedulers get `metrics` from the card's metric
 * expression, evaluated with the library's safe expression parser (never eval).
 */
export function cardSpec(state: PlaygroundState, card: CardState): Record<string, unknown> {
  const scheduler: Record<string, unknown> = { type: card.type };
  for (const o of formOptions(card.type)) {
    const value = parseOption(o, card.options[o.name] ?? '');
    if (value !== undefined) scheduler[o.name] = value;
  }
  const steps = numberOrText(state.steps);
  const spec: Record<string, unknown> = { optimizer: optimizerSpec(state), scheduler, steps };
  if (takesMetric(card.type) && typeof steps === 'number' && Number.isInteger(steps) && steps >= 0 && steps <= 1_000_000) {
    const metric = compileExpression(card.metric ?? '1', ['step'], 'metric');
    spec.metrics = Array.from({ length: steps }, (_, i) => metric({ step: i + 1 }));
  }
  return spec;
}
