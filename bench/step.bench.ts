/**
 * Cost of one steady-state `scheduler.step()` for every PyTorch-layer class (1 param group), and heap bytes
 * allocated per step. Run: `npm run bench` (table) or `npm run bench -- --json` (last stdout line is
 * `{ "StepLR": ns, ... }`, median nanoseconds per step). `--torch` also times PyTorch's own `step()` with
 * the fixture environment's PyTorch (.venv/bin/python bench/torch_step.py) for comparison. Then `lrkit trace` of 10^7
 * steps in a child process: time, peak RSS and output size (bench/trace.bench.ts; `--no-trace` skips it).
 */
import { spawnSync } from 'node:child_process';
import {
  ChainedScheduler, ConstantLR, createOptimizer, ExponentialLR, LambdaLR, MultiplicativeLR, ReduceLROnPlateau, SWALR, setWarningSink, type PlainOptimizer,
} from '../src/index.js';
import { CLOSED_FORM_CASES } from './schedulerCases.js';
import { benchTrace, formatTraceBench } from './trace.bench.js';

// The benchmark steps schedulers without an optimizer step in between; silence the call-order warning.
setWarningSink(() => {});

type Make = (o: PlainOptimizer) => { step: (arg?: number) => void };

const CASES: Record<string, Make> = {
  ...CLOSED_FORM_CASES,
  // Function lambdas, as most users write them (the closed-form cases use expressions).
  LambdaLR: (o) => new LambdaLR(o, { lrLambda: (e) => 0.999 ** e }),
  MultiplicativeLR: (o) => new MultiplicativeLR(o, { lrLambda: () => 0.9999999 }),
  ReduceLROnPlateau: (o) => {
    const s = new ReduceLROnPlateau(o, { patience: 5 });
    let i = 0;
    return { step: () => s.step(1 / (1 + (i++ % 17))) };
  },
  ChainedScheduler: (o) => new ChainedScheduler([new ConstantLR(o, { factor: 0.5, totalIters: 10 }), new ExponentialLR(o, { gamma: 0.9999999 })]),
  SWALR: (o) => new SWALR(o, { swaLr: 0.05, annealEpochs: 100 }),
};

const gc = (globalThis as { gc?: () => void }).gc;
const BATCH = 20_000;
const BATCHES = 25;

function measure(make: Make): { ns: number; bytesPerStep: number } {
  const opt = createOptimizer({ lr: 0.1, momentum: 0.9 });
  const s = make(opt);
  for (let i = 0; i < 50_000; i++) s.step(); // warm up (JIT) and reach steady state
  const times: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) s.step();
    times.push(Number(process.hrtime.bigint() - t0) / BATCH);
  }
  times.sort((x, y) => x - y);
  // Heap growth over 100k steps; the minimum of three runs filters out one-off JIT recompilation.
  let bytesPerStep = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const N = 100_000;
    for (let i = 0; i < N; i++) s.step();
    bytesPerStep = Math.min(bytesPerStep, Math.max(0, (process.memoryUsage().heapUsed - before) / N));
  }
  return { ns: times[Math.floor(times.length / 2)] as number, bytesPerStep };
}

const json = process.argv.includes('--json');
const withTorch = process.argv.includes('--torch');
const results: Record<string, number> = {};
const rows: string[] = [];
let torch: Record<string, number> = {};
if (withTorch) {
  const r = spawnSync(new URL('../.venv/bin/python', import.meta.url).pathname, [new URL('./torch_step.py', import.meta.url).pathname], { encoding: 'utf8' });
  if (r.status === 0) torch = JSON.parse(r.stdout.trim().split('\n').pop() as string) as Record<string, number>;
  else console.error(`PyTorch timing unavailable: ${r.stderr.trim().split('\n').pop()}`);
}
if (gc === undefined) console.error('note: run with node --expose-gc for allocation figures');
for (const [name, make] of Object.entries(CASES)) {
  measure(make); // first pass: let the JIT settle on this class
  const { ns, bytesPerStep } = measure(make);
  results[name] = Math.round(ns * 10) / 10;
  const t = torch[name];
  rows.push(
    `${name.padEnd(28)} ${ns.toFixed(1).padStart(8)} ns/step  ${bytesPerStep.toFixed(2).padStart(7)} B/step` +
      (t === undefined ? '' : `  PyTorch ${(t / 1000).toFixed(2).padStart(6)} µs  (${(t / ns).toFixed(0)}x)`),
  );
}
if (!json || withTorch) for (const row of rows) console.log(row);
if (!process.argv.includes('--no-trace')) console.log(formatTraceBench(await benchTrace()));
if (json) console.log(JSON.stringify(results));
