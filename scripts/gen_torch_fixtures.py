#!/usr/bin/env python3
"""Generate golden lr-scheduler fixtures for lrkit from real PyTorch (2.13, unpatched).

Run:  npm run fixtures:torch   (= .venv/bin/python scripts/gen_torch_fixtures.py)

Drives torch.optim.lr_scheduler over several hundred random but deterministic
configurations ("trace specs") and writes test/fixtures/torch/<ClassName>.json
plus invalid.json.
"""
import copy
import json
import math
import os
import random
import re
import sys
import warnings

warnings.filterwarnings('ignore')

import torch  # noqa: E402
import torch.optim.lr_scheduler as L  # noqa: E402
from torch.optim.swa_utils import SWALR  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, 'test', 'fixtures', 'torch')
SEED = 20261124

# ---------------------------------------------------------------------------
# Expressions
# ---------------------------------------------------------------------------
_EXPR_ENV = {'min': min, 'max': max, 'abs': abs, 'floor': math.floor, 'sqrt': math.sqrt,
             'exp': math.exp, 'log': math.log, 'cos': math.cos, 'sin': math.sin, 'pi': math.pi}


def make_fn(expr, var):
    code = compile(expr, '<lambda>', 'eval')

    def fn(v):
        env = dict(_EXPR_ENV)
        env[var] = v
        return eval(code, {'__builtins__': {}}, env)
    return fn


# ---------------------------------------------------------------------------
# Building optimizers / schedulers from specs
# ---------------------------------------------------------------------------
RENAME = {'tMax': 'T_max', 't0': 'T_0', 'tMult': 'T_mult'}


def snake(k):
    if k in RENAME:
        return RENAME[k]
    return re.sub(r'([A-Z])', r'_\1', k).lower()


def build_optimizer(o):
    groups = []
    for g in o['groups']:
        d = {'params': [torch.zeros(2, requires_grad=True)]}
        for k, v in g.items():
            if k == 'initialLr':
                d['initial_lr'] = v
            elif k == 'betas':
                d['betas'] = tuple(v)
            else:
                d[k] = v
        groups.append(d)
    if o['type'] == 'sgd':
        return torch.optim.SGD(groups, lr=o['lr'], momentum=o.get('momentum', 0))
    if o['type'] == 'adam':
        return torch.optim.Adam(groups, lr=o['lr'], betas=tuple(o.get('betas', (0.9, 0.999))))
    raise ValueError(o['type'])


def build_scheduler(s, opt):
    t = s['type']
    kw = {}
    for k, v in s.items():
        if k in ('type', 'schedulers'):
            continue
        kw[snake(k)] = v
    if t == 'SequentialLR':
        children = [build_scheduler(c, opt) for c in s['schedulers']]
        return L.SequentialLR(opt, children, **kw)
    if t == 'ChainedScheduler':
        children = [build_scheduler(c, opt) for c in s['schedulers']]
        return L.ChainedScheduler(children)
    if t in ('LambdaLR', 'MultiplicativeLR'):
        lam = kw['lr_lambda']
        kw['lr_lambda'] = [make_fn(e, 'epoch') for e in lam] if isinstance(lam, list) else make_fn(lam, 'epoch')
    if t == 'CyclicLR' and 'scale_fn' in kw:
        kw['scale_fn'] = make_fn(kw['scale_fn'], 'x')
    if t == 'SWALR':
        return SWALR(opt, **kw)
    return getattr(L, t)(opt, **kw)


def read_rows(opt, kind):
    lrs = [float(g['lr']) for g in opt.param_groups]
    if kind == 'sgd':
        ms = [float(g['momentum']) for g in opt.param_groups]
    else:
        ms = [float(g['betas'][0]) for g in opt.param_groups]
    return lrs, ms


def err_record(e):
    msg = e.args[0] if e.args and isinstance(e.args[0], str) else str(e)
    return {'type': type(e).__name__, 'message': msg}


def execute(spec, use_resume=True):
    """Run a spec. Returns dict(lr, momentum, error?, errorAt?)."""
    kind = spec['optimizer']['type']
    out = {'lr': [], 'momentum': []}
    try:
        opt = build_optimizer(spec['optimizer'])
        sched = build_scheduler(spec['scheduler'], opt)
    except (ValueError, KeyError, TypeError, ZeroDivisionError) as e:
        out['error'] = err_record(e)
        out['errorAt'] = 'construct'
        return out
    lr, m = read_rows(opt, kind)
    out['lr'].append(lr)
    out['momentum'].append(m)
    metrics = spec.get('metrics')
    epochs = spec.get('epochs')
    resume_at = spec.get('resumeAt') if use_resume else None
    for i in range(1, spec['steps'] + 1):
        for g in opt.param_groups:
            for p in g['params']:
                p.grad = torch.zeros_like(p)
        opt.step()
        try:
            if metrics is not None:
                sched.step(metrics[i - 1])
            elif epochs is not None and epochs[i - 1] is not None:
                sched.step(epochs[i - 1])
            else:
                sched.step()
        except (ValueError, KeyError, TypeError, ZeroDivisionError) as e:
            out['error'] = err_record(e)
            out['errorAt'] = i
            return out
        lr, m = read_rows(opt, kind)
        out['lr'].append(lr)
        out['momentum'].append(m)
        if resume_at is not None and i == resume_at:
            osd = copy.deepcopy(opt.state_dict())
            ssd = copy.deepcopy(sched.state_dict())
            opt = build_optimizer(spec['optimizer'])
            sched = build_scheduler(spec['scheduler'], opt)
            opt.load_state_dict(osd)
            sched.load_state_dict(ssd)
    return out


# ---------------------------------------------------------------------------
# Random spec generation
# ---------------------------------------------------------------------------
R = random.Random(SEED)


def rnd(a, b, digits=6):
    return round(R.uniform(a, b), digits)


