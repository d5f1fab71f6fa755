import { closeSync, openSync, write, writeSync, close as closeFd } from 'node:fs';
import { promisify } from 'node:util';
import { WriteError } from '../errors.js';

const writeAsync = promisify(write);
const closeAsync = promisify(closeFd);

/** A batch handed to the OS: written with positional writes, so re-writing it at exit is harmless. */
interface Batch {
  bytes: Buffer;
  position: number;
  done: boolean;
}

/** Every open file, so one exit handler can finish them all (one listener, however many writers). */
const open = new Set<RecordFile>();
let exitHandlerInstalled = false;

const finishAll = (): void => {
  for (const file of open) file.finishSync();
};

/**
 * 'exit' runs for a natural end and for process.exit(); only synchronous work happens there. SIGINT (Ctrl-C),
 * SIGTERM and SIGHUP kill Node without 'exit', so we also listen for them: write everything, then, if ours is the
 * only listener, re-raise the signal so the process ends exactly as it would have (same signal, same exit status).
 * With listeners of the program's own, we only write and leave the decision to them.
 */
function installExitHandler(): void {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.on('exit', finishAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      finishAll();
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

/**
 * An append-only file of whole records with buffered, asynchronous writes. Records wait in memory until
 * `maxQueue` of them are pending, `flushMillis` have passed, or `flush()` / `close()` is called; then one
 * positional write puts the batch at its reserved offset. Writes never overlap earlier bytes, so a crash in the
 * middle of a batch leaves every earlier record intact, and readers can read the file while it grows.
 * At process exit, pending and in-flight batches are written synchronously (re-writing an in-flight batch at its
 * own offset writes the same bytes twice, never a gap or a duplicate record).
 */
export class RecordFile {
  private readonly fd: number;
  private offset = 0;
  private pending: Buffer[] = [];
  private readonly inFlight = new Set<Batch>();
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private failure: WriteError | null = null;
  private closed = false;

  /**
   * Creates the file and writes `header` synchronously, so it is visible at once. `flags` 'wx' refuses an
   * existing file (event files have unique names), 'w' replaces it.
   */
  constructor(
    readonly path: string,
    header: Buffer,
    private readonly maxQueue: number,
    private readonly flushMillis: number,
    flags: 'wx' | 'w' = 'wx',
  ) {
    this.fd = openSync(path, flags);
    try {
      this.offset = writeFully(this.fd, header, 0);
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
    open.add(this);
    installExitHandler();
  }

  /** Queues one framed record. Throws the write failure of an earlier batch, if any, or if the file is closed. */
  append(record: Buffer): void {
    if (this.failure !== null) throw this.failure;
    if (this.closed) throw new WriteError(this.path, 'the writer is closed; records added after close() cannot be written');
    this.pending.push(record);
    if (this.pending.length >= this.maxQueue) void this.flush().catch(() => undefined);
    else if (this.timer === null) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.flushMillis);
      this.timer.unref();
    }
  }

  /** Writes every queued record; resolves when they are in the file. Rejects with a WriteError on failure. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length > 0 && this.failure === null) {
      const batch: Batch = { bytes: Buffer.concat(this.pending), position: this.offset, done: false };
      this.pending = [];
      this.offset += batch.bytes.length;
      this.inFlight.add(batch);
      this.chain = this.chain.then(async () => {
        if (this.failure !== null) return;
        try {
          await writeFullyAsync(this.fd, batch.bytes, batch.position);
          batch.done = true;
          this.inFlight.delete(batch);
        } catch (error) {
          this.failure = new WriteError(this.path, `could not write: ${(error as Error).message}`, { cause: error });
        }
      });
    }
    return this.chain.then(() => {
      if (this.failure !== null) throw this.failure;
    });
  }

  /** Flushes, then closes the file. Later appends throw; calling close() again is a no-op. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      open.delete(this);
      await closeAsync(this.fd).catch(() => undefined);
    }
  }

  /** Exit path: writes in-flight and pending batches synchronously and closes the file. */
  finishSync(): void {
    if (this.closed) return;
    this.closed = true;
    open.delete(this);
    if (this.timer !== null) clearTimeout(this.timer);
    try {
      for (const batch of this.inFlight) if (!batch.done) writeFully(this.fd, batch.bytes, batch.position);
      if (this.pending.length > 0) writeFully(this.fd, Buffer.concat(this.pending), this.offset);
      closeSync(this.fd);
    } catch {
      // Nothing left to report to at exit; the records written before stay readable.
    }
  }
}

function writeFully(fd: number, bytes: Buffer, position: number): number {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  return position + done;
}

async function writeFullyAsync(fd: number, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await writeAsync(fd, bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}
