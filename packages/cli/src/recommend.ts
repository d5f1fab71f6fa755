import { OptionError } from 'lrkit';
import { numberInRange, oneOf, positiveInteger } from 'lrkit/internal';

/** Jobs the guide knows (aliases are accepted by {@link normalizeTask}). */
export const TASKS = ['classification', 'detection', 'transformer', 'generative', 'self-supervised', 'prototype'] as const;
export type Task = (typeof TASKS)[number];

const TASK_ALIASES: Record<string, Task> = {
  classification: 'classification', beginner: 'classification', baseline: 'classification', image: 'classification',
  detection: 'detection', segmentation: 'detection',
  transformer: 'transformer', nlp: 'transformer', llm: 'transformer', bert: 'transformer',
  generative: 'generative', gan: 'generative', vae: 'generative',
  'self-supervised': 'self-supervised', ssl: 'self-supervised', contrastive: 'self-supervised', pretraining: 'self-supervised',
  prototype: 'prototype', fast: 'prototype', quick: 'prototype',
};

/** Answers to the guide's questions. */
export interface RecommendInput {
  task: string;
  /** 'baseline' (reproduce a paper / learn), 'accuracy' (best generalization) or 'fast' (small budget). Default 'baseline'. */
  goal?: 'baseline' | 'accuracy' | 'fast';
  /** Is there a reliable validation metric? Default true (false for self-supervised). */
  validation?: boolean;
  /** Training length in epochs (default depends on the task). */
  epochs?: number;
  /** Batches per epoch, for schedules stepped per batch. Default 100. */
  stepsPerEpoch?: number;
  optimizer?: 'sgd' | 'adam';
  /** Base learning rate (default: 0.1 for SGD, 1e-3 for Adam; 2e-4 for GANs). */
  lr?: number;
  /** Peak lr from an LR range test (`lrkit find`), for OneCycleLR. */
  maxLr?: number;
  /** Prefer warm restarts to a single cosine when aiming for accuracy. */
  restarts?: boolean;
}

/** What the guide recommends: a ready trace spec plus the reasoning. */
export interface Recommendation {
  /** One-line summary, e.g. `MultiStepLR (milestones [30, 60], gamma 0.1), stepped once per epoch`. */
  title: string;
  stepPer: 'epoch' | 'batch';
  spec: { optimizer: Record<string, unknown>; scheduler: Record<string, unknown>; steps: number };
  reasons: string[];
  warnings: string[];
  /** Other reasonable choices. */
  alternatives: string[];
}

/** Maps a task name or alias (gan, vae, nlp, ssl, ...) to a {@link Task}. */
export function normalizeTask(task: unknown): Task {
  const key = typeof task === 'string' ? task.trim().toLowerCase() : task;
  if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(TASK_ALIASES, key)) return TASK_ALIASES[key] as Task;
  throw new OptionError('task', task, `one of ${TASKS.join(', ')} (aliases: ${Object.keys(TASK_ALIASES).filter((k) => !(TASKS as readonly string[]).includes(k)).join(', ')})`);
}

const DEFAULT_EPOCHS: Record<Task, number> = { classification: 90, detection: 12, transformer: 20, generative: 100, 'self-supervised': 70, prototype: 10 };
const round = (x: number, digits = 4) => Number(x.toPrecision(digits));

/**
 * The "which scheduler for which job" guide (from the reference article's table, extended by the issue):
 * beginner/standard classification → MultiStepLR [30, 60] (scaled to the epochs); best accuracy →
 * cosine (or warm restarts); no reliable validation signal → warm restarts, never ReduceLROnPlateau;
 * fast prototyping → OneCycleLR with the LR finder's max; GANs/VAEs → smooth ExponentialLR with gamma in
 * [0.9, 0.98]; transformers → linear warmup then cosine; detection → MultiStepLR at 2/3 and 8/9.
 *
 * @example
 * recommend({ task: 'classification' }).spec.scheduler; // { type: 'MultiStepLR', milestones: [30, 60], gamma: 0.1 }
 */
