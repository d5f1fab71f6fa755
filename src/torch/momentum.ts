import { at, OptionError, type Where } from '../errors.js';
import { momentumKeyOf, type Optimizer, type ParamGroup } from '../optim/Optimizer.js';

/** Which key a cycling scheduler writes: `momentum` (SGD-like) or `betas[0]` (Adam-like), as PyTorch 2.x. */
export function cycledMomentumKey(scope: Where, optimizer: Optimizer): 'momentum' | 'betas' {
  const key = momentumKeyOf(optimizer);
  if (key === null) {
    throw new OptionError(at(scope, 'cycleMomentum'), true, 'an optimizer with momentum or betas (or set cycleMomentum: false)');
  }
  return key;
}

/** Writes the cycled momentum in place (beta1 for Adam-like groups). */
export function writeMomentum(group: ParamGroup, key: 'momentum' | 'betas', value: number): void {
  if (key === 'betas') {
    const betas = group.betas;
    if (!Array.isArray(betas)) throw new OptionError('paramGroup.betas', betas, 'an array [beta1, beta2]');
    betas[0] = value;
  } else {
    group.momentum = value;
  }
}

/** Reads momentum or beta1 from a group. */
export function readMomentum(group: ParamGroup, key: 'momentum' | 'betas'): number | undefined {
  return key === 'betas' ? group.betas?.[0] : group.momentum;
}
