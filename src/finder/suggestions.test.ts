import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argmin, gradientAt, gradientUnit } from './gradient.js';
import { REFERENCE_SUGGESTION_NAMES, suggestLrs, SUGGESTION_NAMES, type SuggestionName } from './suggest.js';
import { lightningGradient, minimum, slide, steep, steepestGradient, valley } from './suggestions.js';

interface FixtureCase {
  name: string;
  numIter: number;
  lrs: number[];
  smoothedLosses: Array<number | 'NaN'>;
  expected: Record<(typeof REFERENCE_SUGGESTION_NAMES)[number], { lr: number; point: { lr: number; loss: number } } | null>;
}
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/finder/suggestions.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] };

describe('gradient (np.gradient / torch.gradient, edge_order=1)', () => {
  it('unit spacing: central inside, one-sided at the ends', () => {
    expect(gradientUnit([1, 2, 4, 8])).toEqual([1, 1.5, 3, 4]);
  });
  it('coordinates: exact for a quadratic inside, one-sided at the ends', () => {
    // f = x² at x = 0, 1, 3, 4: the non-uniform central formula is exact for quadratics (2x).
    const g = gradientAt([0, 1, 9, 16], [0, 1, 3, 4]);
    expect(g[0]).toBe(1);
    expect(g[1]).toBeCloseTo(2, 12);
    expect(g[2]).toBeCloseTo(6, 12);
    expect(g[3]).toBe(7);
  });
  it('argmin takes the first of equal minima', () => {
    expect(argmin([3, 1, 2, 1])).toBe(1);
    expect(argmin([])).toBe(-1);
  });
});

describe('suggestion rules on curves worked out from their definitions', () => {
  const lrs = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1];

  it('valley: longest decreasing subsequence, index start + int(len/3) + int(len/6) with start one before it', () => {
    // losses: the longest decreasing subsequence ends at i=4 with length 4 (9 > 5 > 4 > 3 at 0, 2, 3, 4):
    // end = 4, start = 4 - 4 = 0, len = 4, idx = 0 + int(4/3) + int(4/3/2) = 1 + 0 = 1.
    const r = valley(lrs, [9, 10, 5, 4, 3, 8]);
    expect(r).toEqual({ lr: 1e-4, point: { lr: 1e-4, loss: 10 }, index: 1 });
    // A run of 6 from i=0: start = 5 - 6 = -1, len = 6, idx = -1 + 2 + 1 = 2.
    expect(valley(lrs, [6, 5, 4, 3, 2, 1])?.index).toBe(2);
    // Two points decreasing: start = -1, idx = -1 wraps to the last point, as Python's lrs[-1].
    expect(valley([1, 2], [2, 1])?.index).toBe(1);
  });

  it('minimum: a tenth of the lr at the lowest loss, the point is the minimum itself', () => {
    const r = minimum(lrs, [3, 2, 1, 1, 5, 9]);
    expect(r?.lr).toBeCloseTo(1e-4, 18);
    expect(r?.point).toEqual({ lr: 1e-3, loss: 1 }); // first of the tied minima
  });

  it('steep: left end of the segment with the most negative slope per ln(lr)', () => {
    // equal log spacing, so the steepest segment is the largest drop: 2.5 -> 1.0 between i=2 and i=3.
    expect(steep(lrs, [3, 2.9, 2.5, 1.0, 0.9, 4])?.lr).toBe(1e-3);
    // uneven spacing: the drop of 1 over a factor 10 beats the drop of 1.5 over a factor 1000.
    expect(steep([1e-6, 1e-3, 1e-2], [3, 1.5, 0.5])?.index).toBe(1);
  });

  it('steepestGradient: argmin of np.gradient with unit spacing', () => {
    // np.gradient([3, 2.9, 2.5, 1.0, 0.9, 4]) = [-0.1, -0.25, -0.95, -0.8, 1.5, 3.1] -> index 2.
    expect(steepestGradient(lrs, [3, 2.9, 2.5, 1.0, 0.9, 4])?.index).toBe(2);
  });

  it('lightningGradient: argmin of the gradient over lr spacing (not log lr)', () => {
    // Per unit lr, the tiny drop at small lr is steepest: (2.9 - 3)/(1e-4 - 1e-5) = -1111 at i=0 (one-sided);
    // i=1: -10101·3 + 10000·2.9 + 101.01·2.5 = -1050.5; the big drop at i=3 is only about -90 per unit lr.
    const r = lightningGradient(lrs, [3, 2.9, 2.5, 1.0, 0.9, 4]);
    expect(r?.index).toBe(0);
    const g = gradientAt([3, 2.9, 2.5, 1.0, 0.9, 4], lrs);
    expect(g[0]).toBeCloseTo(-1111.111, 2);
    expect(g[1]).toBeCloseTo(-1050.505, 2);
  });

  it('slide: window walks left while the gradients at its ends differ by more than thresh', () => {
    // 20 points; the loss falls with slope -0.1/point up to i=9, is flat from i=10 on (gradient 0 there).
    // From the right end (grad 0), the window end l = r - 3 stays in the flat part (|0 - 0| <= thresh)
    // right away, so the slide stops at once: the suggestion is lrs[19 - 3].
    const xs = Array.from({ length: 20 }, (_, i) => 10 ** (-6 + i * 0.25));
    const flatEnd = xs.map((_, i) => (i < 10 ? 2 - 0.1 * i : 1.0));
    expect(slide(xs, flatEnd, { lrDiff: 3 })?.index).toBe(16);
    // Falling (slope -0.1/point) to i=9, flat to i=14, rising 1/point from i=15. np.gradient: -0.1 up to i=9,
    // -0.05 at 10, 0 at 11..13, 0.5 at 14, 1 from 15. With lrDiff 6, the window (l, r) = (13, 19) has |0 - 1| > thresh,
    // and so on leftwards; (4, 10): |-0.1 - (-0.05)| = 0.05 still > thresh, pick = 4; (3, 9): both -0.1 -> stop.
    const rising = xs.map((_, i) => (i < 10 ? 2 - 0.1 * i : i < 15 ? 1.0 : 1.0 + (i - 14)));
    expect(slide(xs, rising, { lrDiff: 6 })?.index).toBe(4);
    // With lrDiff 3 the first window (16, 19) lies on the rising part (gradients both 1): stop at once.
    expect(slide(xs, rising, { lrDiff: 3 })?.index).toBe(16);
    // adjustValue scales the lr; the plotted loss is interpolated on log10(lr).
    const adjusted = slide(xs, flatEnd, { lrDiff: 3, adjustValue: 10 ** 0.125 });
    expect(adjusted?.lr).toBeCloseTo((xs[16] as number) * 10 ** 0.125, 15);
    expect(adjusted?.point.loss).toBeCloseTo(1.0, 12);
    expect(slide(xs.slice(0, 3), flatEnd.slice(0, 3), { lrDiff: 3 })).toBeNull();
  });
});