export function recommend(input: RecommendInput): Recommendation {
  const task = normalizeTask(input.task);
  const goal = input.goal === undefined ? (task === 'prototype' ? 'fast' : 'baseline') : oneOf('goal', input.goal, ['baseline', 'accuracy', 'fast'] as const);
  const validation = input.validation ?? task !== 'self-supervised';
  const epochs = input.epochs === undefined ? DEFAULT_EPOCHS[task] : positiveInteger('epochs', input.epochs);
  const stepsPerEpoch = input.stepsPerEpoch === undefined ? 100 : positiveInteger('stepsPerEpoch', input.stepsPerEpoch);
  const optimizerType = input.optimizer === undefined ? (task === 'transformer' || task === 'generative' ? 'adam' : 'sgd') : oneOf('optimizer', input.optimizer, ['sgd', 'adam'] as const);
  const defaultLr = optimizerType === 'sgd' ? 0.1 : task === 'generative' ? 2e-4 : 1e-3;
  const lr = input.lr === undefined ? defaultLr : numberInRange('lr', input.lr, { min: 0, minExclusive: true });
  const maxLr = input.maxLr === undefined ? undefined : numberInRange('maxLr', input.maxLr, { min: 0, minExclusive: true });
  const optimizer: Record<string, unknown> =
    optimizerType === 'sgd' ? { type: 'sgd', lr, momentum: 0.9 } : task === 'generative' ? { type: 'adam', lr, betas: [0.5, 0.999] } : { type: 'adam', lr };
  const reasons: string[] = [];
  const warnings: string[] = [];
  const alternatives: string[] = [];
  if (input.stepsPerEpoch === undefined && (goal === 'fast' || task === 'transformer')) {
    warnings.push('stepped per batch: pass --steps-per-epoch (len(dataloader)) so the schedule ends exactly when training does; assumed 100');
  }
  const perEpoch = (scheduler: Record<string, unknown>, title: string): Recommendation => ({
    title: `${title}, stepped once per epoch`,
    stepPer: 'epoch',
    spec: { optimizer, scheduler, steps: epochs },
    reasons,
    warnings,
    alternatives,
  });
  const perBatch = (scheduler: Record<string, unknown>, title: string): Recommendation => ({
    title: `${title}, stepped once per batch`,
    stepPer: 'batch',
    spec: { optimizer, scheduler, steps: epochs * stepsPerEpoch },
    reasons,
    warnings,
    alternatives,
  });

  if (!validation) {
    const t0 = Math.max(1, Math.round(epochs / 7));
    reasons.push(
      'No reliable validation signal (e.g. self-supervised or contrastive pre-training): avoid ReduceLROnPlateau, which decides from that signal and misjudges without it.',
      'Warm restarts add periodic exploration on a fixed clock and need no metric (the article uses them for contrastive learning).',
      `t0 = ${t0} with tMult = 2 gives cycles of ${t0}, ${2 * t0}, ${4 * t0} epochs = ${7 * t0}, so the last cycle ends near epoch ${epochs} at the minimum lr.`,
    );
    alternatives.push('CosineAnnealingLR over the whole run if you want a single, monotone decay');
    return perEpoch({ type: 'CosineAnnealingWarmRestarts', t0, tMult: 2, etaMin: 1e-6 }, `CosineAnnealingWarmRestarts (t0 ${t0}, tMult 2)`);
  }
  if (goal === 'fast' || task === 'prototype') {
    const peak = maxLr ?? lr;
    reasons.push(
      'Small budget / fast prototyping: OneCycleLR reaches good accuracy in few epochs (one cycle: warm up to maxLr, then anneal far below the start) and cycles momentum inversely.',
      `It must be stepped every batch and know the total: totalSteps = epochs × stepsPerEpoch = ${epochs} × ${stepsPerEpoch} = ${epochs * stepsPerEpoch}.`,
    );
    if (maxLr === undefined) warnings.push(`OneCycleLR is sensitive to maxLr: run an LR range test (lrkit find) and pass --max-lr; using --lr (${lr}) as maxLr for now`);
    else reasons.push(`maxLr ${maxLr} comes from your LR range test.`);
    alternatives.push('CyclicLR (triangular2) for longer runs with several cycles');
    return perBatch({ type: 'OneCycleLR', maxLr: peak, totalSteps: epochs * stepsPerEpoch }, `OneCycleLR (maxLr ${peak}, totalSteps ${epochs * stepsPerEpoch})`);
  }
  if (task === 'generative') {
    const gamma = Math.min(0.98, Math.max(0.9, round(0.01 ** (1 / epochs), 3)));
    reasons.push(
      'GANs and VAEs are sensitive to sudden lr changes (a jump can trigger mode collapse): ExponentialLR decays smoothly, without steps.',
      `gamma ${gamma}: the guide's range is [0.9, 0.98]; we pick the value that ends near 1% of the start lr after ${epochs} epochs (final factor ${round(gamma ** epochs, 3)}), clamped to that range.`,
      'Adam with betas (0.5, 0.999) and lr 2e-4 is the usual GAN default (DCGAN).',
    );
    alternatives.push('CosineAnnealingLR for a smooth decay that ends exactly at etaMin');
    return perEpoch({ type: 'ExponentialLR', gamma }, `ExponentialLR (gamma ${gamma})`);
  }
  if (task === 'transformer') {
    const total = epochs * stepsPerEpoch;
    const warmup = Math.max(1, Math.round(total * 0.05));
    reasons.push(
      'Transformers need a warmup: early Adam updates with a full lr are unstable (attention logits, un-normalized second moments).',
      `Linear warmup from 1% of the lr over ${warmup} steps (5% of ${total}), then cosine to 0 over the remaining ${total - warmup}, stepped per batch.`,
    );
    alternatives.push('inverse square-root decay after warmup (the original Transformer schedule)', 'OneCycleLR with cycleMomentum on Adam\'s beta1');
    return perBatch(
      { type: 'SequentialLR', schedulers: [{ type: 'LinearLR', startFactor: 0.01, endFactor: 1, totalIters: warmup }, { type: 'CosineAnnealingLR', tMax: Math.max(1, total - warmup) }], milestones: [warmup] },
      `linear warmup (${warmup} steps) then CosineAnnealingLR (tMax ${Math.max(1, total - warmup)})`,
    );
  }
  if (task === 'detection') {
    const milestones = [Math.max(1, Math.round((epochs * 2) / 3)), Math.max(1, Math.round((epochs * 8) / 9))];
    reasons.push(
      'Detection recipes (Faster R-CNN, the Detectron "1x" schedule) drop the lr at about 2/3 and 8/9 of training.',
      `For ${epochs} epochs that is epochs ${milestones.join(' and ')}, each ×0.1.`,
    );
    alternatives.push('CosineAnnealingLR for a smoother end of training');
    return perEpoch({ type: 'MultiStepLR', milestones, gamma: 0.1 }, `MultiStepLR (milestones [${milestones.join(', ')}], gamma 0.1)`);
  }
  if (goal === 'accuracy') {
    if (input.restarts) {
      const t0 = Math.max(1, Math.round(epochs / 7));
      reasons.push('Best accuracy with restarts: SGDR escapes poor minima with periodic warm restarts.', `Cycles of ${t0}, ${2 * t0}, ${4 * t0} epochs end near epoch ${7 * t0}.`);
      return perEpoch({ type: 'CosineAnnealingWarmRestarts', t0, tMult: 2, etaMin: 1e-6 }, `CosineAnnealingWarmRestarts (t0 ${t0}, tMult 2)`);
    }
    reasons.push(
      'Best accuracy / generalization: cosine annealing explores with a high lr early and settles smoothly, without the shocks of step decay.',
      `tMax = ${epochs} epochs, the whole run: cosine does not restart, so tMax must match the training length.`,
    );
    alternatives.push('CosineAnnealingWarmRestarts (--restarts) if the model converges early');
    return perEpoch({ type: 'CosineAnnealingLR', tMax: epochs, etaMin: 1e-6 }, `CosineAnnealingLR (tMax ${epochs}, etaMin 1e-6)`);
  }
  const milestones = [Math.max(1, Math.round(epochs / 3)), Math.max(1, Math.round((epochs * 2) / 3))];
  reasons.push(
    'Beginner experiments and standard classification: MultiStepLR is easy to reason about and matches paper recipes (ResNet\'s 30-60-90).',
    epochs === 90 ? 'Milestones [30, 60] with gamma 0.1 for 90 epochs.' : `Milestones at 1/3 and 2/3 of ${epochs} epochs ([30, 60] for 90), gamma 0.1.`,
  );
  if (validation) alternatives.push('ReduceLROnPlateau when you would rather follow the validation loss than a fixed plan');
  alternatives.push('CosineAnnealingLR (--goal accuracy) for better final accuracy');
  return perEpoch({ type: 'MultiStepLR', milestones, gamma: 0.1 }, `MultiStepLR (milestones [${milestones.join(', ')}], gamma 0.1)`);
}
