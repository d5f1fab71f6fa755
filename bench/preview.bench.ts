/**
 * `scheduler.preview(n)` (the closed form as one Float64Array per group) against stepping the same scheduler
 * n times, and against the row-per-step form `preview` had before (an array of `lrAt(t)` arrays), for every
 * class with a closed form (1 param group). Run: `npm run bench` (after the step table) or
 * `node --import tsx bench/preview.bench.ts [--json] [--n 1000000]`. Times are the best of 5 runs after a warm-up, in ns per step.
 */
import { CosineAnnealingWarmRestarts, createOptimizer, ScheduleLR, schedules, setWarningSink, type PlainOptimizer } from '../src/index.js';
import { CLOSED_FORM_CASES } from './schedulerCases.js';

setWarningSink(() => {});

interface Previewable {
  step(): void;
  preview(steps: number): Float64Array[];
  lrAt(step: number): number[];
}
type Make = (o: PlainOptimizer) => Previewable;

const { CosineAnnealingWarmRestarts: _tMult2, ...shared } = CLOSED_FORM_CASES;
const CASES: Record<string, Make> = {
  ...shared,
  'CosineAnnealingWarmRestarts (tMult 1)': (o) => new CosineAnnealingWarmRestarts(o, { t0: 1000 }),
  'CosineAnnealingWarmRestarts (tMult 2)': _tMult2,
  ScheduleLR: (o) => new ScheduleLR(o, { schedule: schedules.cosine({ from: 0.1, steps: 1000, periodic: true }) }),
};

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t0));
  }
  return min;
}

function measure(make: Make, n: number, withRows: boolean): { step: number; preview: number; rows: number | null } {
  const fresh = () => make(createOptimizer({ lr: 0.1, momentum: 0.9 }));
  const stepRun = (count: number) => () => {
    const s = fresh();
    for (let i = 0; i < count; i++) s.step();
  };
  let sink = 0;
  const previewRun = (count: number) => () => {
    const [lrs] = fresh().preview(count);
    sink += (lrs as Float64Array)[count - 1] as number;
  };
  // Warm both paths up (JIT) before timing, so neither pays for compilation.
  stepRun(200_000)();
  previewRun(200_000)();
  const step = best(5, stepRun(n));
  const preview = best(5, previewRun(n));
  // The form `preview` had before: one lrAt(t) array per step.
  const rows = withRows
    ? best(1, () => {
        const s = fresh();
        const out = Array.from({ length: n }, (_, t) => s.lrAt(t));
        sink += out[n - 1]?.[0] as number;
      })
    : null;
  if (Number.isNaN(sink)) console.error('unexpected NaN');
  return { step: step / n, preview: preview / n, rows: rows === null ? null : rows / n };
}

const json = process.argv.includes('--json');
const nArg = process.argv.indexOf('--n');
const N = nArg >= 0 ? Number(process.argv[nArg + 1]) : 1_000_000;
const results: Record<string, { step: number; preview: number; rows: number | null; speedup: number }> = {};
const lines: string[] = [];
for (const [name, make] of Object.entries(CASES)) {
  // MultiplicativeLR's lrAt(t) is a product of t factors: the row form is quadratic, so it is not timed.
  const m = measure(make, N, name !== 'MultiplicativeLR');
  results[name] = { ...m, speedup: m.step / m.preview };
  lines.push(`${name.padEnd(40)} ${m.step.toFixed(1).padStart(8)} ${m.preview.toFixed(1).padStart(10)} ${(m.step / m.preview).toFixed(1).padStart(7)}x ${m.rows === null ? '(quadratic)'.padStart(12) : m.rows.toFixed(1).padStart(12)}`);
}
// The figure of the issue: 10^7 steps of CosineAnnealingWarmRestarts.
const big = 10_000_000;
const cawr: Record<string, { stepSeconds: number; previewSeconds: number }> = {};
for (const name of ['CosineAnnealingWarmRestarts (tMult 1)', 'CosineAnnealingWarmRestarts (tMult 2)']) {
  const m = measure(CASES[name] as Make, big, false);
  cawr[name] = { stepSeconds: (m.step * big) / 1e9, previewSeconds: (m.preview * big) / 1e9 };
}
if (json) console.log(JSON.stringify({ n: N, perStepNs: results, tenMillionSteps: cawr }));
else {
  console.log(`\npreview(n) vs n x step(), n = ${N}, ns per step (best of 5 after a warm-up; "old rows" = the array of lrAt(t) arrays preview returned before)`);
  console.log(`${'class'.padEnd(40)} ${'step()'.padStart(8)} ${'preview'.padStart(10)} ${'speedup'.padStart(8)} ${'old rows'.padStart(12)}`);
  for (const line of lines) console.log(line);
  console.log('\n10^7 steps:');
  for (const [name, r] of Object.entries(cawr)) console.log(`${name.padEnd(40)} step() ${r.stepSeconds.toFixed(3)} s, preview ${r.previewSeconds.toFixed(3)} s`);
}
