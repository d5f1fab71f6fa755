import { OptionError } from '../errors.js';
import { parseTrace } from '../spec/trace.js';
import { pytorchProgram } from './pytorch.js';
import { typescriptProgram, type PrintFormat } from './typescript.js';

/** Target language of {@link toCode}. */
export type CodeTarget = 'ts' | 'pytorch';
export type { PrintFormat } from './typescript.js';

export interface ToCodeOptions {
  /** Module the TypeScript program imports from. Default 'lrkit'. */
  importFrom?: string;
  /**
   * What the program prints: 'trace' (default) the JSON of `lrkit trace` (`{"lr": [...], "momentum": [...]}`),
   * or 'rows': one line per step, `step [lr of each group]` (what `lrkit code` prints by default).
   */
  print?: PrintFormat;
}

/**
 * Exports a trace spec as a runnable program that replays it: TypeScript for everything lrkit can build,
 * PyTorch (torch.optim.lr_scheduler / swa_utils) for the PyTorch classes (LambdaLR/MultiplicativeLR/CyclicLR
 * lambdas must be expression strings, which are Python too; lrkit-only options must be at their defaults).
 * The spec is validated first, so errors name their JSON path. PyTorch keywords come from the scheduler table.
 *
 * @example
 * const py = toCode({ optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 10 }, steps: 30 }, 'pytorch');
 */
export function toCode(spec: unknown, target: CodeTarget, options: ToCodeOptions = {}): string {
  if (target !== 'ts' && target !== 'pytorch') throw new OptionError('toCode.target', target, "'ts' or 'pytorch'");
  const print = options.print ?? 'trace';
  if (print !== 'trace' && print !== 'rows') throw new OptionError('toCode.print', print, "'trace' or 'rows'");
  // The parser builds once, so every option (and metrics/epochs) is checked with path-precise errors first.
  const { spec: trace, built } = parseTrace(spec);
  const metric = built.scheduler.stepInput === 'metric';
  if (target === 'ts') return typescriptProgram(trace, trace.scheduler, options.importFrom ?? 'lrkit', metric, print);
  return pytorchProgram(trace, trace.scheduler, metric, print);
}