describe('suggestLrs against the reference definitions (test/fixtures/finder/suggestions.json)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const smoothedLosses = c.smoothedLosses.map((v) => (v === 'NaN' ? NaN : v));
      const set = suggestLrs({ lrs: c.lrs, smoothedLosses }, { numIter: c.numIter });
      for (const name of REFERENCE_SUGGESTION_NAMES) {
        const got = set.suggestions.find((s) => s.name === name);
        const want = c.expected[name];
        if (want === null) {
          expect(got?.lr, name).toBeNull();
          continue;
        }
        expect(got?.lr, name).toBeCloseTo(want.lr, 15);
        expect(Math.abs((got?.lr as number) - want.lr) / want.lr, name).toBeLessThan(1e-12);
        expect(Math.abs((got?.point?.loss as number) - want.point.loss), name).toBeLessThan(1e-12);
        expect(got?.point?.lr, name).toBeCloseTo(want.point.lr, 15);
      }
    });
  }
});

describe('suggestLrs', () => {
  const { lrs, smoothedLosses } = (() => {
    const c = fixture.cases[1] as FixtureCase;
    return { lrs: c.lrs, smoothedLosses: c.smoothedLosses as number[] };
  })();

  it('marks exactly the chosen rule and reports its lr', () => {
    for (const name of SUGGESTION_NAMES) {
      const set = suggestLrs({ lrs, smoothedLosses, losses: smoothedLosses }, { suggest: name });
      expect(set.suggestions.filter((s) => s.chosen).map((s) => s.name)).toEqual([name]);
      expect(set.suggestedLr).toBe(set.suggestions.find((s) => s.name === name)?.lr);
      expect(set.suggestion).toBe(name);
    }
    expect(suggestLrs({ lrs, smoothedLosses }).suggestion).toBe('centredMinimum');
  });

  it('indices point into the full curve', () => {
    const set = suggestLrs({ lrs, smoothedLosses });
    for (const s of set.suggestions) {
      if (s.name === 'minimum' || s.name === 'slide' || s.lr === null) continue;
      expect(lrs[s.index as number]).toBe(s.lr);
    }
  });

  it('skip options change the trimmed curve', () => {
    const base = suggestLrs({ lrs, smoothedLosses });
    // skipEnd large enough to remove the rising end: the minimum moves left.
    const trimmed = suggestLrs({ lrs, smoothedLosses }, { fastai: { skipStart: 0, skipEnd: 40 } });
    const idx = (set: typeof base) => set.suggestions.find((s) => s.name === 'minimum')?.index as number;
    expect(idx(trimmed)).toBeLessThan(60);
    expect(idx(trimmed)).toBeLessThanOrEqual(idx(base));
  });

  it('a curve too short for a rule gives null with a reason', () => {
    const set = suggestLrs({ lrs: lrs.slice(0, 12), smoothedLosses: smoothedLosses.slice(0, 12) }, { suggest: 'steepestGradient' });
    expect(set.suggestedLr).toBeNull();
    const s = set.suggestions.find((x) => x.name === 'steepestGradient');
    expect(s?.reason).toMatch(/needs at least 2 points after trimming, has 0/);
    expect(set.suggestions.find((x) => x.name === 'valley')?.lr).not.toBeNull();
  });

  it('rejects bad options with OptionError naming the option', () => {
    const curve = { lrs, smoothedLosses };
    expect(() => suggestLrs(curve, { suggest: 'valey' as SuggestionName })).toThrow(/suggestLrs.suggest: expected one of "valley"/);
    expect(() => suggestLrs(curve, { fastai: { skipStart: -1 } })).toThrow(/suggestLrs.fastai.skipStart: expected a non-negative integer, got -1/);
    expect(() => suggestLrs(curve, { slide: { lrDiff: 0 } })).toThrow(/suggestLrs.slide.lrDiff/);
    expect(() => suggestLrs(curve, { slide: { adjustValue: 0 } })).toThrow(/suggestLrs.slide.adjustValue/);
    expect(() => suggestLrs(curve, { steepestGradient: { skip: 1 } as never })).toThrow(/suggestLrs.steepestGradient.skip: expected no such option/);
    expect(() => suggestLrs({ lrs: [1], smoothedLosses: [] }, {})).toThrow(/suggestLrs.curve/);
    expect(() => suggestLrs(curve, { numIter: 0 })).toThrow(/suggestLrs.numIter/);
  });
});
