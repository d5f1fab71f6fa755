#!/usr/bin/env python3
"""Golden values for lrkit's recipes, computed by the real libraries.

Run:  npm run fixtures:recipes   (= .venv/bin/python scripts/gen_recipe_fixtures.py [transformers timm keras optax])

  transformers  `get_scheduler(name, ...)` for every name of the installed `SchedulerType`, evaluated by
                stepping the returned torch scheduler (LambdaLR's `step(t)`; ReduceLROnPlateau with metrics)
  timm          the scheduler classes of timm/scheduler (cosine, tanh, step, multistep, poly, plateau), noise off,
                driven through their public `step(t)`; `get_cycle_length()` where the class has it
  keras         keras.optimizers.schedules (KERAS_BACKEND=jax), once in the default float32 and once with
                floatx float64 + jax x64, so lrkit (float64 by design) is held to both
  optax         optax schedules (jax), float32 by default and again with jax x64

Configurations are drawn at random (fixed seed) over each library's accepted inputs: float epoch and step counts
for timm and Keras, float boundaries for Optax, degenerate inputs the library accepts, and large steps.
Each case records the upstream call (`upstream`), lrkit's spec for it (`type` + `options`, or `spec` for a
composition), the evaluated steps and the library's values. Written to test/fixtures/recipes/<library>.json.
"""
import json
import math
import os
import random
import subprocess
import sys
import types
import importlib.util
import warnings

warnings.filterwarnings('ignore')

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, 'test', 'fixtures', 'recipes')
SEED = 20261201
FLOAT32_EXACT_STEPS = 2 ** 24  # float32 holds every integer up to here; Keras/Optax cast steps to float32


def snake_to_camel(name):
    head, *rest = name.split('_')
    return head + ''.join(p[:1].upper() + p[1:] for p in rest)


def log_uniform(r, lo, hi):
    return math.exp(r.uniform(math.log(lo), math.log(hi)))


def rounded(r, x):
    """Users pass round numbers and odd ones: keep some values short, others at full precision."""
    c = r.random()
    if c < 0.3:
        return float('%.1g' % x)
    if c < 0.6:
        return float('%.3g' % x)
    return x


def eval_steps(r, horizon, large=True, fractional=False, limit=None):
    """Dense steps around the interesting range, random ones beyond it, and a few large ones."""
    horizon = max(1, int(math.ceil(horizon)))
    dense = list(range(0, min(horizon + 3, 160)))
    sparse = sorted({r.randint(0, 2 * horizon + 10) for _ in range(40)})
    steps = dense + sparse
    if large:
        steps += sorted({int(log_uniform(r, 1e3, 1e9)) for _ in range(6)})
        steps += [horizon - 1, horizon, horizon + 1, 10 * horizon, 1000 * horizon + 7]
    if fractional:
        steps += [round(r.uniform(0, 2 * horizon), 3) for _ in range(12)]
    if limit is not None:
        steps = [s for s in steps if s <= limit]
    out = sorted({s for s in steps if s >= 0}, key=float)
    return out


def json_safe(x):
    """JSON has no Infinity/NaN: write them as the strings "Infinity", "-Infinity", "NaN" (as lrkit's state does)."""
    if isinstance(x, float) and not math.isfinite(x):
        return 'NaN' if math.isnan(x) else ('Infinity' if x > 0 else '-Infinity')
    if isinstance(x, list):
        return [json_safe(v) for v in x]
    if isinstance(x, dict):
        return {k: json_safe(v) for k, v in x.items()}
    return x


def write(library, version, cases, extra=None):
    os.makedirs(OUT_DIR, exist_ok=True)
    cases = json_safe(cases)
    doc = {'generator': 'scripts/gen_recipe_fixtures.py', 'library': library, 'version': version, 'seed': SEED}
    doc.update(extra or {})
    doc['cases'] = cases
    path = os.path.join(OUT_DIR, library + '.json')
    with open(path, 'w') as f:
        f.write(json.dumps(doc, separators=(',', ':'), allow_nan=False))
        f.write('\n')
    n_values = sum(len(c.get('values', c.get('lr', []))) for c in cases)
    print('{:<14} {:>4} cases {:>7} values  {} {}'.format(library, len(cases), n_values, library, version))


def plain(x):
    """A float from a torch tensor / numpy / jax scalar, or a Python number."""
    return float(x)


