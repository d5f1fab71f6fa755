import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { createOptimizer } from '../optim/createOptimizer.js';
import { GreedyLR } from './GreedyLR.js';

const message = (build: () => unknown): string => {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionError);
    return (error as Error).message;
  }
  throw new Error('expected an OptionError');
};

describe('GreedyLR options', () => {
  it('fills transformers defaults', () => {
    const s = new GreedyLR(createOptimizer({ lr: 0.1, groups: [{}, { lr: 0.01 }] }));
    expect([s.mode, s.factor, s.patience, s.threshold, s.thresholdMode, s.windowSize]).toEqual(['min', 0.95, 10, 1e-6, 'abs', 50]);
    expect(s.minLrs).toEqual([1e-3, 1e-3]);
    expect(s.maxLrs).toEqual([1, 1]);
  });

  it('names the option and the value of a bad input', () => {
    const optimizer = createOptimizer({ lr: 0.1 });
    expect(message(() => new GreedyLR(optimizer, { factor: 1 }))).toMatch(/^GreedyLR\.factor: expected .*got 1$/);
    expect(message(() => new GreedyLR(optimizer, { windowSize: 0 }))).toMatch(/^GreedyLR\.windowSize: expected/);
    expect(message(() => new GreedyLR(optimizer, { minLr: [0.1, 0.2] }))).toMatch(/^GreedyLR\.minLr/);
    expect(message(() => new GreedyLR(optimizer, { gamma: 0.5 } as never))).toMatch(/gamma/);
  });
});
