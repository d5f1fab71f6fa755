import { beforeAll, describe, expect, it } from 'vitest';
import { buildMlp, readMlpSpec } from './mlp.js';
import { useWasmBackend } from '../../tfjs/wasmBackend.js';

beforeAll(useWasmBackend);

describe('MLP spec', () => {
  it('fills defaults and builds a compiled softmax classifier', () => {
    expect(readMlpSpec({})).toEqual({ hidden: [64], activation: 'relu', optimizer: 'sgd', momentum: 0.9, seed: 1 });
    const model = buildMlp({ hidden: [8, 4], optimizer: 'momentum' }, { inputs: 784, classes: 10, lr: 0.01 });
    expect(model.layers.map((l) => l.getConfig().units)).toEqual([8, 4, 10]);
    expect(model.optimizer.getClassName()).toBe('Momentum');
    model.optimizer.dispose();
    model.dispose();
  });

  it('validates with OptionErrors naming the key', () => {
    expect(() => readMlpSpec({ hidden: [0] })).toThrow(/model.hidden\[0\]: expected a positive integer/);
    expect(() => readMlpSpec({ activation: 'gelu' })).toThrow(/model.activation/);
    expect(() => readMlpSpec({ layers: 2 })).toThrow(/model.layers: expected no such option/);
    expect(() => readMlpSpec({ hidden: 64 })).toThrow(/model.hidden: expected an array/);
  });
});