# ---------------------------------------------------------------------------------------------- transformers
def gen_transformers():
    import torch
    import transformers
    from transformers import SchedulerType, get_scheduler

    r = random.Random(SEED + 1)
    names = [t.value for t in SchedulerType]
    cases = []

    def optimizer(lr):
        return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)

    def draw(name):
        lr = rounded(r, log_uniform(r, 1e-6, 1.0))
        total = r.choice([r.randint(1, 20), r.randint(1, 1000), int(log_uniform(r, 1, 1e6))])
        c = r.random()
        warm = 0 if c < 0.2 else (r.randint(0, total) if c < 0.9 else r.randint(total, total + 50))
        kw = {}
        opts = {'lr': lr}
        if name in ('linear', 'cosine', 'cosine_with_restarts', 'polynomial', 'cosine_with_min_lr',
                    'cosine_warmup_with_min_lr', 'warmup_stable_decay'):
            opts['numTrainingSteps'] = total
        if name != 'constant' and name != 'reduce_lr_on_plateau':
            opts['numWarmupSteps'] = warm
        if name == 'cosine':
            if r.random() < 0.6:
                kw['num_cycles'] = rounded(r, r.uniform(0.05, 4.0))
        elif name == 'cosine_with_restarts':
            if r.random() < 0.7:
                kw['num_cycles'] = r.randint(1, 12)
        elif name == 'polynomial':
            if r.random() < 0.7:
                kw['lr_end'] = rounded(r, lr * r.uniform(0, 0.9))
            if r.random() < 0.7:
                kw['power'] = rounded(r, r.uniform(0.1, 4.0))
        elif name == 'inverse_sqrt':
            if r.random() < 0.6:
                kw['timescale'] = r.randint(1, 20000)
        elif name in ('cosine_with_min_lr', 'cosine_warmup_with_min_lr'):
            if r.random() < 0.5:
                kw['min_lr'] = rounded(r, lr * r.uniform(0, 1))
            else:
                kw['min_lr_rate'] = rounded(r, r.uniform(0, 1))
            if r.random() < 0.4:
                kw['num_cycles'] = rounded(r, r.uniform(0.1, 3.0))
            if name == 'cosine_warmup_with_min_lr' and r.random() < 0.5:
                kw['warmup_lr_rate'] = rounded(r, r.uniform(0, 1))
        elif name == 'warmup_stable_decay':
            decay = r.randint(1, max(1, total))
            kw['num_decay_steps'] = decay
            if r.random() < 0.4:
                kw['num_stable_steps'] = r.randint(0, total)
            kw['warmup_type'] = r.choice(['linear', 'cosine', '1-sqrt'])
            kw['decay_type'] = r.choice(['linear', 'cosine', '1-sqrt'])
            if r.random() < 0.7:
                kw['min_lr_ratio'] = rounded(r, r.uniform(0, 1))
            if r.random() < 0.3:
                kw['num_cycles'] = rounded(r, r.uniform(0.1, 2.0))
        for k, v in kw.items():
            opts[snake_to_camel(k)] = v
        return lr, total, warm, kw, opts

    for name in names:
        if name in ('reduce_lr_on_plateau', 'greedy'):
            continue  # metric-driven: recorded below
        n_cases = 40
        made = 0
        while made < n_cases:
            lr, total, warm, kw, opts = draw(name)
            opt = optimizer(lr)
            args = {}
            if 'numWarmupSteps' in opts:
                args['num_warmup_steps'] = warm
            if 'numTrainingSteps' in opts:
                args['num_training_steps'] = total
            try:
                sched = get_scheduler(name, opt, scheduler_specific_kwargs=dict(kw), **args)
            except (ValueError, TypeError, ZeroDivisionError) as e:
                cases.append({'id': '{}-rejected-{:03d}'.format(name, made), 'type': 'hf.' + name, 'options': opts,
                              'upstream': {'name': name, 'args': args, 'kwargs': kw},
                              'error': {'type': type(e).__name__, 'message': str(e)}})
                made += 1
                continue
            steps = eval_steps(r, max(total, warm))
            values = []
            failed = None
            for t in steps:
                try:
                    sched.step(t)  # LambdaLR's own evaluation at epoch t: base_lr * lr_lambda(t)
                except (ValueError, ZeroDivisionError, OverflowError) as e:
                    failed = {'type': type(e).__name__, 'message': str(e), 'step': t}
                    break
                values.append(plain(opt.param_groups[0]['lr']))
            case = {'id': '{}-{:03d}'.format(name, made), 'type': 'hf.' + name, 'options': opts,
                    'upstream': {'name': name, 'args': args, 'kwargs': kw}, 'steps': steps[:len(values)],
                    'values': values}
            if failed:
                case['error'] = failed
            cases.append(case)
            made += 1

    # reduce_lr_on_plateau: get_scheduler returns torch's ReduceLROnPlateau; lrkit's class replays it.
    rp = random.Random(SEED + 2)
    for i in range(20):
        lr = rounded(rp, log_uniform(rp, 1e-5, 1.0))
        kw = {}
        if rp.random() < 0.7:
            kw['mode'] = rp.choice(['min', 'max'])
        if rp.random() < 0.7:
            kw['factor'] = rounded(rp, rp.uniform(0.01, 0.99))
        if rp.random() < 0.7:
            kw['patience'] = rp.randint(0, 6)
        if rp.random() < 0.5:
            kw['threshold'] = rp.choice([0.0, 1e-4, 1e-2, rounded(rp, rp.uniform(0, 0.1))])
        if rp.random() < 0.5:
            kw['threshold_mode'] = rp.choice(['rel', 'abs'])
        if rp.random() < 0.5:
            kw['cooldown'] = rp.randint(0, 4)
        if rp.random() < 0.5:
            kw['min_lr'] = rounded(rp, lr * rp.uniform(0, 0.5))
        opt = optimizer(lr)
        sched = get_scheduler('reduce_lr_on_plateau', opt, scheduler_specific_kwargs=dict(kw))
        n = rp.randint(20, 120)
        metric, metrics = rp.uniform(0.5, 2), []
        for _ in range(n):
            metric = metric + rp.choice([-1, 1, 0, 0]) * rp.uniform(0, 0.05)
            metrics.append(round(metric, 4))
        lrs = [plain(opt.param_groups[0]['lr'])]
        for m in metrics:
            opt.step()
            sched.step(m)
            lrs.append(plain(opt.param_groups[0]['lr']))
        spec = {'optimizer': {'type': 'sgd', 'lr': lr, 'groups': [{}]},
                'scheduler': dict({'type': 'ReduceLROnPlateau'}, **{snake_to_camel(k): v for k, v in kw.items()}),
                'steps': n, 'metrics': metrics}
        cases.append({'id': 'reduce_lr_on_plateau-{:03d}'.format(i), 'trace': spec,
                      'upstream': {'name': 'reduce_lr_on_plateau', 'kwargs': kw}, 'lr': lrs})
    # greedy: transformers' GreedyLR (metric-driven, raises the lr on improvement and lowers it on plateaus).
    rg = random.Random(SEED + 6)
    for i in range(24):
        lr = rounded(rg, log_uniform(rg, 1e-4, 0.5))
        kw = {}
        if rg.random() < 0.7:
            kw['mode'] = rg.choice(['min', 'max'])
        if rg.random() < 0.7:
            kw['factor'] = rg.choice([0.5, 0.8, 0.9, 0.95, round(rg.uniform(0.5, 0.99), 4)])
        if rg.random() < 0.8:
            kw['patience'] = rg.randint(0, 5)
        if rg.random() < 0.5:
            kw['threshold'] = rg.choice([0.0, 1e-6, 1e-3, rounded(rg, rg.uniform(0, 0.02))])
        if rg.random() < 0.5:
            kw['threshold_mode'] = rg.choice(['rel', 'abs'])
        if rg.random() < 0.4:
            kw['cooldown'] = rg.randint(0, 3)
        if rg.random() < 0.4:
            kw['warmup'] = rg.randint(0, 3)
        if rg.random() < 0.5:
            kw['min_lr'] = rounded(rg, lr * rg.uniform(0, 0.5))
        if rg.random() < 0.5:
            kw['max_lr'] = rounded(rg, lr * rg.uniform(1, 5))
        if rg.random() < 0.4:
            kw['reset_start'] = rg.randint(1, 30)
        if rg.random() < 0.3:
            kw['smooth'] = True
            kw['window_size'] = rg.randint(1, 10)
        opt = optimizer(lr)
        sched = get_scheduler('greedy', opt, scheduler_specific_kwargs=dict(kw))
        n = rg.randint(30, 200)
        metric, metrics = rg.uniform(0.5, 2), []
        trend = rg.choice([-1, 1])
        for _ in range(n):
            metric = metric + rg.choice([trend, -trend, 0, trend]) * rg.uniform(0, 0.05)
            metrics.append(round(metric, 4))
        lrs = [plain(opt.param_groups[0]['lr'])]
        for m in metrics:
            opt.step()
            sched.step(m)
            lrs.append(plain(opt.param_groups[0]['lr']))
        opts = dict({'lr': lr}, **{snake_to_camel(k): v for k, v in kw.items()})
        cases.append({'id': 'greedy-{:03d}'.format(i), 'type': 'GreedyLR', 'options': opts,
                      'upstream': {'name': 'greedy', 'kwargs': kw}, 'metrics': metrics, 'lr': lrs})
    write('transformers', transformers.__version__, cases, {'schedulerTypes': names, 'torch': torch.__version__})


