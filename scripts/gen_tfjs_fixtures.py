#!/usr/bin/env python3
"""Cross-framework oracle for lrkit/tfjs.

Trains one tiny, fully deterministic MLP (3 -> 6 tanh -> 1, mean squared error, full batch) with real
PyTorch optimizers under real PyTorch schedulers and records, for every step, the hyperparameters the
update used and the weights after it. test/tfjs/crossFramework.test.ts replays the same problem with
tfjs optimizers driven by lrkit schedulers through tfjsOptimizer() and compares the trajectories.

Data and initial weights are written into the fixture, so the test never depends on RNGs agreeing.

Every case uses a configuration where PyTorch's update rule and tfjs 4.22's coincide mathematically:
  * SGD momentum: dampening 0 (tfjs has none); PyTorch's first-step buf = grad equals tfjs's 0*m + grad.
  * Adam: eps is added to sqrt(v_hat) in both (PyTorch's denom/sqrt(bc2) + eps is the same expression).
  * Adamax: PyTorch adds eps to |g| inside the max, tfjs to the norm after it; eps = 1e-10 makes that moot.
  * RMSprop: momentum 0 only (tfjs multiplies lr into its momentum buffer, PyTorch applies lr after it);
    eps inside vs outside the sqrt, made moot with eps = 1e-10.
  * Adagrad: tfjs adds its backend epsilon (1e-7) inside the sqrt; with an initial accumulator of 0.1 the
    effect is below float32 noise.
Adadelta is not a case: tfjs 4.22 divides by the accumulator from before the step (PyTorch uses the
updated one), so trajectories differ by design; the unit tests check its lr effect instead.

Usage: npm run fixtures:tfjs   (= .venv/bin/python scripts/gen_tfjs_fixtures.py; writes test/fixtures/tfjs/trajectories.json)
"""
import json
import os
import sys

import torch

STEPS = 80
N_SAMPLES = 32
HIDDEN = 6
OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'tfjs', 'trajectories.json')


def f32(values):
    # 9 significant digits round-trip any float32 exactly.
    return [float('%.9g' % v) for v in values]


def make_problem():
    g = torch.Generator().manual_seed(1234)
    x = torch.rand(N_SAMPLES, 3, generator=g) * 2 - 1
    y = (torch.sin(2 * x[:, :1]) + 0.5 * x[:, 1:2] * x[:, 2:3] + 0.05 * torch.randn(N_SAMPLES, 1, generator=g))
    w1 = torch.randn(3, HIDDEN, generator=g) * 0.6
    b1 = torch.randn(HIDDEN, generator=g) * 0.1
    w2 = torch.randn(HIDDEN, 1, generator=g) * 0.6
    b2 = torch.zeros(1)
    return x, y, [w1, b1, w2, b2]


