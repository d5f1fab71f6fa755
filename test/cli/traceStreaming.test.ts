import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { traceCommand } from '../../packages/cli/src/traceCommand.js';
import { runTrace } from '../../src/spec/trace.js';
import { setWarningSink } from '../../src/warnings.js';

setWarningSink(() => {});

const dir = mkdtempSync(join(tmpdir(), 'lrkit-stream-'));
const file = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

/** A slow consumer: each chunk is acknowledged on a later tick; records the most bytes ever queued. */
function slowSink() {
  const sink = { text: '', maxQueued: 0, stream: null as unknown as Writable };
  sink.stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      sink.text += chunk.toString();
      setImmediate(done);
    },
  });
  const write = sink.stream.write.bind(sink.stream);
  sink.stream.write = ((chunk: string) => {
    const ok = write(chunk);
    sink.maxQueued = Math.max(sink.maxQueued, sink.stream.writableLength);
    return ok;
  }) as typeof sink.stream.write;
  return sink;
}

const oneCycle = { optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01 }] }, scheduler: { type: 'OneCycleLR', maxLr: [0.1, 0.01], totalSteps: 3000 }, steps: 3000, resumeAt: 1234 };
const plateau = {
  optimizer: { type: 'adam', lr: 0.1 },
  scheduler: { type: 'WarmupLR', steps: 3, scheduler: { type: 'ReduceLROnPlateau', patience: 0 } },
  steps: 6,
  metrics: [1, 1, 1, 1, 1, 1],
};
const failsMidRun = { optimizer: { lr: 0.1 }, scheduler: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 5 }, steps: 8 };

describe('lrkit trace streams its output', () => {
  it('streaming: prints byte for byte JSON.stringify of the whole result, for a spec and for an array with failures', async () => {
    const single = slowSink();
    await traceCommand(file('one.json', oneCycle), single.stream);
    expect(single.text).toBe(`${JSON.stringify(runTrace(oneCycle))}\n`);

    const many = slowSink();
    await traceCommand(file('many.json', [oneCycle, failsMidRun, plateau, { ...plateau, metrics: undefined }]), many.stream);
    const error = (spec: unknown) => {
      try {
        runTrace(spec);
      } catch (e) {
        return { error: (e as Error).message };
      }
      throw new Error('expected a failure');
    };
    const expected = [runTrace(oneCycle), error(failsMidRun), runTrace(plateau), error({ ...plateau, metrics: undefined })];
    expect(many.text).toBe(`${JSON.stringify(expected)}\n`);
    expect(expected[1]).toEqual({ error: expect.stringMatching(/^OneCycleLR: Tried to step 6 times/) });
  });

  it('streaming: waits for a slow consumer (backpressure) instead of queueing the run', async () => {
    const sink = slowSink();
    await traceCommand(file('long.json', { ...oneCycle, steps: 3000 }), sink.stream);
    expect(sink.text.length).toBeGreaterThan(200_000);
    // At most one chunk (64 Ki characters) beyond the stream's buffer is ever queued.
    expect(sink.maxQueued).toBeLessThanOrEqual((1 << 16) + 1024);
  });

  it('streaming: a single spec failing mid-run prints nothing on stdout and exits 1 with the message', () => {
    const r = spawnSync(process.execPath, ['packages/cli/dist/main.js', 'trace', file('mid.json', failsMidRun)], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^lrkit: OneCycleLR: Tried to step 6 times/);
  });
});