# ---------------------------------------------------------------------------------------------- timm
def import_timm_schedulers():
    """`import timm` runs timm/__init__.py, which fails on a torchvision mismatch; the scheduler modules do not
    need it. Register stub packages whose __path__ is the installed folder, then import the modules."""
    spec = importlib.util.find_spec('timm')
    root = list(spec.submodule_search_locations)[0]
    for name, path in (('timm', root), ('timm.scheduler', os.path.join(root, 'scheduler'))):
        pkg = types.ModuleType(name)
        pkg.__path__ = [path]
        sys.modules[name] = pkg
    mods = {}
    for mod, cls in (('cosine_lr', 'CosineLRScheduler'), ('tanh_lr', 'TanhLRScheduler'), ('step_lr', 'StepLRScheduler'),
                     ('multistep_lr', 'MultiStepLRScheduler'), ('poly_lr', 'PolyLRScheduler'),
                     ('plateau_lr', 'PlateauLRScheduler')):
        m = __import__('timm.scheduler.' + mod, fromlist=[cls])
        mods[cls] = getattr(m, cls)
    version = None
    try:
        from importlib.metadata import version as dist_version
        version = dist_version('timm')
    except Exception:  # pragma: no cover
        pass
    return mods, version


def gen_timm():
    import torch
    classes, version = import_timm_schedulers()
    r = random.Random(SEED + 3)
    cases = []

    def num(lo, hi, integer_p=0.5):
        """timm types these as int but computes with whatever it is given: draw ints and floats."""
        if r.random() < integer_p:
            return r.randint(int(math.ceil(lo)), int(hi))
        return rounded(r, r.uniform(lo, hi))

    def common(kw, opts, prefix_default):
        if r.random() < 0.5:
            kw['warmup_t'] = num(1, 20)
            if r.random() < 0.7:
                kw['warmup_lr_init'] = rounded(r, log_uniform(r, 1e-7, 1e-2))
            if r.random() < 0.6:
                kw['warmup_prefix'] = not prefix_default
        for k, v in kw.items():
            opts[snake_to_camel(k)] = v

    def cycles(kw):
        kw['t_initial'] = num(1, r.choice([10, 100, 1000]))
        if r.random() < 0.5:
            kw['lr_min'] = rounded(r, log_uniform(r, 1e-8, 1e-3))
        if r.random() < 0.5:
            kw['cycle_limit'] = r.randint(1, 6)
            if r.random() < 0.7:
                kw['cycle_mul'] = r.choice([1.0, 2, rounded(r, r.uniform(0.5, 3.0))])
            if r.random() < 0.7:
                kw['cycle_decay'] = rounded(r, r.uniform(0.1, 1.0))

    def horizon(kw):
        if 't_initial' in kw:
            mul = kw.get('cycle_mul', 1.0)
            n = kw.get('cycle_limit', 1)
            total = kw['t_initial'] * (n if mul == 1 else (mul ** n - 1) / (mul - 1))
            return min(total + kw.get('warmup_t', 0) + 5, 5000)
        if 'decay_t' in kw:
            d = kw['decay_t']
            return (max(d) if isinstance(d, list) else d * 6) + kw.get('warmup_t', 0) + 5
        return 50

    def record(cls_name, lrkit_type, kw, lr):
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
        sched = classes[cls_name](opt, **kw)
        steps = eval_steps(r, horizon(kw), fractional=True)
        values = []
        failed = None
        for t in steps:
            try:
                sched.step(t)
            except (ValueError, ZeroDivisionError, OverflowError) as e:
                failed = {'type': type(e).__name__, 'message': str(e), 'step': t}
                break
            values.append(plain(opt.param_groups[0]['lr']))
        steps = steps[:len(values)]
        opts = {'lr': lr}
        for k, v in kw.items():
            opts[snake_to_camel(k)] = v
        case = {'id': '{}-{:03d}'.format(lrkit_type, len(cases)), 'type': lrkit_type, 'options': opts,
                'upstream': {'class': cls_name, 'kwargs': kw}, 'steps': steps, 'values': values}
        if failed:
            case['error'] = failed
        if hasattr(sched, 'get_cycle_length'):
            case['cycleLength'] = [[c, plain(sched.get_cycle_length(c))] for c in (0, 1, 2, 3, 5)]
        cases.append(case)

    for i in range(50):
        kw = {}
        cycles(kw)
        if r.random() < 0.5:
            kw['k_decay'] = rounded(r, r.uniform(0.2, 3.0))
        common(kw, {}, False)
        record('CosineLRScheduler', 'timm.cosine', kw, rounded(r, log_uniform(r, 1e-4, 1.0)))
    for i in range(40):
        kw = {}
        cycles(kw)
        if r.random() < 0.5:
            kw['lb'] = rounded(r, r.uniform(-10, -1))
            kw['ub'] = rounded(r, r.uniform(0, 6))
        common(kw, {}, False)
        record('TanhLRScheduler', 'timm.tanh', kw, rounded(r, log_uniform(r, 1e-4, 1.0)))
    for i in range(40):
        kw = {'decay_t': num(0.5, 40)}
        if r.random() < 0.8:
            kw['decay_rate'] = rounded(r, r.uniform(0.05, 1.0))
        common(kw, {}, True)
        record('StepLRScheduler', 'timm.step', kw, rounded(r, log_uniform(r, 1e-4, 1.0)))
    for i in range(40):
        k = r.randint(1, 6)
        kw = {'decay_t': sorted(r.sample(range(1, 200), k))}
        if r.random() < 0.8:
            kw['decay_rate'] = rounded(r, r.uniform(0.05, 1.0))
        common(kw, {}, True)
        record('MultiStepLRScheduler', 'timm.multistep', kw, rounded(r, log_uniform(r, 1e-4, 1.0)))
    for i in range(40):
        kw = {}
        cycles(kw)
        if r.random() < 0.7:
            kw['power'] = rounded(r, r.uniform(0.1, 3.0))
        if r.random() < 0.5:
            kw['k_decay'] = rounded(r, r.uniform(0.2, 3.0))
        common(kw, {}, False)
        record('PolyLRScheduler', 'timm.poly', kw, rounded(r, log_uniform(r, 1e-4, 1.0)))

    # Plateau: stateful; driven as timm's train loop does (`step(epoch, metric)` after each epoch).
    for i in range(30):
        lr = rounded(r, log_uniform(r, 1e-4, 1.0))
        kw = {}
        if r.random() < 0.7:
            kw['decay_rate'] = rounded(r, r.uniform(0.05, 0.95))
        if r.random() < 0.7:
            kw['patience_t'] = r.randint(0, 6)
        if r.random() < 0.5:
            kw['threshold'] = r.choice([0.0, 1e-4, 1e-2])
        if r.random() < 0.5:
            kw['cooldown_t'] = r.randint(0, 3)
        if r.random() < 0.5:
            kw['warmup_t'] = r.randint(1, 8)
            if r.random() < 0.7:
                kw['warmup_lr_init'] = rounded(r, lr * r.uniform(0, 0.2))
        if r.random() < 0.5:
            kw['lr_min'] = rounded(r, lr * r.uniform(0, 0.1))
        if r.random() < 0.7:
            kw['mode'] = r.choice(['min', 'max'])
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
        sched = classes['PlateauLRScheduler'](opt, **kw)
        n = r.randint(20, 100)
        metric, metrics = r.uniform(0.5, 2), []
        for _ in range(n):
            metric = metric + r.choice([-1, 1, 0, 0]) * r.uniform(0, 0.05)
            metrics.append(round(metric, 4))
        lrs = [plain(opt.param_groups[0]['lr'])]
        for e, m in enumerate(metrics, start=1):
            sched.step(e, m)
            lrs.append(plain(opt.param_groups[0]['lr']))
        opts = {'lr': lr}
        for k, v in kw.items():
            opts[snake_to_camel(k)] = v
        cases.append({'id': 'timm.plateau-{:03d}'.format(i), 'type': 'timm.plateau', 'options': opts,
                      'upstream': {'class': 'PlateauLRScheduler', 'kwargs': kw},
                      'epochs': list(range(1, n + 1)), 'metrics': metrics, 'lr': lrs})
    write('timm', version, cases, {'torch': torch.__version__})