def lr_value():
    return R.choice([0.1, 0.01, 0.05, 1.0, 0.003, 0.2, 0.5]) if R.random() < 0.5 else rnd(0.0005, 0.8)


def make_optimizer(ngroups=None, kind=None, initial_lr=False, momentum=None):
    kind = kind or R.choice(['sgd', 'sgd', 'adam'])
    ngroups = ngroups or R.choice([1, 1, 2, 2, 3])
    o = {'type': kind, 'lr': lr_value()}
    if kind == 'sgd':
        mom = momentum if momentum is not None else R.choice([0, 0, 0.9, rnd(0.5, 0.99, 3)])
        if mom:
            o['momentum'] = mom
    elif R.random() < 0.4:
        o['betas'] = [rnd(0.8, 0.95, 3), R.choice([0.999, 0.99])]
    groups = []
    for _ in range(ngroups):
        g = {}
        if R.random() < 0.65:
            g['lr'] = lr_value()
        if kind == 'sgd' and R.random() < 0.3:
            g['momentum'] = rnd(0.5, 0.99, 3)
        if kind == 'adam' and R.random() < 0.25:
            g['betas'] = [rnd(0.8, 0.95, 3), 0.999]
        if initial_lr:
            g['initialLr'] = lr_value()
        groups.append(g)
    o['groups'] = groups
    return o


def maybe_list(fn, n, p=0.35):
    if R.random() < p:
        return [fn() for _ in range(n)]
    return fn()


LAMBDA_EXPRS = [
    '0.95 ** epoch', '1 / (epoch + 1)', 'min(1.0, (epoch + 1) / 5)', '0.5 * (1 + cos(pi * epoch / 20))',
    '0.97', 'max(0.1, 1 - epoch / 50)', 'exp(-0.05 * epoch)', 'sqrt(1 / (epoch + 1))',
    'floor(epoch / 10) * 0.1 + 1', 'abs(sin(epoch / 7)) + 0.1', '-0.5 ** 2 + 1.25',
    '2 ** -epoch / 2 + 0.5', 'log(epoch + 2) / log(2)', 'max(0.0, 1 - epoch / 100) ** 0.9',
    '1 / (1 + 0.001 * epoch ** 2)', '-(-2) ** 2 / -4 * 0.9 ** epoch', '2 ** 3 ** 0.5 / 3',
    '0.99 ** (epoch / 2)', 'min(1.0, max(0.01, (epoch - 3) / 10))', '(1 + epoch) ** -0.5',
    '0.5 + 0.5 * cos(pi * min(epoch, 30) / 30)', '1.0 - -epoch * 0.01',
]
MULT_EXPRS = [
    '0.97', '0.95', '0.999', '0.9 + 0.0005 * min(epoch, 100)', 'max(0.9, 1 - epoch / 1000)',
    '1 / (1 + 0.01 * epoch) ** 0.5', '0.98 + 0.02 * cos(pi * epoch / 10) ** 2', 'exp(-0.01)',
    '1.01', 'min(1.0, 0.95 + epoch / 200)', 'sqrt(0.98)', '1 - 0.5 / (epoch + 10)',
]
SCALE_EXPRS = [
    '1 / (2 ** (x - 1))', '0.99 ** x', 'exp(-0.01 * x)', '1 / (1 + 0.1 * x)',
    '0.5 * (1 + cos(pi * min(x, 20) / 20))', 'max(0.2, 1 - x / 100)', '1.0', 'abs(sin(x / 3)) + 0.5',
]

CHAINABLE = ['LambdaLR', 'MultiplicativeLR', 'StepLR', 'MultiStepLR', 'ConstantLR', 'LinearLR', 'ExponentialLR',
             'PolynomialLR', 'CosineAnnealingLR', 'CosineAnnealingWarmRestarts', 'CyclicLR', 'OneCycleLR', 'SWALR']


