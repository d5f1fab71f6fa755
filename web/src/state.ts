import { JSON_KINDS, SCHEDULER_CATALOG, schedulerInfo, type OptionInfo } from '../../src/spec/catalog.js';
import { SCHEDULE_ALIASES } from '../../src/spec/scheduleDefinitions.js';
import { formOptions, mayTakeMetric } from './specs.js';

/** One scheduler card: its type and the raw text of each option field (kept raw so bad input survives a share). */
export interface CardState {
  type: string;
  options: Record<string, string>;
  /** The synthetic metric of schedulers stepped on one (ReduceLROnPlateau, a WarmupLR over it), an expression in `step`. */
  metric?: string;
}

/** Everything the playground shows; serialized into the URL hash. */
export interface PlaygroundState {
  steps: string;
  optimizer: { type: 'sgd' | 'adam'; lr: string; momentum: string; groupLrs: string };
  log: boolean;
  cards: CardState[];
}

/** Text of an option value for an input field. */
export function optionText(o: OptionInfo, value: unknown): string {
  if (value === undefined) return '';
  if (JSON_KINDS.has(o.kind)) return JSON.stringify(value);
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** A card showing the catalog example of `type` (any scheduler, schedule, combinator or recipe). */
export function defaultCard(type: string): CardState {
  const info = schedulerInfo(type) ?? SCHEDULER_CATALOG[0]!;
  const options: Record<string, string> = {};
  for (const o of formOptions(info.type)) options[o.name] = optionText(o, info.example[o.name]);
  return { type: info.type, options, ...(mayTakeMetric(info.type) ? { metric: 'max(0.3, 1 - step / 40)' } : {}) };
}

/** The state a fresh playground starts with. */
export function defaultState(): PlaygroundState {
  return {
    steps: '100',
    optimizer: { type: 'sgd', lr: '0.1', momentum: '0.9', groupLrs: '' },
    log: false,
    cards: [defaultCard('OneCycleLR'), defaultCard('StepLR')],
  };
}

/** URL hash of a state (`#s=` + URI-encoded JSON: readable, and exact for every typed character). */
export function encodeState(state: PlaygroundState): string {
  return `#s=${encodeURIComponent(JSON.stringify(state))}`;
}

/** Reads a state from a URL hash; returns null (and the reason) if it is missing or malformed. */
export function decodeState(hash: string): { state: PlaygroundState | null; error: string | null } {
  if (!hash.startsWith('#s=')) return { state: null, error: null };
  try {
    const raw = JSON.parse(decodeURIComponent(hash.slice(3))) as Partial<PlaygroundState>;
    const base = defaultState();
    if (typeof raw !== 'object' || raw === null || !Array.isArray(raw.cards)) throw new Error('no cards');
    const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
    const cards = raw.cards
      .filter((c): c is CardState => typeof c === 'object' && c !== null && typeof c.type === 'string')
      // Links shared before the types were renamed use upstream names ('hf.cosine_with_restarts'): read them as aliases.
      .map((c) => ({ ...c, type: Object.prototype.hasOwnProperty.call(SCHEDULE_ALIASES, c.type) ? (SCHEDULE_ALIASES[c.type] as string) : c.type }))
      .filter((c) => schedulerInfo(c.type) !== undefined)
      .map((c) => ({
        type: c.type,
        options: Object.fromEntries(Object.entries(typeof c.options === 'object' && c.options !== null ? c.options : {}).map(([k, v]) => [k, String(v)])),
        ...(typeof c.metric === 'string' ? { metric: c.metric } : {}),
      }));
    const o = (raw.optimizer ?? {}) as Partial<PlaygroundState['optimizer']>;
    return {
      state: {
        steps: str(raw.steps, base.steps),
        optimizer: { type: o.type === 'adam' ? 'adam' : 'sgd', lr: str(o.lr, base.optimizer.lr), momentum: str(o.momentum, base.optimizer.momentum), groupLrs: str(o.groupLrs, '') },
        log: raw.log === true,
        cards,
      },
      error: null,
    };
  } catch (error) {
    return { state: null, error: `The shared link could not be read (${(error as Error).message}); showing the default playground.` };
  }
}