# ---------------------------------------------------------------------------------------------- Keras / Optax
def keras_configs():
    r = random.Random(SEED + 4)
    out = []

    def steps_num(lo, hi):
        return r.randint(int(lo), int(hi)) if r.random() < 0.5 else rounded(r, log_uniform(r, lo, hi))

    for i in range(30):
        kw = {'initial_learning_rate': rounded(r, log_uniform(r, 1e-5, 1.0)), 'decay_steps': steps_num(1, 1e5),
              'decay_rate': rounded(r, r.choice([r.uniform(0.01, 1.0), r.uniform(0.9, 1.0), r.uniform(1.0, 1.5)]))}
        if r.random() < 0.5:
            kw['staircase'] = True
        out.append(('ExponentialDecay', kw, kw['decay_steps'] * 8))
    for i in range(25):
        k = r.randint(1, 6)
        if r.random() < 0.5:
            b = sorted(r.sample(range(0, 100000), k))
        else:
            b = sorted({round(r.uniform(0, 1000), 2) for _ in range(k)})
        v = [rounded(r, log_uniform(r, 1e-5, 1.0)) for _ in range(len(b) + 1)]
        out.append(('PiecewiseConstantDecay', {'boundaries': b, 'values': v}, b[-1] + 5))
    for i in range(30):
        lr = rounded(r, log_uniform(r, 1e-5, 1.0))
        kw = {'initial_learning_rate': lr, 'decay_steps': steps_num(1, 1e5)}
        if r.random() < 0.7:
            kw['end_learning_rate'] = rounded(r, lr * r.uniform(0, 0.5))
        if r.random() < 0.7:
            kw['power'] = rounded(r, r.uniform(0.1, 4.0))
        if r.random() < 0.4:
            kw['cycle'] = True
        out.append(('PolynomialDecay', kw, kw['decay_steps'] * 3))
    for i in range(25):
        kw = {'initial_learning_rate': rounded(r, log_uniform(r, 1e-5, 1.0)), 'decay_steps': steps_num(1, 1e4),
              'decay_rate': rounded(r, r.uniform(0, 3))}
        if r.random() < 0.4:
            kw['staircase'] = True
        out.append(('InverseTimeDecay', kw, kw['decay_steps'] * 10))
    for i in range(35):
        kw = {'initial_learning_rate': rounded(r, log_uniform(r, 1e-5, 1.0)), 'decay_steps': steps_num(1, 1e5)}
        if r.random() < 0.5:
            kw['alpha'] = rounded(r, r.uniform(0, 0.5))
        if r.random() < 0.5:
            kw['warmup_target'] = rounded(r, log_uniform(r, 1e-4, 1.0))
            kw['warmup_steps'] = steps_num(1, 1e4) if r.random() < 0.8 else 0
        out.append(('CosineDecay', kw, kw['decay_steps'] + kw.get('warmup_steps', 0) + 5))
    for i in range(30):
        kw = {'initial_learning_rate': rounded(r, log_uniform(r, 1e-5, 1.0)), 'first_decay_steps': steps_num(1, 1e4)}
        if r.random() < 0.6:
            kw['t_mul'] = r.choice([1.0, 2.0, rounded(r, r.uniform(1.0, 3.0))])
        if r.random() < 0.6:
            kw['m_mul'] = rounded(r, r.uniform(0.1, 1.0))
        if r.random() < 0.5:
            kw['alpha'] = rounded(r, r.uniform(0, 0.5))
        out.append(('CosineDecayRestarts', kw, kw['first_decay_steps'] * 8))
    result = []
    for name, kw, horizon in out:
        steps = eval_steps(r, min(horizon, 1e6), limit=FLOAT32_EXACT_STEPS)
        result.append({'name': name, 'kwargs': kw, 'steps': steps})
    return result


