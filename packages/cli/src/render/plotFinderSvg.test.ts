import { describe, expect, it } from 'vitest';
import { createOptimizer, findLr } from 'lrkit';
import { plotFinderSvg } from './plotFinderSvg.js';

async function result() {
  return findLr({
    optimizer: createOptimizer({ lr: 0.1 }),
    numIter: 100,
    trainStep: ({ lr }) => 2 - 1.5 / (1 + Math.exp(-(Math.log10(lr) + 4) * 3)) + Math.exp((Math.log10(lr) + 1.5) * 2.5),
  });
}

describe('plotFinderSvg', () => {
  it('renders loss vs lr on a log axis with every suggestion marked', async () => {
    const r = await result();
    const svg = await plotFinderSvg(r, { title: 'finder test' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('finder test');
    expect(svg).toContain('learning rate');
    for (const s of r.suggestions) {
      if (s.lr !== null) expect(svg).toContain(`${s.name}${s.chosen ? ' (chosen)' : ''}: ${s.lr.toExponential(2)}`);
    }
    // log axis: tick labels in powers of ten
    expect(svg).toMatch(/1e-6|1e-4|1e-2/);
    // one line path per series
    expect(svg.match(/aria-roledescription="line mark"/g)?.length ?? 0).toBe(2);
  });
});
