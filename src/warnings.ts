/**
 * Where lrkit's warnings go. The default prints to `console.warn`; tests and applications can
 * replace it (for example to collect warnings or to turn them into errors).
 *
 * @example
 * const seen: string[] = [];
 * const sink: WarningSink = (code, message) => void seen.push(`${code}: ${message}`);
 * const previous = setWarningSink(sink);
 * new StepLR(createOptimizer({ lr: 0.1 }), { stepSize: 1 }).step(); // before any optimizer.step(): warns
 * setWarningSink(previous);
 * seen.length; // 1
 */
export type WarningSink = (code: string, message: string) => void;

const defaultSink: WarningSink = (code, message) => console.warn(`[lrkit ${code}] ${message}`);
let sink: WarningSink = defaultSink;

/**
 * Replace the warning sink; returns the previous one so it can be restored.
 *
 * @example
 * const seen: string[] = [];
 * const previous = setWarningSink((code) => void seen.push(code));
 * // ... code that may warn ...
 * setWarningSink(previous);
 */
export function setWarningSink(next: WarningSink | null): WarningSink {
  const previous = sink;
  sink = next ?? defaultSink;
  return previous;
}

export function emitWarning(code: string, message: string): void {
  sink(code, message);
}
