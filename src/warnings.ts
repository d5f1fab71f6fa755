/**
 * Where lrkit's warnings go. The default prints to `console.warn`; tests and applications can
 * replace it (for example to collect warnings or to turn them into errors).
 */
export type WarningSink = (code: string, message: string) => void;

const defaultSink: WarningSink = (code, message) => console.warn(`[lrkit ${code}] ${message}`);
let sink: WarningSink = defaultSink;

/**
 * Replace the warning sink; returns the previous one so it can be restored.
 *
 * @example
 * const seen: string[] = [];
 * const previous = setWarningSink((code) => seen.push(code));
 * // ... later
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