def keras_worker(configs, x64):
    """One vmapped call per configuration over all its steps, executed eagerly (op by op, as a scalar call runs;
    one Keras call per step costs ~0.3 s on a loaded machine). Not jit-compiled: XLA would fold the constant
    options and rewrite `x / decay_steps` into a multiplication by the reciprocal, which changes the numbers."""
    os.environ['KERAS_BACKEND'] = 'jax'
    import jax
    if x64:
        jax.config.update('jax_enable_x64', True)
    import jax.numpy as jnp
    import keras
    if x64:
        keras.config.set_floatx('float64')
    out = []
    for c in configs:
        sched = getattr(keras.optimizers.schedules, c['name'])(**c['kwargs'])
        steps = jnp.asarray(c['steps'], dtype=jnp.int64 if x64 else jnp.int32)
        out.append([float(v) for v in jax.vmap(sched)(steps)])
    return out, keras.__version__


def optax_configs():
    r = random.Random(SEED + 5)
    out = []

    def fnum(lo, hi):
        return r.randint(int(lo), int(hi)) if r.random() < 0.6 else rounded(r, r.uniform(lo, hi))

    def value():
        return rounded(r, log_uniform(r, 1e-5, 1.0))

    def leaf():
        """One schedule as Optax's constructor name + kwargs, drawn over the accepted inputs."""
        k = r.choice(['constant_schedule', 'linear_schedule', 'polynomial_schedule', 'cosine_decay_schedule',
                      'exponential_decay', 'piecewise_constant_schedule', 'warmup_cosine_decay_schedule',
                      'warmup_exponential_decay_schedule', 'warmup_constant_schedule'])
        return k, draw(k)

    def draw(k):
        if k == 'constant_schedule':
            return {'value': value()}
        if k in ('linear_schedule', 'polynomial_schedule'):
            kw = {'init_value': value(), 'end_value': value(),
                  'transition_steps': r.choice([fnum(1, 10000), r.randint(-3, 0)]) if r.random() < 0.15 else fnum(1, 10000)}
            if k == 'polynomial_schedule':
                kw['power'] = rounded(r, r.uniform(0.1, 4.0))
            if r.random() < 0.5:
                kw['transition_begin'] = fnum(0, 5000)
            return kw
        if k == 'cosine_decay_schedule':
            kw = {'init_value': value(), 'decay_steps': fnum(1, 10000)}
            if r.random() < 0.5:
                kw['alpha'] = rounded(r, r.uniform(0, 1))
            if r.random() < 0.4:
                kw['exponent'] = rounded(r, r.uniform(0.2, 4.0))
            return kw
        if k == 'exponential_decay':
            kw = {'init_value': value(), 'transition_steps': fnum(1, 10000),
                  'decay_rate': rounded(r, r.choice([r.uniform(0.01, 1.0), r.uniform(0.9, 1.0), r.uniform(1.0, 1.3)]))}
            c = r.random()
            if c < 0.1:
                kw['transition_steps'] = r.randint(-3, 0)
            elif c < 0.2:
                kw['decay_rate'] = 0.0
            if r.random() < 0.5:
                kw['transition_begin'] = fnum(0, 5000)
            if r.random() < 0.4:
                kw['staircase'] = True
            if r.random() < 0.4:
                kw['end_value'] = kw['init_value'] * (r.uniform(0.01, 0.9) if kw['decay_rate'] < 1 else r.uniform(1.1, 5))
            return kw
        if k == 'piecewise_constant_schedule':
            n = r.randint(0, 5)
            bounds = sorted({fnum(0, 3000) for _ in range(n)}, key=float)
            scales = {str(b): rounded(r, r.choice([r.uniform(0.01, 1.0), r.uniform(1.0, 10.0)])) for b in bounds}
            return {'init_value': value(), 'boundaries_and_scales': scales}
        if k == 'warmup_cosine_decay_schedule':
            w = fnum(0, 2000)
            kw = {'init_value': value() if r.random() < 0.6 else 0.0, 'peak_value': value(), 'warmup_steps': w,
                  'decay_steps': w + fnum(1, 10000)}
            if r.random() < 0.5:
                kw['end_value'] = value()
            if r.random() < 0.3:
                kw['exponent'] = rounded(r, r.uniform(0.2, 4.0))
            return kw
        if k == 'warmup_exponential_decay_schedule':
            kw = {'init_value': value() if r.random() < 0.6 else 0.0, 'peak_value': value(), 'warmup_steps': fnum(0, 2000),
                  'transition_steps': fnum(1, 10000), 'decay_rate': rounded(r, r.uniform(0.05, 1.0))}
            if r.random() < 0.4:
                kw['transition_begin'] = fnum(0, 3000)
            if r.random() < 0.4:
                kw['staircase'] = True
            if r.random() < 0.3:
                kw['end_value'] = kw['peak_value'] * r.uniform(0.01, 0.9)
            return kw
        if k == 'warmup_constant_schedule':
            return {'init_value': value() if r.random() < 0.6 else 0.0, 'peak_value': value(), 'warmup_steps': fnum(0, 2000)}
        if k == 'piecewise_interpolate_schedule':
            n = r.randint(0, 5)
            bounds = sorted({fnum(0, 3000) for _ in range(n)}, key=float)
            scales = {str(b): rounded(r, r.choice([r.uniform(0.01, 1.0), r.uniform(1.0, 10.0)])) for b in bounds}
            return {'interpolate_type': r.choice(['linear', 'cosine']), 'init_value': value(), 'boundaries_and_scales': scales}
        if k == 'linear_onecycle_schedule':
            kw = {'transition_steps': fnum(2, 10000), 'peak_value': value()}
            if r.random() < 0.5:
                kw['pct_start'] = rounded(r, r.uniform(0.05, 0.5))
                kw['pct_final'] = rounded(r, r.uniform(0.55, 1.0))
            if r.random() < 0.5:
                kw['div_factor'] = rounded(r, r.uniform(2, 100))
            if r.random() < 0.5:
                kw['final_div_factor'] = rounded(r, log_uniform(r, 10, 1e5))
            return kw
        if k == 'cosine_onecycle_schedule':
            kw = {'transition_steps': fnum(2, 10000), 'peak_value': value()}
            if r.random() < 0.5:
                kw['pct_start'] = rounded(r, r.uniform(0.05, 0.95))
            if r.random() < 0.5:
                kw['div_factor'] = rounded(r, r.uniform(2, 100))
            if r.random() < 0.5:
                kw['final_div_factor'] = rounded(r, log_uniform(r, 10, 1e5))
            return kw
        if k == 'sgdr_schedule':
            return {'cosine_kwargs': [draw('warmup_cosine_decay_schedule') for _ in range(r.randint(1, 4))]}
        raise ValueError(k)

    kinds = {'constant_schedule': 8, 'linear_schedule': 25, 'polynomial_schedule': 25, 'cosine_decay_schedule': 20,
             'exponential_decay': 40, 'piecewise_constant_schedule': 25, 'piecewise_interpolate_schedule': 25,
             'warmup_cosine_decay_schedule': 25, 'warmup_exponential_decay_schedule': 25,
             'warmup_constant_schedule': 10, 'linear_onecycle_schedule': 20, 'cosine_onecycle_schedule': 20,
             'sgdr_schedule': 15}
    for k, n in kinds.items():
        for _ in range(n):
            kw = draw(k)
            out.append({'name': k, 'kwargs': kw})
    for _ in range(25):
        m = r.randint(2, 4)
        children = [leaf() for _ in range(m)]
        bounds = sorted({fnum(0, 5000) for _ in range(m - 1)}, key=float)
        while len(bounds) < m - 1:
            bounds.append(bounds[-1] + 1 if bounds else 1)
        out.append({'name': 'join_schedules', 'children': [{'name': c[0], 'kwargs': c[1]} for c in children],
                    'boundaries': bounds})
    for c in out:
        c['steps'] = eval_steps(r, optax_horizon(c), limit=FLOAT32_EXACT_STEPS)
    return out