def sched_options(t, n, steps, last_epoch=None, kind='sgd'):
    s = {'type': t}
    if t == 'LambdaLR':
        s['lrLambda'] = [R.choice(LAMBDA_EXPRS) for _ in range(n)] if R.random() < 0.35 else R.choice(LAMBDA_EXPRS)
    elif t == 'MultiplicativeLR':
        s['lrLambda'] = [R.choice(MULT_EXPRS) for _ in range(n)] if R.random() < 0.35 else R.choice(MULT_EXPRS)
    elif t == 'StepLR':
        s['stepSize'] = R.randint(1, max(2, min(40, steps // 2)))
        s['gamma'] = rnd(0.05, 0.999, 4)
    elif t == 'MultiStepLR':
        k = R.randint(1, 5)
        s['milestones'] = sorted(R.sample(range(1, max(k + 2, steps + 5)), k))
        s['gamma'] = rnd(0.05, 0.999, 4)
    elif t == 'ConstantLR':
        s['factor'] = R.choice([rnd(0.01, 1.0, 4), 0.5, 1.0 / 3, 1.0]) if R.random() < 0.9 else 1.0
        s['totalIters'] = R.randint(1, 30)
    elif t == 'LinearLR':
        s['startFactor'] = R.choice([rnd(0.01, 1.0, 4), 1.0 / 3, 0.1])
        s['endFactor'] = R.choice([rnd(0.05, 1.0, 4), 1.0, 1.0])
        s['totalIters'] = R.randint(1, 50)
    elif t == 'ExponentialLR':
        s['gamma'] = rnd(0.05, 0.999, 4) if R.random() < 0.6 else rnd(0.9, 0.999, 4)
    elif t == 'PolynomialLR':
        s['totalIters'] = R.randint(1, 100)
        s['power'] = R.choice([1.0, 2.0, 0.5, rnd(0.3, 3.0, 3)])
    elif t == 'CosineAnnealingLR':
        s['tMax'] = R.randint(1, 100)
        if R.random() < 0.6:
            s['etaMin'] = R.choice([0.0, rnd(0.00001, 0.001, 7), 0.0001])
    elif t == 'CosineAnnealingWarmRestarts':
        s['t0'] = R.randint(1, 30)
        s['tMult'] = R.choice([1, 1, 2, 3])
        if R.random() < 0.6:
            s['etaMin'] = R.choice([0.0, rnd(0.00001, 0.001, 7)])
    elif t == 'CyclicLR':
        s['baseLr'] = maybe_list(lambda: rnd(0.0001, 0.01, 6), n)
        s['maxLr'] = maybe_list(lambda: rnd(0.02, 0.5, 6), n)
        s['stepSizeUp'] = R.randint(1, 40)
        if R.random() < 0.4:
            s['stepSizeDown'] = R.randint(1, 40)
        r = R.random()
        if r < 0.2:
            s['scaleFn'] = R.choice(SCALE_EXPRS)
            s['scaleMode'] = R.choice(['cycle', 'iterations'])
        else:
            s['mode'] = R.choice(['triangular', 'triangular2', 'exp_range'])
            if s['mode'] == 'exp_range':
                s['gamma'] = rnd(0.99, 0.99999, 6)
        s['cycleMomentum'] = R.random() < 0.7
        if s['cycleMomentum']:
            if R.random() < 0.6:
                s['baseMomentum'] = maybe_list(lambda: rnd(0.7, 0.85, 4), n)
                s['maxMomentum'] = maybe_list(lambda: rnd(0.86, 0.99, 4), n)
    elif t == 'OneCycleLR':
        s['maxLr'] = maybe_list(lambda: rnd(0.01, 1.0, 5), n)
        total = max(steps, R.randint(10, 300)) if R.random() < 0.5 else steps
        if R.random() < 0.3 and total >= 4:
            spe = R.choice([d for d in range(2, 11) if total % d == 0] or [1])
            s['epochs'] = total // spe
            s['stepsPerEpoch'] = spe
        else:
            s['totalSteps'] = total
        three = R.random() < 0.3
        if R.random() < 0.7:
            for _ in range(100):
                pct = rnd(0.05, 0.45 if three else 0.8, 3)
                if pct * total >= 2:
                    break
            else:
                pct = 0.4
            s['pctStart'] = pct
        if R.random() < 0.4:
            s['annealStrategy'] = R.choice(['cos', 'linear'])
        if three:
            s['threePhase'] = True
        if R.random() < 0.4:
            s['divFactor'] = rnd(5, 50, 3)
        if R.random() < 0.4:
            s['finalDivFactor'] = R.choice([100.0, 1000.0, 1e5, rnd(50, 5000, 2)])
        if R.random() < 0.2:
            s['cycleMomentum'] = False
        elif R.random() < 0.5:
            s['baseMomentum'] = maybe_list(lambda: rnd(0.7, 0.85, 4), n)
            s['maxMomentum'] = maybe_list(lambda: rnd(0.86, 0.99, 4), n)
    elif t == 'SWALR':
        s['swaLr'] = maybe_list(lambda: rnd(0.001, 0.2, 6), n)
        s['annealEpochs'] = R.randint(0, 10)
        s['annealStrategy'] = R.choice(['cos', 'linear'])
    if last_epoch is not None:
        s['lastEpoch'] = last_epoch
    return s


def check_pct(s):
    """OneCycleLR: keep pct_start*total_steps >= 2 (avoid the degenerate 1-step warm-up)."""
    if s.get('type') != 'OneCycleLR':
        return
    total = s.get('totalSteps') or s['epochs'] * s['stepsPerEpoch']
    pct = s.get('pctStart', 0.3)
    if pct * total < 2:
        s['pctStart'] = round(min(0.45, max(2.5 / total, 0.05)), 3)
        if s['pctStart'] * total < 2:
            s['totalSteps'] = max(total, 20)
            s.pop('epochs', None)
            s.pop('stepsPerEpoch', None)


def steps_count(long_p=0.0):
    if R.random() < long_p:
        return R.randint(1000, 1500)
    return R.choice([R.randint(20, 60), R.randint(20, 120), R.randint(60, 300)])


CASES = {}
COUNTERS = {}


def add(fname, spec):
    top = spec['scheduler']['type']
    cid_base = ('invalid-' + top) if fname == 'invalid' else top
    COUNTERS[cid_base] = COUNTERS.get(cid_base, 0) + 1
    cid = '{}-{:03d}'.format(cid_base, COUNTERS[cid_base])
    CASES.setdefault(fname, []).append({'id': cid, 'spec': spec})


def resume_for(steps, p=0.22):
    if R.random() < p and steps >= 3:
        return R.randint(1, steps - 1)
    return None


def simple_case(t, kind=None, steps=None, last_epoch=None, long_p=0.0, resume_p=0.22, optim_kw=None):
    steps = steps or steps_count(long_p)
    o = make_optimizer(kind=kind, initial_lr=last_epoch is not None, **(optim_kw or {}))
    s = sched_options(t, len(o['groups']), steps, last_epoch, o['type'])
    check_pct(s)
    if t == 'OneCycleLR':
        total = s.get('totalSteps') or s['epochs'] * s['stepsPerEpoch']
        steps = min(steps, total) if R.random() < 0.6 else total
    spec = {'optimizer': o, 'scheduler': s, 'steps': steps}
    r = resume_for(steps, resume_p)
    if r is not None:
        spec['resumeAt'] = r
    return spec


def gen_basic():
    per_class = {
        'LambdaLR': 40, 'MultiplicativeLR': 36, 'StepLR': 40, 'MultiStepLR': 38, 'ConstantLR': 34,
        'LinearLR': 40, 'ExponentialLR': 34, 'PolynomialLR': 36, 'CosineAnnealingLR': 42,
    }
    for t, n in per_class.items():
        for i in range(n):
            le = None
            if i % 6 == 5:
                le = R.choice([0, 1, 2, 3, 5, R.randint(5, 40)])
            long_p = 0.08 if t in ('CosineAnnealingLR', 'ExponentialLR') else 0.0
            spec = simple_case(t, last_epoch=le, long_p=long_p)
            if t == 'CosineAnnealingLR' and i < 3:
                spec['steps'] = R.randint(1000, 1300)
                spec['scheduler']['tMax'] = R.randint(30, 150)
                spec['optimizer']['groups'] = spec['optimizer']['groups'][:1]
                spec['scheduler']['type'] = 'CosineAnnealingLR'
                spec.pop('resumeAt', None)
                if le is not None:
                    spec['optimizer']['groups'][0]['initialLr'] = 0.1
            if t == 'ExponentialLR' and i < 2:
                spec['steps'] = R.randint(1000, 1500)
                spec['scheduler']['gamma'] = rnd(0.99, 0.999, 4)
                spec['optimizer']['groups'] = spec['optimizer']['groups'][:1]
            if t == 'PolynomialLR' and R.random() < 0.5:
                spec['steps'] = max(spec['steps'], spec['scheduler']['totalIters'] + R.randint(1, 30))
            if t in ('LinearLR', 'ConstantLR') and spec['steps'] < spec['scheduler']['totalIters'] + 3:
                spec['steps'] = spec['scheduler']['totalIters'] + R.randint(3, 20)
            add(t, spec)
    # lastEpoch on the 2.x-sensitive classes with small totals so the initial step lands inside the schedule
    for t in ['ExponentialLR', 'CosineAnnealingLR', 'MultiplicativeLR', 'LinearLR', 'PolynomialLR']:
        for _ in range(6):
            spec = simple_case(t, last_epoch=R.choice([0, 1, 2, 3, 4, 7]), steps=R.randint(20, 80))
            add(t, spec)


def cawr_epochs(steps, t0, tmult):
    kind = R.choice(['frac', 'frac', 'interleave', 'jump', 'int'])
    eps = []
    if kind == 'frac':
        iters = R.randint(2, 10)
        for i in range(steps):
            eps.append((i // iters) + (i % iters) / iters)
    elif kind == 'interleave':
        iters = R.randint(2, 6)
        for i in range(steps):
            eps.append(None if R.random() < 0.4 else (i // iters) + (i % iters) / iters + R.choice([0, 0, 1, 5]))
    elif kind == 'jump':
        for i in range(steps):
            if i == steps // 3:
                eps.append(R.randint(10, 60))
            elif i == steps // 2:
                eps.append(rnd(0, 40, 3))
            else:
                eps.append(None)
    else:
        for i in range(steps):
            eps.append(R.randint(0, 3 * t0 * max(1, tmult)))
    return eps


def gen_cawr():
    for i in range(46):
        le = R.choice([0, 3, 7]) if i % 8 == 7 else None
        spec = simple_case('CosineAnnealingWarmRestarts', last_epoch=le)
        if i % 2 == 1:
            s = spec['scheduler']
            spec['epochs'] = cawr_epochs(spec['steps'], s['t0'], s['tMult'])
        add('CosineAnnealingWarmRestarts', spec)


def gen_cyclic():
    for i in range(62):
        kind = 'adam' if i % 4 == 3 else R.choice(['sgd', 'sgd', 'adam'])
        le = R.choice([0, 4, 11]) if i % 10 == 9 else None
        spec = simple_case('CyclicLR', kind=kind, last_epoch=le, optim_kw={'momentum': R.choice([0, 0.9])})
        s = spec['scheduler']
        if kind == 'adam' and i % 4 == 3:
            s['cycleMomentum'] = True
        if i < 12:
            # all modes explicitly covered
            s.pop('scaleFn', None); s.pop('scaleMode', None); s.pop('gamma', None)
            s['mode'] = ['triangular', 'triangular2', 'exp_range'][i % 3]
            if s['mode'] == 'exp_range':
                s['gamma'] = rnd(0.99, 0.9999, 6)
        elif i < 20:
            s.pop('mode', None); s.pop('gamma', None)
            s['scaleFn'] = R.choice(SCALE_EXPRS)
            s['scaleMode'] = ['cycle', 'iterations'][i % 2]
        add('CyclicLR', spec)


def gen_onecycle():
    for i in range(56):
        kind = 'adam' if i % 4 == 1 else None
        spec = simple_case('OneCycleLR', kind=kind)
        s = spec['scheduler']
        if i < 8:
            s['annealStrategy'] = ['cos', 'linear'][i % 2]
            s['threePhase'] = i % 4 >= 2
            if s['threePhase'] and s.get('pctStart', 0.3) > 0.45:
                s['pctStart'] = 0.3
            check_pct(s)
            total = s.get('totalSteps') or s['epochs'] * s['stepsPerEpoch']
            spec['steps'] = total
            if spec.get('resumeAt', 0) >= total:
                spec['resumeAt'] = total // 2
        add('OneCycleLR', spec)


def metric_seq(n, mode):
    kind = R.choice(['walk', 'ties', 'plateau', 'small', 'neg'])
    v = rnd(0.5, 2.0, 4)
    out = []
    direction = -1 if mode == 'min' else 1
    for i in range(n):
        r = R.random()
        if kind == 'ties' and r < 0.4 and out:
            out.append(out[-1])
            continue
        if kind == 'plateau' and (i // R.choice([3, 5, 8])) % 2 == 1 and out:
            out.append(out[-1])
            continue
        if kind == 'small':
            step = R.choice([0.00001, 0.00005, 0.0001, 0.001, 0.0])
        else:
            step = rnd(0, 0.08, 4)
        if R.random() < 0.35:
            step = -step
        v = round(v + direction * step, 6)
        out.append(v)
    if kind == 'neg':
        out = [round(x - 2.5, 6) for x in out]
    return out


def gen_plateau():
    for i in range(56):
        steps = R.randint(20, 150)
        o = make_optimizer()
        n = len(o['groups'])
        s = {'type': 'ReduceLROnPlateau'}
        mode = R.choice(['min', 'max'])
        if mode != 'min' or R.random() < 0.5:
            s['mode'] = mode
        s['factor'] = R.choice([0.1, 0.5, rnd(0.05, 0.95, 3)])
        s['patience'] = R.randint(0, 5)
        if R.random() < 0.7:
            s['threshold'] = R.choice([0.0, 1e-4, 0.001, 0.01, rnd(0, 0.05, 4)])
        s['thresholdMode'] = R.choice(['rel', 'abs'])
        if R.random() < 0.5:
            s['cooldown'] = R.randint(0, 3)
        if R.random() < 0.5:
            s['minLr'] = maybe_list(lambda: R.choice([0.0, 1e-4, rnd(0.0001, 0.01, 6)]), n, 0.5)
        if i % 5 == 2:
            s['eps'] = R.choice([1e-3, 5e-3, 0.02])
        spec = {'optimizer': o, 'scheduler': s, 'steps': steps, 'metrics': metric_seq(steps, mode)}
        r = resume_for(steps, 0.25)
        if r is not None:
            spec['resumeAt'] = r
        add('ReduceLROnPlateau', spec)


def gen_swalr():
    for i in range(40):
        le = R.choice([0, 2, 5]) if i % 8 == 7 else None
        spec = simple_case('SWALR', last_epoch=le, steps=R.randint(15, 60))
        if i < 11:
            spec['scheduler']['annealEpochs'] = i
        add('SWALR', spec)


def child_spec(t, n, steps, allow_nested, depth=0):
    if t in ('SequentialLR', 'ChainedScheduler'):
        return composite_spec(t, n, steps, depth + 1)
    s = sched_options(t, n, steps)
    if t == 'OneCycleLR':
        s.pop('epochs', None); s.pop('stepsPerEpoch', None)
        s['totalSteps'] = steps + R.randint(0, 50)
        check_pct(s)
    return s


def composite_spec(t, n, steps, depth=0):
    k = R.choice([2, 2, 3])
    kinds = []
    for j in range(k):
        if depth == 0 and R.random() < 0.25 and (t == 'ChainedScheduler' or j == 0):
            kinds.append(R.choice(['SequentialLR', 'ChainedScheduler']))
        else:
            kinds.append(R.choice(CHAINABLE))
    children = [child_spec(c, n, steps, depth == 0, depth) for c in kinds]
    s = {'type': t, 'schedulers': children}
    if t == 'SequentialLR':
        ms = sorted(R.sample(range(1, max(k + 1, steps)), k - 1))
        s['milestones'] = ms
    return s


def gen_composites():
    for t, count in (('SequentialLR', 60), ('ChainedScheduler', 48)):
        for i in range(count):
            steps = R.randint(20, 150)
            o = make_optimizer()
            s = composite_spec(t, len(o['groups']), steps)
            if t == 'SequentialLR' and i < 8:
                # SWALR after another scheduler (the documented SWA pattern)
                first = sched_options(R.choice(['CosineAnnealingLR', 'StepLR', 'ExponentialLR', 'LinearLR']),
                                      len(o['groups']), steps)
                s = {'type': 'SequentialLR', 'schedulers': [first, sched_options('SWALR', len(o['groups']), steps)],
                     'milestones': [R.randint(5, steps - 5)]}
            spec = {'optimizer': o, 'scheduler': s, 'steps': steps}
            r = resume_for(steps, 0.3)
            if r is not None:
                spec['resumeAt'] = r
            add(t, spec)


def sgd1(lr=0.1, n=1, **extra):
    o = {'type': 'sgd', 'lr': lr, 'groups': [{} for _ in range(n)]}
    o.update(extra)
    return o


def gen_invalid():
    F = 'invalid'
    inv = [
        (sgd1(), {'type': 'ConstantLR', 'factor': 1.5}, 10),
        (sgd1(), {'type': 'LinearLR', 'startFactor': 0.0}, 10),
        (sgd1(), {'type': 'LinearLR', 'endFactor': 1.5}, 10),
        (sgd1(), {'type': 'LinearLR', 'startFactor': 1.2}, 10),
        (sgd1(), {'type': 'CosineAnnealingWarmRestarts', 't0': 0}, 10),
        (sgd1(), {'type': 'CosineAnnealingWarmRestarts', 't0': 10, 'tMult': 0}, 10),
        (sgd1(), {'type': 'OneCycleLR', 'maxLr': 0.1, 'totalSteps': 100, 'pctStart': 1.5}, 10),
        (sgd1(), {'type': 'OneCycleLR', 'maxLr': 0.1, 'totalSteps': 100, 'annealStrategy': 'foo'}, 10),
        (sgd1(), {'type': 'OneCycleLR', 'maxLr': 0.1, 'totalSteps': 0}, 10),
        (sgd1(), {'type': 'OneCycleLR', 'maxLr': 0.1}, 10),
        (sgd1(n=2), {'type': 'OneCycleLR', 'maxLr': [0.1, 0.2, 0.3], 'totalSteps': 50}, 10),
        (sgd1(), {'type': 'CyclicLR', 'baseLr': 0.001, 'maxLr': 0.1, 'mode': 'foo'}, 10),
        (sgd1(n=2), {'type': 'CyclicLR', 'baseLr': 0.001, 'maxLr': [0.1], 'stepSizeUp': 5}, 10),
        (sgd1(n=3), {'type': 'CyclicLR', 'baseLr': [0.001, 0.002], 'maxLr': 0.1, 'stepSizeUp': 5}, 10),
        (sgd1(n=2), {'type': 'CyclicLR', 'baseLr': 0.001, 'maxLr': 0.1, 'stepSizeUp': 5,
                     'baseMomentum': [0.8, 0.8, 0.8]}, 10),
        (sgd1(), {'type': 'ReduceLROnPlateau', 'factor': 1.0}, 10),
        (sgd1(), {'type': 'ReduceLROnPlateau', 'mode': 'foo'}, 10),
        (sgd1(), {'type': 'ReduceLROnPlateau', 'thresholdMode': 'foo'}, 10),
        (sgd1(n=2), {'type': 'ReduceLROnPlateau', 'minLr': [0.0, 0.1, 0.2]}, 10),
        (sgd1(n=3), {'type': 'ReduceLROnPlateau', 'minLr': [0.0]}, 10),
        (sgd1(), {'type': 'SWALR', 'swaLr': 0.05, 'annealStrategy': 'foo'}, 10),
        (sgd1(), {'type': 'SWALR', 'swaLr': 0.05, 'annealEpochs': -1}, 10),
        (sgd1(n=2), {'type': 'SWALR', 'swaLr': [0.05, 0.01, 0.02]}, 10),
        (sgd1(n=2), {'type': 'LambdaLR', 'lrLambda': ['0.95 ** epoch']}, 10),
        (sgd1(n=1), {'type': 'MultiplicativeLR', 'lrLambda': ['0.95', '0.9']}, 10),
        (sgd1(), {'type': 'SequentialLR', 'milestones': [5, 10],
                  'schedulers': [{'type': 'ConstantLR', 'factor': 0.5}, {'type': 'ExponentialLR', 'gamma': 0.9}]}, 10),
        (sgd1(), {'type': 'SequentialLR', 'milestones': [],
                  'schedulers': [{'type': 'ConstantLR', 'factor': 0.5}, {'type': 'ExponentialLR', 'gamma': 0.9}]}, 10),
        (sgd1(), {'type': 'SequentialLR', 'milestones': [5],
                  'schedulers': [{'type': 'ExponentialLR', 'gamma': 0.9}, {'type': 'ReduceLROnPlateau'}]}, 10),
        (sgd1(), {'type': 'SequentialLR', 'milestones': [],
                  'schedulers': []}, 10),
        (sgd1(), {'type': 'ChainedScheduler',
                  'schedulers': [{'type': 'ExponentialLR', 'gamma': 0.9}, {'type': 'ReduceLROnPlateau'}]}, 10),
        (sgd1(), {'type': 'ChainedScheduler',
                  'schedulers': [{'type': 'ReduceLROnPlateau', 'mode': 'max'}]}, 10),
        (sgd1(), {'type': 'ChainedScheduler', 'schedulers': []}, 10),
    ]
    for cls, opts in [('StepLR', {'stepSize': 3}), ('ExponentialLR', {'gamma': 0.9}),
                      ('CosineAnnealingLR', {'tMax': 10}), ('LinearLR', {}), ('PolynomialLR', {}),
                      ('LambdaLR', {'lrLambda': '0.9 ** epoch'}), ('MultiplicativeLR', {'lrLambda': '0.9'}),
                      ('MultiStepLR', {'milestones': [2, 4]}), ('ConstantLR', {}),
                      ('CosineAnnealingWarmRestarts', {'t0': 5}), ('SWALR', {'swaLr': 0.01}),
                      ('CyclicLR', {'baseLr': 0.01, 'maxLr': 0.1, 'stepSizeUp': 4}),
                      ('OneCycleLR', {'maxLr': 0.1, 'totalSteps': 20})]:
        s = {'type': cls, 'lastEpoch': 5}
        s.update(opts)
        inv.append((sgd1(n=R.choice([1, 2])), s, 10))
    # OneCycleLR resumed via lastEpoch needs max_lr etc. in the groups -> KeyError even with initialLr
    inv.append(({'type': 'sgd', 'lr': 0.1, 'groups': [{'initialLr': 0.004}]},
                {'type': 'OneCycleLR', 'maxLr': 0.1, 'totalSteps': 20, 'lastEpoch': 3}, 10))
    for o, s, steps in inv:
        add(F, {'optimizer': o, 'scheduler': s, 'steps': steps})
    # step-time errors
    for i in range(8):
        total = R.randint(5, 60)
        o = make_optimizer()
        s = {'type': 'OneCycleLR', 'maxLr': rnd(0.05, 0.5, 4), 'totalSteps': total}
        if i % 2:
            s['threePhase'] = True
        if i % 3 == 0:
            s.pop('totalSteps')
            s['epochs'] = total
            s['stepsPerEpoch'] = 1
            s['annealStrategy'] = 'linear'
        check_pct(s)
        total = s.get('totalSteps') or s['epochs'] * s['stepsPerEpoch']
        spec = {'optimizer': o, 'scheduler': s, 'steps': total + R.randint(1, 5)}
        if i < 3:
            spec['resumeAt'] = total // 2
        add(F, spec)
    # OneCycleLR as a SequentialLR / ChainedScheduler child, over-stepped
    add(F, {'optimizer': sgd1(momentum=0.9), 'scheduler': {
        'type': 'SequentialLR', 'milestones': [10], 'schedulers': [
            {'type': 'LinearLR', 'startFactor': 0.1, 'totalIters': 10},
            {'type': 'OneCycleLR', 'maxLr': 0.5, 'totalSteps': 20}]}, 'steps': 40})
    add(F, {'optimizer': sgd1(n=2), 'scheduler': {
        'type': 'ChainedScheduler', 'schedulers': [
            {'type': 'ExponentialLR', 'gamma': 0.95},
            {'type': 'OneCycleLR', 'maxLr': [0.5, 0.2], 'totalSteps': 15, 'pctStart': 0.4}]}, 'steps': 30})
    # CAWR negative epoch in step()
    for i in range(4):
        steps = R.randint(10, 30)
        at = R.randint(1, steps - 1)
        eps = [None if R.random() < 0.5 else rnd(0, 20, 3) for _ in range(steps)]
        eps[at - 1] = R.choice([-1, -0.5, -3])
        add(F, {'optimizer': make_optimizer(), 'scheduler': {'type': 'CosineAnnealingWarmRestarts',
                'tMult': R.choice([1, 2]), 't0': R.randint(2, 10)}, 'steps': steps, 'epochs': eps})


# ---------------------------------------------------------------------------
# Scenarios the trace spec cannot express: groups added mid-run, options carried in the state
# ---------------------------------------------------------------------------
SCENARIO_OUT = os.path.join(ROOT, 'test', 'fixtures', 'torch-scenarios.json')


def add_group_case(t, k, extra=None):
    """Build, step k times, add a param group, step again; record every group's lr (or the error)."""
    o = make_optimizer(ngroups=R.choice([1, 2]), kind='sgd', momentum=0.9 if t in ('CyclicLR', 'OneCycleLR') else None)
    steps = 30
    s = sched_options(t, len(o['groups']), steps)
    if t == 'OneCycleLR':
        s.pop('epochs', None)
        s.pop('stepsPerEpoch', None)
        s['totalSteps'] = 60
        check_pct(s)
    if t == 'ReduceLROnPlateau':
        s = {'type': t, 'patience': R.randint(0, 2), 'factor': 0.5}
        s.update(extra or {})
        if s.get('minLr') == 'perGroup':
            s['minLr'] = [round(0.001 * (i + 1), 6) for i in range(len(o['groups']))]
    new_group = {'lr': lr_value()}
    if R.random() < 0.3:
        new_group['initialLr'] = lr_value()
    metrics = [round(1.0 + 0.001 * (i % 3), 4) for i in range(k + 20)] if t == 'ReduceLROnPlateau' else None
    rows, error = [], None
    opt = build_optimizer(o)
    sched = build_scheduler(s, opt)
    rows.append([float(g['lr']) for g in opt.param_groups])
    for i in range(1, k + 21):
        if i == k + 1:
            d = {'params': [torch.zeros(2, requires_grad=True)], 'lr': new_group['lr']}
            if 'initialLr' in new_group:
                d['initial_lr'] = new_group['initialLr']
            opt.add_param_group(d)
        opt.step()
        try:
            sched.step(metrics[i - 1]) if metrics else sched.step()
        except Exception as e:  # noqa: BLE001 - the scenario records whatever PyTorch raises
            error = dict(err_record(e), at=i)
            break
        rows.append([float(g['lr']) for g in opt.param_groups])
    case = {'optimizer': o, 'scheduler': s, 'addGroupAfter': k, 'newGroup': new_group, 'steps': k + 20, 'lr': rows}
    if metrics:
        case['metrics'] = metrics
    if error:
        case['error'] = error
    return case


STATE_CLASSES = {
    'StepLR': ({'stepSize': 3, 'gamma': 0.5}, {'stepSize': 3, 'gamma': 0.1}, 'gamma'),
    'MultiStepLR': ({'milestones': [2, 5], 'gamma': 0.5}, {'milestones': [3, 6], 'gamma': 0.5}, 'milestones'),
    'ConstantLR': ({'factor': 0.5, 'totalIters': 4}, {'factor': 0.25, 'totalIters': 4}, 'factor'),
    'LinearLR': ({'startFactor': 0.5, 'totalIters': 6}, {'startFactor': 0.5, 'totalIters': 8}, 'totalIters'),
    'ExponentialLR': ({'gamma': 0.9}, {'gamma': 0.8}, 'gamma'),
    'PolynomialLR': ({'totalIters': 8, 'power': 2.0}, {'totalIters': 8, 'power': 1.0}, 'power'),
    'CosineAnnealingLR': ({'tMax': 10, 'etaMin': 0.001}, {'tMax': 20, 'etaMin': 0.001}, 'tMax'),
    'CosineAnnealingWarmRestarts': ({'t0': 4, 'tMult': 2}, {'t0': 4, 'tMult': 1}, 'tMult'),
    'CyclicLR': ({'baseLr': 0.01, 'maxLr': 0.1, 'stepSizeUp': 4}, {'baseLr': 0.01, 'maxLr': 0.2, 'stepSizeUp': 4}, 'maxLr'),
    'OneCycleLR': ({'maxLr': 0.1, 'totalSteps': 30}, {'maxLr': 0.1, 'totalSteps': 30, 'annealStrategy': 'linear'}, 'annealStrategy'),
    'SWALR': ({'swaLr': 0.05, 'annealEpochs': 5}, {'swaLr': 0.05, 'annealEpochs': 3}, 'annealEpochs'),
    'ReduceLROnPlateau': ({'factor': 0.5, 'patience': 1}, {'factor': 0.2, 'patience': 1}, 'factor'),
}


def state_case(t, a, b, option):
    """Save after 6 steps with options `a`, load into a scheduler built with options `b`, continue: PyTorch's
    load_state_dict replaces b's options with a's (the rows equal an uninterrupted run with a)."""
    o = {'type': 'sgd', 'lr': 0.1, 'momentum': 0.9, 'groups': [{}]}
    metrics = [1.0, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7] if t == 'ReduceLROnPlateau' else None

    def run(options, load_from=None, n=14):
        opt = build_optimizer(o)
        sched = build_scheduler(dict({'type': t}, **options), opt)
        rows = [float(opt.param_groups[0]['lr'])]
        for i in range(1, n + 1):
            opt.step()
            sched.step(metrics[i - 1]) if metrics else sched.step()
            rows.append(float(opt.param_groups[0]['lr']))
            if load_from is not None and i == 6:
                osd, ssd = load_from
                opt2 = build_optimizer(o)
                sched2 = build_scheduler(dict({'type': t}, **b), opt2)
                opt2.load_state_dict(osd)
                sched2.load_state_dict(ssd)
                opt, sched = opt2, sched2
        return rows, sched

    plain_a, sched_a = run(a)
    opt = build_optimizer(o)
    sched = build_scheduler(dict({'type': t}, **a), opt)
    for i in range(1, 7):
        opt.step()
        sched.step(metrics[i - 1]) if metrics else sched.step()
    saved = (copy.deepcopy(opt.state_dict()), copy.deepcopy(sched.state_dict()))
    resumed, _ = run(a, load_from=saved)
    plain_b, _ = run(b)
    keys = sorted(k for k in sched.state_dict().keys() if not k.startswith('_') or k in ('_schedule_phases', '_anneal_func_type'))
    return {'type': t, 'saved': a, 'loadedInto': b, 'option': option, 'stateKeys': keys,
            'resumedRows': resumed, 'uninterruptedRowsSaved': plain_a, 'rowsLoadedInto': plain_b}


def constructor_signatures():
    """Every scheduler constructor's keywords and defaults (src/spec/catalog.test.ts checks lrkit's catalog against it)."""
    import inspect
    out = {}
    for cls in [getattr(L, n) for n in ('LambdaLR', 'MultiplicativeLR', 'StepLR', 'MultiStepLR', 'ConstantLR', 'LinearLR',
                                        'ExponentialLR', 'SequentialLR', 'PolynomialLR', 'CosineAnnealingLR', 'ChainedScheduler',
                                        'ReduceLROnPlateau', 'CyclicLR', 'CosineAnnealingWarmRestarts', 'OneCycleLR')] + [SWALR]:
        ps = inspect.signature(cls.__init__).parameters.values()
        out[cls.__name__] = {p.name: (None if p.default is inspect.Parameter.empty else p.default)
                             for p in ps if p.name not in ('self', 'optimizer', 'verbose')}
    return out


def gen_scenarios():
    add_group = []
    for t in CHAINABLE:
        for _ in range(3):
            add_group.append(add_group_case(t, R.randint(1, 8)))
    for extra in ({'minLr': 0.001}, {'minLr': 0.0}, {}, {'minLr': 'perGroup'}, {'minLr': 'perGroup'}):
        for _ in range(2):
            c = add_group_case('ReduceLROnPlateau', R.randint(1, 6), extra)
            add_group.append(c)
    states = [state_case(t, a, b, opt) for t, (a, b, opt) in STATE_CLASSES.items()]
    doc = {'generator': 'scripts/gen_torch_fixtures.py', 'torch': torch.__version__, 'addParamGroup': add_group, 'stateOptions': states,
           'signatures': constructor_signatures()}
    with open(SCENARIO_OUT, 'w') as f:
        f.write(json.dumps(doc, separators=(',', ':'), allow_nan=False))
        f.write('\n')
    n_err = sum(1 for c in add_group if 'error' in c)
    print('torch-scenarios.json: {} add_param_group cases ({} raise in PyTorch), {} state cases'.format(len(add_group), n_err, len(states)))


def main():
    gen_basic()
    gen_cawr()
    gen_cyclic()
    gen_onecycle()
    gen_plateau()
    gen_swalr()
    gen_composites()
    gen_invalid()

    os.makedirs(OUT_DIR, exist_ok=True)
    total = 0
    skipped = []
    results = {}
    summary = []
    for fname in sorted(CASES):
        out_cases = []
        for case in CASES[fname]:
            spec = case['spec']
            res = execute(spec)
            if 'resumeAt' in spec:
                plain = execute(spec, use_resume=False)
                if plain != res:
                    skipped.append((case['id'], 'resumed run differs from uninterrupted run'))
                    print('SKIP {}: resumed run differs from uninterrupted run'.format(case['id']))
                    continue
                if 'error' in res and isinstance(res['errorAt'], int) and res['errorAt'] <= spec['resumeAt']:
                    spec.pop('resumeAt')
            if fname != 'invalid' and 'error' in res:
                skipped.append((case['id'], 'unexpected error: {}'.format(res['error'])))
                print('SKIP {}: unexpected error {}'.format(case['id'], res['error']))
                continue
            if fname == 'invalid' and 'error' not in res:
                skipped.append((case['id'], 'expected an error but none raised'))
                print('SKIP {}: expected an error but none raised'.format(case['id']))
                continue
            expected = {'lr': res['lr'], 'momentum': res['momentum']}
            if 'error' in res:
                expected['error'] = res['error']
                expected['errorAt'] = res['errorAt']
            bad = [x for row in res['lr'] + res['momentum'] for x in row if not math.isfinite(x)]
            if bad:
                skipped.append((case['id'], 'non-finite values'))
                print('SKIP {}: non-finite values'.format(case['id']))
                continue
            out_cases.append({'id': case['id'], 'spec': spec, 'expected': expected})
            results[case['id']] = (spec, expected)
        doc = {'generator': 'scripts/gen_torch_fixtures.py', 'torch': torch.__version__, 'cases': out_cases}
        path = os.path.join(OUT_DIR, fname + '.json')
        with open(path, 'w') as f:
            f.write(json.dumps(doc, separators=(',', ':'), allow_nan=False))
            f.write('\n')
        n_resume = sum(1 for c in out_cases if 'resumeAt' in c['spec'])
        n_le = sum(1 for c in out_cases if 'lastEpoch' in json.dumps(c['spec']))
        summary.append((fname, len(out_cases), n_resume, n_le, os.path.getsize(path)))
        total += len(out_cases)
    print('{:<32} {:>6} {:>7} {:>9} {:>9}'.format('file', 'cases', 'resume', 'lastEpoch', 'bytes'))
    for fname, n, nr, nl, size in summary:
        print('{:<32} {:>6} {:>7} {:>9} {:>9}'.format(fname + '.json', n, nr, nl, size))
    print('total cases: {}  (resumeAt: {}, skipped: {})  total bytes: {}'.format(
        total, sum(s[2] for s in summary), len(skipped), sum(s[4] for s in summary)))
    gen_scenarios()


if __name__ == '__main__':
    main()
