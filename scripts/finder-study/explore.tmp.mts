import { loadDesignCases, gridOf, estimate } from './design.js';
import { centredSmooth } from '../../src/finder/smoothing.js';
const cases = loadDesignCases();
for (const { setting, record } of cases) {
  const grid = gridOf(record);
  const best = grid.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const f = record.finder!;
  const sm = centredSmooth(f.losses, 3);
  let i = 0; sm.forEach((v, j) => { if (v < sm[i]!) i = j; });
  console.log(setting.id, record.seed, setting.optimizer, setting.model, 'best', best.lr.toPrecision(3), (best.accuracy*100).toFixed(1), 'centredMin', f.lrs[i]!.toPrecision(3), 'ratio', (f.lrs[i]! / best.lr).toFixed(2), 'grid', grid.map(g => (g.accuracy*100).toFixed(0)).join(' '));
}
for (const sigma of [2, 3, 5]) for (const k of [1, 1.5, 2, 3, 4, 6, 10]) {
  const e = estimate(cases, (f) => { const sm = centredSmooth(f.losses, sigma); let i = 0; sm.forEach((v, j) => { if (v < sm[i]!) i = j; }); return f.lrs[i]! / k; });
  console.log('sigma', sigma, 'k', k, e.mean.toFixed(2), e.worst.toFixed(2), e.per.join(' '));
}
