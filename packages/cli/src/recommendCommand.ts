import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Option, type Command } from 'commander';
import { LrkitError } from 'lrkit';
import { normalizeTask, recommend, TASKS, type Recommendation, type RecommendInput } from './recommend.js';

interface RecommendFlags {
  task?: string;
  goal?: RecommendInput['goal'];
  validation?: boolean;
  epochs?: string;
  stepsPerEpoch?: string;
  optimizer?: RecommendInput['optimizer'];
  lr?: string;
  maxLr?: string;
  restarts?: boolean;
  interactive?: boolean;
  json?: boolean;
  output?: string;
}

const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v));

/** Text shown for a recommendation. */
export function recommendationText(r: Recommendation): string {
  return [
    `Recommendation: ${r.title}`,
    '',
    'Why:',
    ...r.reasons.map((x) => `  - ${x}`),
    ...(r.warnings.length ? ['', 'Note:', ...r.warnings.map((x) => `  ! ${x}`)] : []),
    ...(r.alternatives.length ? ['', 'Alternatives:', ...r.alternatives.map((x) => `  * ${x}`)] : []),
    '',
    'Spec (lrkit plot / code / trace take it as is):',
    JSON.stringify(r.spec, null, 2),
  ].join('\n');
}

/** Asks the guide's questions on a line stream (a terminal, or piped answers); prompts go to stderr. */
async function ask(flags: RecommendFlags): Promise<RecommendInput> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const question = async (text: string, fallback?: string): Promise<string | undefined> => {
    process.stderr.write(`${text}${fallback !== undefined ? ` [${fallback}]` : ''}: `);
    const next = await lines.next();
    if (next.done) {
      process.stderr.write('\n');
      return fallback;
    }
    const answer = String(next.value).trim();
    return answer === '' ? fallback : answer;
  };
  try {
    let task: string | undefined;
    for (;;) {
      task = await question(`What are you training? (${TASKS.join(', ')}; or gan, vae, nlp, ssl, beginner)`, flags.task ?? 'classification');
      try {
        normalizeTask(task);
        break;
      } catch (error) {
        process.stderr.write(`  ${(error as Error).message}\n`);
        if (!process.stdin.isTTY) throw error;
      }
    }
    const goal = (await question('Goal? (baseline, accuracy, fast)', flags.goal ?? 'baseline')) as RecommendInput['goal'];
    const defaultValidation = normalizeTask(task) === 'self-supervised' ? 'n' : 'y';
    const validation = /^y/i.test((await question('Is there a reliable validation metric? (y/n)', flags.validation === undefined ? defaultValidation : flags.validation ? 'y' : 'n')) ?? 'y');
    const epochs = num(await question('Epochs (empty: the usual for the task)', flags.epochs));
    const stepsPerEpoch = num(await question('Batches per epoch (len(dataloader))', flags.stepsPerEpoch ?? '100'));
    const optimizer = (await question('Optimizer? (sgd, adam; empty: the usual for the task)', flags.optimizer)) as RecommendInput['optimizer'];
    const lr = num(await question('Base lr (empty: the usual for the optimizer)', flags.lr));
    const maxLr = num(await question('Max lr from an LR range test (empty if none)', flags.maxLr));
    return { task: task ?? 'classification', goal, validation, epochs, stepsPerEpoch, optimizer, lr, maxLr, restarts: flags.restarts };
  } finally {
    rl.close();
  }
}

/** `lrkit recommend`: which scheduler for which job, as a ready spec with the reasoning. */
export function registerRecommendCommand(program: Command, write: (text: string) => void): void {
  program
    .command('recommend')
    .description('Recommend a scheduler for your job (flags, or -i to be asked) and print a ready trace spec with the reasoning')
    .option('--task <task>', `${TASKS.join(' | ')} (aliases: gan, vae, nlp, llm, ssl, contrastive, beginner)`)
    .addOption(new Option('--goal <goal>', 'what matters most').choices(['baseline', 'accuracy', 'fast']))
    .option('--no-validation', 'there is no reliable validation signal (e.g. self-supervised)')
    .option('--epochs <n>', 'training length in epochs')
    .option('--steps-per-epoch <n>', 'batches per epoch, for schedules stepped per batch')
    .addOption(new Option('--optimizer <type>', 'optimizer of the spec').choices(['sgd', 'adam']))
    .option('--lr <lr>', 'base learning rate')
    .option('--max-lr <lr>', 'peak lr from an LR range test (lrkit find), for OneCycleLR')
    .option('--restarts', 'prefer warm restarts when aiming for accuracy')
    .option('-i, --interactive', 'ask the questions (answers may be piped, one per line)')
    .option('--json', 'print { title, stepPer, spec, reasons, warnings, alternatives } as JSON')
    .option('-o, --output <file>', 'also write the spec to a file')
    .addHelpText(
      'after',
      `
The guide (from the reference article on PyTorch schedulers):
  beginner / standard classification   MultiStepLR, milestones [30, 60] (for 90 epochs), gamma 0.1
  best accuracy / generalization       CosineAnnealingLR (or warm restarts with --restarts)
  no reliable validation signal        warm restarts, never ReduceLROnPlateau
  fast prototyping, small budget       OneCycleLR with maxLr from an LR range test
  GANs / VAEs                          ExponentialLR, gamma in [0.9, 0.98]
  transformers                         linear warmup, then cosine
  detection                            MultiStepLR at about 2/3 and 8/9 of training

Examples:
  lrkit recommend --task classification
  lrkit recommend --task prototype --epochs 5 --steps-per-epoch 469 --max-lr 0.3 -o spec.json && lrkit plot spec.json
  lrkit recommend -i`,
    )
    .action(async (flags: RecommendFlags) => {
      let input: RecommendInput;
      if (flags.interactive) input = await ask(flags);
      else {
        if (flags.task === undefined) throw new LrkitError('recommend: give --task (or -i to be asked); see lrkit recommend --help');
        input = {
          task: flags.task,
          goal: flags.goal,
          validation: flags.validation,
          epochs: num(flags.epochs),
          stepsPerEpoch: num(flags.stepsPerEpoch),
          optimizer: flags.optimizer,
          lr: num(flags.lr),
          maxLr: num(flags.maxLr),
          restarts: flags.restarts,
        };
      }
      const r = recommend(input);
      if (flags.output !== undefined) writeFileSync(flags.output, `${JSON.stringify(r.spec, null, 2)}\n`);
      write(flags.json ? JSON.stringify(r, null, 2) : recommendationText(r));
    });
}
