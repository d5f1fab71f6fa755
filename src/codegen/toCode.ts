import { OptionError } from '../errors.js';
import { buildScheduler } from '../spec/buildScheduler.js';
import { buildOptimizer, parseTrace } from '../spec/trace.js';
import { pytorchProgram } from './pytorch.js';
import { typescriptProgram } from './typescript.js';

/** Target language of {@link toCode}. */
export type CodeTarget = 'ts' | 'pytorch';

export interface ToCodeOptions {
  /** Module the TypeScript program imports from. Default 'lrkit'. */
  importFrom?: string;
}

/**
 * Exports a trace spec as a runnable program that prints the same JSON as `lrkit trace`:
 * TypeScript for everything lrkit can build, PyTorch (torch.optim.lr_scheduler) for the PyTorch
 * classes (LambdaLR/MultiplicativeLR/CyclicLR lambdas must be expression strings, which are Python too).
 * The spec is validated first, so errors name their JSON path.
 *
 * @example
 * const py = toCode({ optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 10 }, steps: 30 }, 'pytorch');
 */
export function toCode(spec: unknown, target: CodeTarget, options: ToCodeOptions = {}): string {
  const trace = parseTrace(spec);
  // Build once to validate every option with path-precise errors before emitting code.
  buildScheduler(buildOptimizer(trace.optimizerSpec), trace.schedulerSpec);
  if (target === 'ts') return typescriptProgram(trace, trace.schedulerSpec, options.importFrom ?? 'lrkit');
  if (target === 'pytorch') return pytorchProgram(trace, trace.schedulerSpec);
  throw new OptionError('toCode.target', target, "'ts' or 'pytorch'");
}
