import { parseTrace, buildTrace } from '../spec/trace.js';
import { plainObject } from '../validate.js';
import type { CurveSource } from './CurveSource.js';
import { runSource } from './fromScheduler.js';

/** Options of {@link fromTraceSpec}. */
export interface FromTraceSpecOptions {
  /** Legend label. Default: the scheduler type. */
  name?: string;
  /** Replaces the spec's `steps` (e.g. to preview a longer run); the spec must be valid with it. */
  steps?: number;
}

/**
 * A curve from a trace spec (docs/trace-spec.md), parsed by the one trace parser and stepped by the same run
 * as `lrkit trace`, so it has exactly `runTrace`'s rows (a `resumeAt` round trip included). It streams: a
 * 10^7-step spec plots in constant memory. Errors name the JSON path.
 *
 * @example
 * const source = fromTraceSpec({ optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 30 }, steps: 100 });
 */
export function fromTraceSpec(spec: unknown, options: FromTraceSpecOptions = {}): CurveSource {
  const raw = options.steps === undefined ? spec : { ...plainObject('spec', spec), steps: options.steps };
  const { spec: parsed, built } = parseTrace(raw);
  return runSource(options.name ?? built.scheduler.type, parsed.steps, built.optimizer.paramGroups.length, {
    build: () => buildTrace(parsed),
    inputs: parsed,
    resumeAt: parsed.resumeAt,
  });
}
