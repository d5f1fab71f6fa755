import { describe, expect, it } from 'vitest';
import { OptionError, StateError } from '../errors.js';
import { createOptimizer } from './createOptimizer.js';

describe('createOptimizer', () => {
  it('gives every group the top-level defaults it omits, like PyTorch', () => {
    const opt = createOptimizer({ lr: 0.1, momentum: 0.9, groups: [{}, { lr: 0.01, momentum: 0.5 }] });
    expect(opt.paramGroups).toEqual([{ lr: 0.1, momentum: 0.9 }, { lr: 0.01, momentum: 0.5 }]);
    expect(opt.momentumKey).toBe('momentum');
    const adam = createOptimizer({ lr: 1e-3, groups: [{}, {}], type: 'adam' });
    expect(adam.paramGroups[0]?.betas).toEqual([0.9, 0.999]);
    expect(adam.paramGroups[0]?.betas).not.toBe(adam.paramGroups[1]?.betas); // cycled beta1 must not leak across groups
  });

  it('counts steps and round-trips its state through JSON', () => {
    const opt = createOptimizer({ lr: 0.1, groups: [{}, { lr: 0.2 }] });
    opt.step();
    opt.paramGroups[1]!.lr = 0.05;
    const copy = createOptimizer({ lr: 0.1, groups: [{}, { lr: 0.2 }] });
    copy.loadStateDict(JSON.parse(JSON.stringify(opt.stateDict())));
    expect(copy.paramGroups).toEqual(opt.paramGroups);
    expect(copy.stepCount).toBe(1);
    expect(() => copy.loadStateDict({ ...opt.stateDict(), paramGroups: [] })).toThrow(StateError);
  });

  it('rejects bad options with the option named', () => {
    expect(() => createOptimizer({ lr: -1 })).toThrow(new OptionError(['createOptimizer', 'lr'], -1, 'a number in [0, inf)'));
    expect(() => createOptimizer({ lr: 0.1, betas: [0.9, 1.5] })).toThrow(/createOptimizer.betas\[1\]/);
    expect(() => createOptimizer({ lr: 0.1, groups: [] })).toThrow(/createOptimizer.groups/);
    expect(() => createOptimizer({ lr: 0.1, type: 'sgd', betas: [0.9, 0.99] })).toThrow(/no betas for type 'sgd'/);
    expect(() => createOptimizer({ lr: 0.1, lrr: 1 } as never)).toThrow(/createOptimizer.lrr/);
  });
});
