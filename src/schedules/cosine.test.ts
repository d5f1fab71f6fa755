import { describe, expect, it } from 'vitest';
import { cosine } from './cosine.js';

describe('cosine', () => {
  it('decays from `from` to 0 over steps and holds (Keras/Optax)', () => {
    const s = cosine({ from: 0.1, steps: 100 });
    expect(s(0)).toBe(0.1);
    expect(s(50)).toBeCloseTo(0.05, 16);
    expect(s(100)).toBe(0);
    expect(s(150)).toBe(0);
  });
  it('alpha sets a floor relative to from; to sets an absolute floor', () => {
    expect(cosine({ from: 0.1, steps: 10, alpha: 0.1 })(10)).toBeCloseTo(0.01, 17);
    expect(cosine({ from: 0.1, steps: 10, to: 0.02 })(10)).toBeCloseTo(0.02, 17);
    expect(cosine({ from: 0.1, steps: 10, to: 0.02 })(5)).toBeCloseTo(0.06, 16);
  });
  it('is periodic past steps when asked (PyTorch CosineAnnealingLR closed form)', () => {
    const s = cosine({ from: 1, steps: 10, periodic: true });
    expect(s(20)).toBeCloseTo(1, 15);
    expect(s(15)).toBeCloseTo(0.5, 15);
  });
  it('supports Optax exponent and Hugging Face num_cycles', () => {
    expect(cosine({ from: 1, steps: 10, exponent: 2 })(5)).toBeCloseTo(0.25, 15);
    expect(cosine({ from: 1, steps: 10, cycles: 1 })(5)).toBeCloseTo(0, 15);
    expect(cosine({ from: 1, steps: 10, cycles: 1 })(10)).toBeCloseTo(1, 15);
  });
  it('rejects alpha together with to', () => {
    expect(() => cosine({ from: 1, steps: 10, alpha: 0.1, to: 0.1 })).toThrow('cosine.to: expected no to when alpha is given (they set the same thing), got 0.1');
  });
});
