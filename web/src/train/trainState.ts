import { decodeState, defaultState, encodeState, type PlaygroundState } from '../state.js';
import { BACKENDS, defaultTrainSettings, OPTIMIZERS, type TrainSettings } from './plan.js';

/** What the Train view keeps in its URL: the playground's cards (same encoding) and the training form. */
export interface TrainPageState {
  playground: PlaygroundState;
  train: TrainSettings;
}

const TRAIN_KEY = '&t=';

/** `#s=<playground state>&t=<train settings>`: the `#s=` part is exactly the playground's own link. */
export function encodeTrainPage(state: TrainPageState): string {
  return `${encodeState(state.playground)}${TRAIN_KEY}${encodeURIComponent(JSON.stringify(state.train))}`;
}

/** Reads the Train view's hash; a playground link (no `&t=`) gets the default training form. */
export function decodeTrainPage(hash: string): { state: TrainPageState; error: string | null; fromPlayground: boolean } {
  const at = hash.indexOf(TRAIN_KEY);
  const playgroundHash = at >= 0 ? hash.slice(0, at) : hash;
  const decoded = decodeState(playgroundHash);
  const playground = decoded.state ?? defaultState();
  if (at < 0) return { state: { playground, train: defaultTrainSettings() }, error: decoded.error, fromPlayground: decoded.state !== null };
  const base = defaultTrainSettings();
  try {
    const raw = JSON.parse(decodeURIComponent(hash.slice(at + TRAIN_KEY.length))) as Partial<Record<keyof TrainSettings, unknown>>;
    const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
    const train: TrainSettings = {
      hidden: str(raw.hidden, base.hidden),
      optimizer: (OPTIMIZERS as readonly unknown[]).includes(raw.optimizer) ? (raw.optimizer as TrainSettings['optimizer']) : base.optimizer,
      lr: str(raw.lr, base.lr),
      momentum: str(raw.momentum, base.momentum),
      batchSize: str(raw.batchSize, base.batchSize),
      epochs: str(raw.epochs, base.epochs),
      trainDigits: str(raw.trainDigits, base.trainDigits),
      seed: str(raw.seed, base.seed),
      backend: (BACKENDS as readonly unknown[]).includes(raw.backend) ? (raw.backend as TrainSettings['backend']) : base.backend,
      picked: Array.isArray(raw.picked) ? raw.picked.filter((i): i is number => Number.isInteger(i) && i >= 0 && i < playground.cards.length) : base.picked,
    };
    return { state: { playground, train }, error: decoded.error, fromPlayground: false };
  } catch (error) {
    return { state: { playground, train: base }, error: `The training settings in the link could not be read (${(error as Error).message}); showing the defaults.`, fromPlayground: false };
  }
}
