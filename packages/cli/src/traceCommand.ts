import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { momentumOf, openTrace, parseTraceSpec, type Run, type TraceSpec } from 'lrkit';
import { readJsonFile } from './readJsonFile.js';

/** Output is handed to the stream in chunks of about this many characters. */
const CHUNK = 1 << 16;

/** Buffers text into chunks and waits for 'drain' when the stream asks it to (backpressure). */
class ChunkWriter {
  private buffer = '';
  constructor(private readonly out: Writable) {}

  /** Adds text; returns a promise only when a full chunk went out and the stream asked to wait (await it). */
  write(text: string): Promise<void> | undefined {
    this.buffer += text;
    return this.buffer.length >= CHUNK ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

/**
 * Steps the whole run once without recording anything, so a step that fails (e.g. OneCycleLR past its
 * total steps) is known before any of the spec's output is written.
 */
function dryRun(spec: TraceSpec): void {
  const run = openTrace(spec);
  while (run.step < spec.steps) run.next();
}

/** Writes the rows of one column set (`lr` or `momentum`) of a run: `[[...],[...],...]`, one row at a time. */
async function writeRows(out: ChunkWriter, run: Run, steps: number, read: (run: Run, g: number) => number): Promise<void> {
  const groups = run.groups.length;
  // JSON.stringify's number form (String(x); null for NaN and infinities), without building a row array.
  const fill = () => {
    let text = '[';
    for (let g = 0; g < groups; g++) {
      const x = read(run, g);
      text += (g === 0 ? '' : ',') + (Number.isFinite(x) ? String(x) : 'null');
    }
    return `${text}]`;
  };
  await out.write(`[${fill()}`);
  while (run.step < steps) {
    run.next();
    const wait = out.write(`,${fill()}`);
    if (wait !== undefined) await wait;
  }
  await out.write(']');
}

/**
 * Writes `{"lr":[...],"momentum":[...]}` for a parsed spec, byte for byte what `JSON.stringify(runTrace(spec))`
 * gives, holding one row at a time: the lr rows come from one run and the momentum rows from a second,
 * identical run (a run is deterministic), so nothing of the run is kept in memory.
 */
async function writeTrace(out: ChunkWriter, spec: TraceSpec): Promise<void> {
  await out.write('{"lr":');
  await writeRows(out, openTrace(spec), spec.steps, (run, g) => (run.groups[g] as { lr: number }).lr);
  await out.write(',"momentum":');
  await writeRows(out, openTrace(spec), spec.steps, (run, g) => momentumOf(run.groups[g]!));
  await out.write('}');
}

/** Parses and dry-runs a spec: afterwards its output cannot fail half-way. */
function checkedSpec(raw: unknown): TraceSpec {
  const spec = parseTraceSpec(raw);
  dryRun(spec);
  return spec;
}

/**
 * `lrkit trace FILE`: a single spec prints its result (and fails with the message on stderr, printing nothing);
 * an array of specs prints an array where a failing spec becomes `{ "error": "..." }`. The output streams to
 * `out` (respecting backpressure) in the format of docs/trace-spec.md, followed by a newline; memory is bounded
 * by one row, not by the run.
 */
export async function traceCommand(file: string, out: Writable): Promise<void> {
  const input = readJsonFile(file);
  const writer = new ChunkWriter(out);
  if (Array.isArray(input)) {
    await writer.write('[');
    for (let i = 0; i < input.length; i++) {
      if (i > 0) await writer.write(',');
      let spec: TraceSpec;
      try {
        spec = checkedSpec(input[i]);
      } catch (error) {
        await writer.write(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
        continue;
      }
      await writeTrace(writer, spec);
    }
    await writer.write(']');
  } else {
    await writeTrace(writer, checkedSpec(input));
  }
  await writer.write('\n');
  await writer.flush();
}
