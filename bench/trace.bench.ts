/**
 * `lrkit trace` of a 10^7-step spec in a child process: wall time, peak RSS and output size. The output goes
 * through a pipe to this process, which only counts it, so the trace sees a real consumer (and its backpressure).
 * The child is the built CLI (packages/cli/dist/main.js, after `npm run build`), else the sources through tsx
 * (whose loader adds memory of its own). Run: `npm run bench` (after the step table), or alone:
 * `node --import tsx bench/trace.bench.ts [steps]`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TraceBenchResult {
  /** 'built CLI' or 'sources (tsx)'. */
  child: string;
  steps: number;
  seconds: number;
  maxRssMiB: number;
  outputMiB: number;
}

/** Traces a CosineAnnealingWarmRestarts spec of `steps` steps (SGD with momentum, one group) in a child process. */
export async function benchTrace(steps = 10_000_000): Promise<TraceBenchResult> {
  const spec = { optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, scheduler: { type: 'CosineAnnealingWarmRestarts', t0: 1000, tMult: 2 }, steps };
  const file = join(mkdtempSync(join(tmpdir(), 'lrkit-bench-')), 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  const built = here('../packages/cli/dist/main.js');
  const report = ['--import', here('./reportRss.mjs')];
  const args = existsSync(built) ? [...report, built, 'trace', file] : [...report, '--import', 'tsx', here('./traceChild.ts'), file];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const start = process.hrtime.bigint();
  let bytes = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = /maxRSS (\d+)\s*$/.exec(stderr);
  if (code !== 0 || rss === null) throw new Error(`trace child failed (exit ${code}): ${stderr.trim()}`);
  return { child: existsSync(built) ? 'built CLI' : 'sources (tsx)', steps, seconds, maxRssMiB: Number(rss[1]) / 1024, outputMiB: bytes / 2 ** 20 };
}

export function formatTraceBench(r: TraceBenchResult): string {
  return `lrkit trace ${r.steps.toExponential(0)} steps (${r.child}): ${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMiB.toFixed(0)} MiB, output ${r.outputMiB.toFixed(0)} MiB`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const steps = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  console.log(formatTraceBench(await benchTrace(steps)));
}
