/**
 * Start-up time of the built `lrkit` command against bare Node, measured side by side: `node -e 0`,
 * `lrkit --help` and `lrkit trace` of a 10-step spec, each run ROUNDS times in interleaved order (so a busy
 * machine slows all three alike); prints the median wall time of each and its ratio to bare Node (goal: within
 * 2.5x). Needs `npm run build` first. Run: `npm run bench` (all benchmarks) or `npx tsx bench/cliStartup.bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.env.ROUNDS ?? 21);
const bin = fileURLToPath(new URL('../packages/cli/bin/lrkit.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lrkit-bench-'));
const spec = join(dir, 'spec.json');
writeFileSync(spec, JSON.stringify({ optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, scheduler: { type: 'StepLR', stepSize: 3, gamma: 0.5 }, steps: 10 }));

const commands: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'lrkit --help': [bin, '--help'],
  'lrkit trace (10 steps)': [bin, 'trace', spec],
};

function timeOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return ms;
}

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (const args of Object.values(commands)) timeOnce(args); // warm the file cache
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, args] of Object.entries(commands)) samples[name]!.push(timeOnce(args));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const base = median(samples['node -e 0']!);
console.log(`CLI start-up, median of ${ROUNDS} interleaved runs`);
for (const [name, xs] of Object.entries(samples)) {
  const m = median(xs);
  console.log(`${name.padEnd(24)} ${m.toFixed(1).padStart(8)} ms   ${(m / base).toFixed(2)}x node -e 0`);
}
rmSync(dir, { recursive: true, force: true });