def optax_horizon(c):
    kw = c.get('kwargs', {})
    if c['name'] == 'join_schedules':
        return c['boundaries'][-1] + 2000
    if c['name'] == 'sgdr_schedule':
        return sum(k['decay_steps'] for k in kw['cosine_kwargs']) + 5
    h = 10
    for key in ('transition_steps', 'decay_steps', 'warmup_steps'):
        if key in kw and isinstance(kw[key], (int, float)):
            h = max(h, float(kw[key]))
    h += float(kw.get('transition_begin', 0))
    if 'boundaries_and_scales' in kw and kw['boundaries_and_scales']:
        h = max(h, max(float(b) for b in kw['boundaries_and_scales']) + 5)
    return h


def optax_build(optax, c):
    if c['name'] == 'join_schedules':
        return optax.join_schedules([optax_build(optax, ch) for ch in c['children']], c['boundaries'])
    kw = dict(c['kwargs'])
    if 'boundaries_and_scales' in kw:
        kw['boundaries_and_scales'] = {optax_key(b): s for b, s in kw['boundaries_and_scales'].items()}
    return getattr(optax, c['name'])(**kw)


def optax_key(b):
    f = float(b)
    return int(f) if f.is_integer() and '.' not in b else f


def optax_worker(configs, x64):
    import jax
    if x64:
        jax.config.update('jax_enable_x64', True)
    import jax.numpy as jnp
    import optax
    out = []
    for c in configs:
        sched = optax_build(optax, c)
        dtype = jnp.int64 if x64 else jnp.int32
        # Optax's step counter is an integer array (int32 by default); evaluate the schedule on it.
        out.append([float(sched(jnp.asarray(t, dtype=dtype))) for t in c['steps']])
    return out, optax.__version__