# name -> (torch optimizer factory, torch scheduler factory, optimizer spec for the test, lrkit scheduler spec)
CASES = {
    'sgd_steplr': (
        lambda p: torch.optim.SGD(p, lr=0.1),
        lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=20, gamma=0.5),
        {'type': 'sgd', 'lr': 0.1},
        {'type': 'StepLR', 'stepSize': 20, 'gamma': 0.5},
    ),
    'momentum_onecycle': (
        lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9),
        lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=STEPS),
        {'type': 'momentum', 'lr': 0.01, 'momentum': 0.9},
        {'type': 'OneCycleLR', 'maxLr': 0.1, 'totalSteps': STEPS},
    ),
    'nesterov_cosine': (
        lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True),
        lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=30, eta_min=0.001),
        {'type': 'momentum', 'lr': 0.05, 'momentum': 0.9, 'nesterov': True},
        {'type': 'CosineAnnealingLR', 'tMax': 30, 'etaMin': 0.001},
    ),
    'cyclic_momentum': (
        lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9),
        lambda o: torch.optim.lr_scheduler.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=10, mode='triangular2',
                                                     base_momentum=0.8, max_momentum=0.9),
        {'type': 'momentum', 'lr': 0.01, 'momentum': 0.9},
        {'type': 'CyclicLR', 'baseLr': 0.01, 'maxLr': 0.1, 'stepSizeUp': 10, 'mode': 'triangular2',
         'baseMomentum': 0.8, 'maxMomentum': 0.9},
    ),
    'momentum_plateau': (
        lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
        lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, mode='min', factor=0.5, patience=5, threshold=0.03),
        {'type': 'momentum', 'lr': 0.1, 'momentum': 0.9},
        {'type': 'ReduceLROnPlateau', 'mode': 'min', 'factor': 0.5, 'patience': 5, 'threshold': 0.03},
    ),
    'adam_onecycle_beta1': (
        lambda p: torch.optim.Adam(p, lr=0.001, betas=(0.9, 0.999), eps=1e-8),
        lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.05, total_steps=STEPS, base_momentum=0.7,
                                                       max_momentum=0.95),
        {'type': 'adam', 'lr': 0.001, 'betas': [0.9, 0.999], 'eps': 1e-8},
        {'type': 'OneCycleLR', 'maxLr': 0.05, 'totalSteps': STEPS, 'baseMomentum': 0.7, 'maxMomentum': 0.95},
    ),
    'adam_warm_restarts': (
        lambda p: torch.optim.Adam(p, lr=0.02, betas=(0.9, 0.999), eps=1e-8),
        lambda o: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=10, T_mult=2, eta_min=1e-4),
        {'type': 'adam', 'lr': 0.02, 'betas': [0.9, 0.999], 'eps': 1e-8},
        {'type': 'CosineAnnealingWarmRestarts', 't0': 10, 'tMult': 2, 'etaMin': 1e-4},
    ),
    'adamax_onecycle_beta1': (
        lambda p: torch.optim.Adamax(p, lr=0.002, betas=(0.9, 0.999), eps=1e-10),
        lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.05, total_steps=STEPS, base_momentum=0.7,
                                                       max_momentum=0.95),
        {'type': 'adamax', 'lr': 0.002, 'betas': [0.9, 0.999], 'eps': 1e-10},
        {'type': 'OneCycleLR', 'maxLr': 0.05, 'totalSteps': STEPS, 'baseMomentum': 0.7, 'maxMomentum': 0.95},
    ),
    'rmsprop_exponential': (
        lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-10, momentum=0),
        lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.97),
        {'type': 'rmsprop', 'lr': 0.01, 'decay': 0.9, 'eps': 1e-10, 'momentum': 0},
        {'type': 'ExponentialLR', 'gamma': 0.97},
    ),
    'adagrad_steplr': (
        lambda p: torch.optim.Adagrad(p, lr=0.1, initial_accumulator_value=0.1, eps=1e-10),
        lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=10, gamma=0.7),
        {'type': 'adagrad', 'lr': 0.1, 'initialAccumulatorValue': 0.1},
        {'type': 'StepLR', 'stepSize': 10, 'gamma': 0.7},
    ),
}


def forward(x, params):
    w1, b1, w2, b2 = params
    return torch.tanh(x @ w1 + b1) @ w2 + b2


def run_case(name, x, y, init):
    make_opt, make_sched, opt_spec, sched_spec = CASES[name]
    params = [p.clone().requires_grad_(True) for p in init]
    opt = make_opt(params)
    sched = make_sched(opt)
    plateau = isinstance(sched, torch.optim.lr_scheduler.ReduceLROnPlateau)
    group = opt.param_groups[0]
    lrs, moms, losses, weights = [], [], [], []
    for _ in range(STEPS):
        lrs.append(group['lr'])
        moms.append(group['betas'][0] if 'betas' in group else group.get('momentum'))
        opt.zero_grad()
        loss = torch.mean((forward(x, params) - y) ** 2)
        loss.backward()
        opt.step()
        losses.append(float(loss))
        weights.append([f32(p.detach().reshape(-1).tolist()) for p in params])
        if plateau:
            sched.step(float(loss))
        else:
            sched.step()
    return {
        'optimizer': opt_spec,
        'scheduler': sched_spec,
        'lr': lrs,
        'momentum': moms,
        'loss': losses,
        'weights': weights,
    }


def main():
    torch.set_num_threads(1)
    x, y, init = make_problem()
    cases = {}
    for name in CASES:
        cases[name] = run_case(name, x, y, init)
        c = cases[name]
        print('%-24s loss %.4f -> %.4f, %d distinct lrs, %d distinct momenta' % (
            name, c['loss'][0], c['loss'][-1], len(set(c['lr'])), len(set(c['momentum']))), file=sys.stderr)
    fixture = {
        'generator': 'scripts/gen_tfjs_fixtures.py',
        'torch': torch.__version__,
        'steps': STEPS,
        'model': 'pred = tanh(x @ w1 + b1) @ w2 + b2; loss = mean((pred - y)^2); full batch',
        'x': {'shape': list(x.shape), 'values': f32(x.reshape(-1).tolist())},
        'y': {'shape': list(y.shape), 'values': f32(y.reshape(-1).tolist())},
        'init': [{'name': n, 'shape': list(p.shape), 'values': f32(p.reshape(-1).tolist())}
                 for n, p in zip(['w1', 'b1', 'w2', 'b2'], init)],
        'cases': cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as fh:
        json.dump(fixture, fh, separators=(',', ':'))
        fh.write('\n')
    print('wrote', os.path.relpath(OUT), file=sys.stderr)


if __name__ == '__main__':
    main()
