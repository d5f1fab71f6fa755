import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { createOptimizer } from '../optim/createOptimizer.js';
import { TimmPlateauLR } from './TimmPlateauLR.js';

describe('TimmPlateauLR options', () => {
  it("errors name timm's option, not the ReduceLROnPlateau it drives", () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    expect(() => new TimmPlateauLR(optimizer, { decayRate: 1 })).toThrow(OptionError);
    expect(() => new TimmPlateauLR(optimizer, { decayRate: 1 })).toThrow(/^TimmPlateauLR\.decayRate: expected .*got 1$/);
    expect(() => new TimmPlateauLR(optimizer, { patienceT: 1.5 })).toThrow(/^TimmPlateauLR\.patienceT: expected/);
    expect(() => new TimmPlateauLR(optimizer, { lrMin: -1 })).toThrow(/^TimmPlateauLR\.lrMin: expected/);
  });

  it('warms up from warmupLrInit with timm defaults otherwise', () => {
    const s = new TimmPlateauLR(createOptimizer({ lr: 0.1 }), { warmupT: 4, warmupLrInit: 0.02 });
    expect(s.getLastLr()).toEqual([0.02]);
    expect(s.plateau.mode).toBe('max');
    expect(s.plateau.factor).toBe(0.1);
  });
});