def run_worker(kind, configs, x64):
    """Keras and Optax run in child processes: float32 and x64 cannot share one jax process."""
    env = dict(os.environ, KERAS_BACKEND='jax')
    proc = subprocess.run([sys.executable, os.path.abspath(__file__), '--worker', kind] + (['--x64'] if x64 else []),
                          input=json.dumps(configs), capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit('{} worker failed'.format(kind))
    return json.loads(proc.stdout)


def gen_float32_library(kind, configs):
    values32, version = run_worker(kind, configs, False)
    values64, _ = run_worker(kind, configs, True)
    mode = 'eager, vmapped over the steps' if kind == 'keras' else 'eager, one call per scalar int32/int64 step'
    cases = []
    for i, (c, v32, v64) in enumerate(zip(configs, values32, values64)):
        case = {'id': '{}-{:03d}'.format(c['name'], i), 'upstream': {k: v for k, v in c.items() if k != 'steps'},
                'steps': c['steps'], 'values': v32, 'values64': v64}
        cases.append(case)
    write(kind, version, cases, {'dtype': 'values: float32 (the library default); values64: float64 (x64)', 'evaluation': mode,
                                 'note': 'steps stay below 2**24, where float32 still holds every integer'})


def worker_main(kind, x64):
    configs = json.loads(sys.stdin.read())
    values, version = keras_worker(configs, x64) if kind == 'keras' else optax_worker(configs, x64)
    sys.stdout.write(json.dumps([values, version], allow_nan=True))


def main():
    if '--worker' in sys.argv:
        worker_main(sys.argv[sys.argv.index('--worker') + 1], '--x64' in sys.argv)
        return
    which = [a for a in sys.argv[1:] if not a.startswith('-')] or ['transformers', 'timm', 'keras', 'optax']
    for lib in which:
        if lib == 'transformers':
            gen_transformers()
        elif lib == 'timm':
            gen_timm()
        elif lib == 'keras':
            gen_float32_library('keras', keras_configs())
        elif lib == 'optax':
            gen_float32_library('optax', optax_configs())
        else:
            raise SystemExit('unknown library ' + lib)


if __name__ == '__main__':
    main()
