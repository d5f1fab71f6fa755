#!/usr/bin/env python3
"""Independent expectations for lrkit's recipes: each source's formula transcribed in plain Python
(float64), evaluated over a range of steps, written to test/fixtures/recipes/recipes.json.

Sources transcribed (read from the projects' own files):
  - Hugging Face transformers src/transformers/optimization.py (the lr_lambda functions, verbatim)
  - timm timm/scheduler/{cosine_lr,tanh_lr,step_lr,poly_lr}.py `_get_lr` (noise excluded: see README note)
  - Keras 3 keras/src/optimizers/schedules/learning_rate_schedule.py `__call__` (in float64, not float32)
  - Optax optax/schedules/_schedule.py and _join.py
  - Goyal et al. 2017, "Accurate, Large Minibatch SGD", sections 2.1-2.2 and 5.1

Run: /usr/bin/python3 scripts/gen_recipe_fixtures.py   (no third-party modules needed)
"""
import json
import math
import os

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'recipes', 'recipes.json')
cases = []


def add(type_, options, values, note=''):
    cases.append({'type': type_, 'options': options, 'values': values, 'note': note})


# ---------------------------------------------------------------- Hugging Face (verbatim lambdas)
def hf_linear(current_step, *, num_warmup_steps, num_training_steps):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    return max(0.0, float(num_training_steps - current_step) / float(max(1, num_training_steps - num_warmup_steps)))


def hf_cosine(current_step, *, num_warmup_steps, num_training_steps, num_cycles):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)))


def hf_restarts(current_step, *, num_warmup_steps, num_training_steps, num_cycles):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
    if progress >= 1.0:
        return 0.0
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * ((float(num_cycles) * progress) % 1.0))))


def hf_poly(current_step, *, num_warmup_steps, num_training_steps, lr_end, power, lr_init):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    elif current_step > num_training_steps:
        return lr_end / lr_init
    else:
        lr_range = lr_init - lr_end
        decay_steps = num_training_steps - num_warmup_steps
        pct_remaining = 1 - (current_step - num_warmup_steps) / decay_steps
        decay = lr_range * pct_remaining**power + lr_end
        return decay / lr_init


def hf_constant_warmup(current_step, *, num_warmup_steps):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1.0, num_warmup_steps))
    return 1.0


def hf_inverse_sqrt(current_step, *, num_warmup_steps, timescale=None):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    shift = timescale - num_warmup_steps
    decay = 1.0 / math.sqrt((current_step + shift) / timescale)
    return decay


def hf_cosine_min_lr(current_step, *, num_warmup_steps, num_training_steps, num_cycles, min_lr_rate=0.0):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
    factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
    factor = factor * (1 - min_lr_rate) + min_lr_rate
    return max(0, factor)


def hf_wsd(current_step, *, num_warmup_steps, num_stable_steps, num_decay_steps, warmup_type, decay_type, min_lr_ratio, num_cycles):
    if current_step < num_warmup_steps:
        progress = float(current_step) / float(max(1, num_warmup_steps))
        if warmup_type == "linear":
            factor = progress
        elif warmup_type == "cosine":
            factor = 0.5 * (1.0 - math.cos(math.pi * progress))
        elif warmup_type == "1-sqrt":
            factor = 1.0 - math.sqrt(1.0 - progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    if current_step < num_warmup_steps + num_stable_steps:
        return 1.0
    if current_step < num_warmup_steps + num_stable_steps + num_decay_steps:
        progress = float(current_step - num_warmup_steps - num_stable_steps) / float(max(1, num_decay_steps))
        if decay_type == "linear":
            factor = 1.0 - progress
        elif decay_type == "cosine":
            factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
        elif decay_type == "1-sqrt":
            factor = 1.0 - math.sqrt(progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    return min_lr_ratio


def lambda_lr(lr, fn, n):
    # torch LambdaLR: base_lr * lmbda(epoch)
    return [lr * fn(t) for t in range(n)]


add('hf.linear', {'lr': 0.1, 'numWarmupSteps': 10, 'numTrainingSteps': 100}, lambda_lr(0.1, lambda t: hf_linear(t, num_warmup_steps=10, num_training_steps=100), 120))
add('hf.linear', {'lr': 5e-5, 'numWarmupSteps': 0, 'numTrainingSteps': 37}, lambda_lr(5e-5, lambda t: hf_linear(t, num_warmup_steps=0, num_training_steps=37), 45))
add('hf.cosine', {'lr': 0.1, 'numWarmupSteps': 10, 'numTrainingSteps': 100}, lambda_lr(0.1, lambda t: hf_cosine(t, num_warmup_steps=10, num_training_steps=100, num_cycles=0.5), 130),
    'past numTrainingSteps the cosine rises again, as in transformers')
add('hf.cosine', {'lr': 3e-4, 'numWarmupSteps': 7, 'numTrainingSteps': 50, 'numCycles': 1.5}, lambda_lr(3e-4, lambda t: hf_cosine(t, num_warmup_steps=7, num_training_steps=50, num_cycles=1.5), 60))
add('hf.cosine_with_restarts', {'lr': 0.1, 'numWarmupSteps': 5, 'numTrainingSteps': 95, 'numCycles': 3}, lambda_lr(0.1, lambda t: hf_restarts(t, num_warmup_steps=5, num_training_steps=95, num_cycles=3), 110))
add('hf.cosine_with_restarts', {'lr': 0.1, 'numWarmupSteps': 0, 'numTrainingSteps': 100, 'numCycles': 7}, lambda_lr(0.1, lambda t: hf_restarts(t, num_warmup_steps=0, num_training_steps=100, num_cycles=7), 105))
add('hf.polynomial', {'lr': 0.1, 'numWarmupSteps': 10, 'numTrainingSteps': 100, 'lrEnd': 1e-4, 'power': 2.0}, lambda_lr(0.1, lambda t: hf_poly(t, num_warmup_steps=10, num_training_steps=100, lr_end=1e-4, power=2.0, lr_init=0.1), 115))
add('hf.polynomial', {'lr': 0.001, 'numWarmupSteps': 3, 'numTrainingSteps': 20}, lambda_lr(0.001, lambda t: hf_poly(t, num_warmup_steps=3, num_training_steps=20, lr_end=1e-7, power=1.0, lr_init=0.001), 25))
add('hf.constant', {'lr': 0.02}, lambda_lr(0.02, lambda t: 1, 10))
add('hf.constant_with_warmup', {'lr': 0.02, 'numWarmupSteps': 6}, lambda_lr(0.02, lambda t: hf_constant_warmup(t, num_warmup_steps=6), 12))
add('hf.inverse_sqrt', {'lr': 0.01, 'numWarmupSteps': 10}, lambda_lr(0.01, lambda t: hf_inverse_sqrt(t, num_warmup_steps=10, timescale=10), 80))
add('hf.inverse_sqrt', {'lr': 0.01, 'numWarmupSteps': 0}, lambda_lr(0.01, lambda t: hf_inverse_sqrt(t, num_warmup_steps=0, timescale=10000), 50))
add('hf.inverse_sqrt', {'lr': 0.01, 'numWarmupSteps': 4, 'timescale': 25}, lambda_lr(0.01, lambda t: hf_inverse_sqrt(t, num_warmup_steps=4, timescale=25), 60))
add('hf.cosine_with_min_lr', {'lr': 0.1, 'numWarmupSteps': 10, 'numTrainingSteps': 100, 'minLr': 1e-3}, lambda_lr(0.1, lambda t: hf_cosine_min_lr(t, num_warmup_steps=10, num_training_steps=100, num_cycles=0.5, min_lr_rate=1e-3 / 0.1), 110))
add('hf.cosine_with_min_lr', {'lr': 0.1, 'numWarmupSteps': 0, 'numTrainingSteps': 40, 'minLrRate': 0.05}, lambda_lr(0.1, lambda t: hf_cosine_min_lr(t, num_warmup_steps=0, num_training_steps=40, num_cycles=0.5, min_lr_rate=0.05), 45))
for wt in ['linear', 'cosine', '1-sqrt']:
    for dt in ['linear', 'cosine', '1-sqrt']:
        add('hf.warmup_stable_decay', {'lr': 0.1, 'numWarmupSteps': 10, 'numDecaySteps': 20, 'numTrainingSteps': 60, 'warmupType': wt, 'decayType': dt, 'minLrRatio': 0.1},
            lambda_lr(0.1, lambda t: hf_wsd(t, num_warmup_steps=10, num_stable_steps=30, num_decay_steps=20, warmup_type=wt, decay_type=dt, min_lr_ratio=0.1, num_cycles=0.5), 70))
add('hf.warmup_stable_decay', {'lr': 0.1, 'numWarmupSteps': 0, 'numDecaySteps': 15, 'numStableSteps': 0}, lambda_lr(0.1, lambda t: hf_wsd(t, num_warmup_steps=0, num_stable_steps=0, num_decay_steps=15, warmup_type='linear', decay_type='cosine', min_lr_ratio=0, num_cycles=0.5), 20))


# ---------------------------------------------------------------- timm (_get_lr transcribed; one param group)
def timm_cycle(t, t_initial, cycle_mul):
    if cycle_mul != 1:
        i = math.floor(math.log(1 - t / t_initial * (1 - cycle_mul), cycle_mul))
        t_i = cycle_mul ** i * t_initial
        t_curr = t - (1 - cycle_mul ** i) / (1 - cycle_mul) * t_initial
    else:
        i = t // t_initial
        t_i = t_initial
        t_curr = t - (t_initial * i)
    return i, t_i, t_curr


def timm_cosine(base, t_initial, lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1, warmup_t=0, warmup_lr_init=0, warmup_prefix=False, k_decay=1.0):
    warmup_step = (base - warmup_lr_init) / warmup_t if warmup_t else 1

    def get(t):
        if t < warmup_t:
            return warmup_lr_init + t * warmup_step
        if warmup_prefix:
            t = t - warmup_t
        i, t_i, t_curr = timm_cycle(t, t_initial, cycle_mul)
        lr_max = base * cycle_decay ** i
        k = k_decay
        if i < cycle_limit:
            return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * t_curr ** k / t_i ** k))
        return lr_min
    return get


def timm_tanh(base, t_initial, lb=-7., ub=3., lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1, warmup_t=0, warmup_lr_init=0, warmup_prefix=False):
    state = {}

    def core(t):
        if t < warmup_t:
            return warmup_lr_init + t * state['s']
        if warmup_prefix:
            t = t - warmup_t
        i, t_i, t_curr = timm_cycle(t, t_initial, cycle_mul)
        if i < cycle_limit:
            lr_max = base * cycle_decay ** i
            tr = t_curr / t_i
            return lr_min + 0.5 * (lr_max - lr_min) * (1 - math.tanh(lb * (1. - tr) + ub * tr))
        return lr_min
    if warmup_t:
        t_v = base if warmup_prefix else core(warmup_t)
        state['s'] = (t_v - warmup_lr_init) / warmup_t
    return core


def timm_step(base, decay_t, decay_rate=1., warmup_t=0, warmup_lr_init=0, warmup_prefix=True):
    warmup_step = (base - warmup_lr_init) / warmup_t if warmup_t else 1

    def get(t):
        if t < warmup_t:
            return warmup_lr_init + t * warmup_step
        if warmup_prefix:
            t = t - warmup_t
        return base * (decay_rate ** (t // decay_t))
    return get


def timm_poly(base, t_initial, power=0.5, lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1, warmup_t=0, warmup_lr_init=0, warmup_prefix=False, k_decay=1.0):
    warmup_step = (base - warmup_lr_init) / warmup_t if warmup_t else 1

    def get(t):
        if t < warmup_t:
            return warmup_lr_init + t * warmup_step
        if warmup_prefix:
            t = t - warmup_t
        i, t_i, t_curr = timm_cycle(t, t_initial, cycle_mul)
        lr_max = base * cycle_decay ** i
        k = k_decay
        if i < cycle_limit:
            return lr_min + (lr_max - lr_min) * (1 - t_curr ** k / t_i ** k) ** power
        return lr_min
    return get


def run(fn, n):
    return [fn(t) for t in range(n)]


add('timm.cosine', {'lr': 0.1, 'tInitial': 50}, run(timm_cosine(0.1, 50), 60))
add('timm.cosine', {'lr': 0.1, 'tInitial': 30, 'lrMin': 1e-5, 'warmupT': 5, 'warmupLrInit': 1e-4}, run(timm_cosine(0.1, 30, lr_min=1e-5, warmup_t=5, warmup_lr_init=1e-4), 40),
    'no prefix: warmup covers the first cycle steps and jumps to the schedule at warmupT')
add('timm.cosine', {'lr': 0.1, 'tInitial': 30, 'lrMin': 1e-5, 'warmupT': 5, 'warmupLrInit': 1e-4, 'warmupPrefix': True}, run(timm_cosine(0.1, 30, lr_min=1e-5, warmup_t=5, warmup_lr_init=1e-4, warmup_prefix=True), 40))
add('timm.cosine', {'lr': 0.05, 'tInitial': 10, 'lrMin': 1e-3, 'cycleMul': 2, 'cycleDecay': 0.5, 'cycleLimit': 3}, run(timm_cosine(0.05, 10, lr_min=1e-3, cycle_mul=2., cycle_decay=0.5, cycle_limit=3), 80))
add('timm.cosine', {'lr': 0.05, 'tInitial': 10, 'cycleMul': 1.5, 'cycleLimit': 4, 'kDecay': 2}, run(timm_cosine(0.05, 10, cycle_mul=1.5, cycle_limit=4, k_decay=2.0), 90))
add('timm.cosine', {'lr': 0.05, 'tInitial': 12, 'cycleLimit': 3, 'cycleDecay': 0.8, 'kDecay': 0.5, 'warmupT': 3, 'warmupPrefix': True}, run(timm_cosine(0.05, 12, cycle_limit=3, cycle_decay=0.8, k_decay=0.5, warmup_t=3, warmup_prefix=True), 45))
add('timm.tanh', {'lr': 0.1, 'tInitial': 40}, run(timm_tanh(0.1, 40), 50))
add('timm.tanh', {'lr': 0.1, 'tInitial': 40, 'lrMin': 1e-4, 'warmupT': 5, 'warmupLrInit': 1e-3}, run(timm_tanh(0.1, 40, lr_min=1e-4, warmup_t=5, warmup_lr_init=1e-3), 50),
    'tanh warmup heads for _get_lr(warmup_t) without prefix')
add('timm.tanh', {'lr': 0.1, 'tInitial': 20, 'lb': -5, 'ub': 4, 'cycleMul': 2, 'cycleDecay': 0.7, 'cycleLimit': 2, 'warmupT': 4, 'warmupPrefix': True}, run(timm_tanh(0.1, 20, lb=-5., ub=4., cycle_mul=2., cycle_decay=0.7, cycle_limit=2, warmup_t=4, warmup_prefix=True), 70))
add('timm.step', {'lr': 0.1, 'decayT': 10, 'decayRate': 0.5}, run(timm_step(0.1, 10, 0.5), 45))
add('timm.step', {'lr': 0.1, 'decayT': 10, 'decayRate': 0.5, 'warmupT': 3, 'warmupLrInit': 0.01}, run(timm_step(0.1, 10, 0.5, warmup_t=3, warmup_lr_init=0.01), 45))
add('timm.step', {'lr': 0.1, 'decayT': 2.5, 'decayRate': 0.9, 'warmupT': 3, 'warmupLrInit': 0.01, 'warmupPrefix': False}, run(timm_step(0.1, 2.5, 0.9, warmup_t=3, warmup_lr_init=0.01, warmup_prefix=False), 30))
add('timm.poly', {'lr': 0.1, 'tInitial': 30}, run(timm_poly(0.1, 30), 40))
add('timm.poly', {'lr': 0.1, 'tInitial': 30, 'power': 2, 'lrMin': 1e-3, 'warmupT': 4, 'warmupLrInit': 1e-3, 'cycleLimit': 2, 'cycleDecay': 0.5, 'kDecay': 1.5}, run(timm_poly(0.1, 30, power=2., lr_min=1e-3, warmup_t=4, warmup_lr_init=1e-3, cycle_limit=2, cycle_decay=0.5, k_decay=1.5), 70))


# ---------------------------------------------------------------- Keras (float64)
def keras_exponential(lr, decay_steps, decay_rate, staircase=False):
    def f(step):
        p = step / decay_steps
        if staircase:
            p = math.floor(p)
        return lr * decay_rate ** p
    return f


def keras_piecewise(boundaries, values):
    def f(step):
        if step <= boundaries[0]:
            return values[0]
        if step > boundaries[-1]:
            return values[-1]
        for low, high, v in zip(boundaries[:-1], boundaries[1:], values[1:-1]):
            if low < step <= high:
                return v
    return f


def keras_polynomial(lr, decay_steps, end_lr=0.0001, power=1.0, cycle=False):
    def f(step):
        g = float(step)
        d = float(decay_steps)
        if cycle:
            multiplier = 1.0 if g == 0 else math.ceil(g / decay_steps)
            d = d * multiplier
        else:
            g = min(g, d)
        p = g / d
        return (lr - end_lr) * (1 - p) ** power + end_lr
    return f


def keras_inverse_time(lr, decay_steps, decay_rate, staircase=False):
    def f(step):
        p = step / decay_steps
        if staircase:
            p = math.floor(p)
        return lr / (1 + decay_rate * p)
    return f


def keras_cosine(lr, decay_steps, alpha=0.0, warmup_target=None, warmup_steps=0):
    def decay(step, decay_from):
        completed_fraction = step / decay_steps
        cosine_decayed = 0.5 * (1.0 + math.cos(math.pi * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return decay_from * decayed

    def f(step):
        g = float(step)
        if warmup_target is None:
            return decay(min(g, decay_steps), lr)
        g = min(g, decay_steps + warmup_steps)
        if g < warmup_steps:
            completed_fraction = g / warmup_steps
            return (warmup_target - lr) * completed_fraction + lr
        return decay(g - warmup_steps, warmup_target)
    return f


def keras_restarts(lr, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0):
    def f(step):
        completed_fraction = float(step) / first_decay_steps
        if t_mul == 1.0:
            i_restart = math.floor(completed_fraction)
            completed_fraction -= i_restart
        else:
            i_restart = math.floor(math.log(1.0 - completed_fraction * (1.0 - t_mul)) / math.log(t_mul))
            sum_r = (1.0 - t_mul ** i_restart) / (1.0 - t_mul)
            completed_fraction = (completed_fraction - sum_r) / t_mul ** i_restart
        m_fac = m_mul ** i_restart
        cosine_decayed = 0.5 * m_fac * (1.0 + math.cos(math.pi * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return lr * decayed
    return f


add('keras.ExponentialDecay', {'initialLearningRate': 0.1, 'decaySteps': 10, 'decayRate': 0.96}, run(keras_exponential(0.1, 10, 0.96), 50))
add('keras.ExponentialDecay', {'initialLearningRate': 0.1, 'decaySteps': 7, 'decayRate': 0.5, 'staircase': True}, run(keras_exponential(0.1, 7, 0.5, True), 50))
add('keras.PiecewiseConstantDecay', {'boundaries': [10, 20, 35], 'values': [1.0, 0.5, 0.1, 0.01]}, run(keras_piecewise([10, 20, 35], [1.0, 0.5, 0.1, 0.01]), 45))
add('keras.PolynomialDecay', {'initialLearningRate': 0.1, 'decaySteps': 40, 'endLearningRate': 0.01, 'power': 0.5}, run(keras_polynomial(0.1, 40, 0.01, 0.5), 50))
add('keras.PolynomialDecay', {'initialLearningRate': 0.1, 'decaySteps': 10, 'power': 2, 'cycle': True}, run(keras_polynomial(0.1, 10, 0.0001, 2, True), 45))
add('keras.InverseTimeDecay', {'initialLearningRate': 0.1, 'decaySteps': 1, 'decayRate': 0.5}, run(keras_inverse_time(0.1, 1, 0.5), 30))
add('keras.InverseTimeDecay', {'initialLearningRate': 0.1, 'decaySteps': 4, 'decayRate': 0.5, 'staircase': True}, run(keras_inverse_time(0.1, 4, 0.5, True), 30))
add('keras.CosineDecay', {'initialLearningRate': 0.1, 'decaySteps': 40}, run(keras_cosine(0.1, 40), 50))
add('keras.CosineDecay', {'initialLearningRate': 0.1, 'decaySteps': 40, 'alpha': 0.1}, run(keras_cosine(0.1, 40, 0.1), 50))
add('keras.CosineDecay', {'initialLearningRate': 0.0, 'decaySteps': 30, 'warmupTarget': 0.1, 'warmupSteps': 10, 'alpha': 0.05}, run(keras_cosine(0.0, 30, 0.05, 0.1, 10), 50))
add('keras.CosineDecay', {'initialLearningRate': 0.01, 'decaySteps': 30, 'warmupTarget': 0.1, 'warmupSteps': 0}, run(keras_cosine(0.01, 30, 0.0, 0.1, 0), 35))
add('keras.CosineDecayRestarts', {'initialLearningRate': 0.1, 'firstDecaySteps': 10}, run(keras_restarts(0.1, 10), 80))
add('keras.CosineDecayRestarts', {'initialLearningRate': 0.1, 'firstDecaySteps': 8, 'tMul': 1.0, 'mMul': 0.8, 'alpha': 0.1}, run(keras_restarts(0.1, 8, 1.0, 0.8, 0.1), 50))
add('keras.CosineDecayRestarts', {'initialLearningRate': 0.1, 'firstDecaySteps': 5, 'tMul': 1.5, 'mMul': 0.5}, run(keras_restarts(0.1, 5, 1.5, 0.5), 60))


# ---------------------------------------------------------------- Optax
def optax_polynomial(init_value, end_value, power, transition_steps, transition_begin=0):
    if transition_steps <= 0:
        return lambda count: init_value

    def schedule(count):
        count = min(max(count - transition_begin, 0), transition_steps)
        frac = 1 - count / transition_steps
        return (init_value - end_value) * (frac ** power) + end_value
    return schedule


def optax_linear(init_value, end_value, transition_steps):
    return optax_polynomial(init_value, end_value, 1, transition_steps)


def optax_cosine_decay(init_value, decay_steps, alpha=0.0, exponent=1.0):
    def schedule(count):
        count = min(float(count), float(decay_steps))
        cosine_decay = 0.5 * (1 + math.cos(math.pi * count / decay_steps))
        decayed = (1 - alpha) * cosine_decay ** exponent + alpha
        return init_value * decayed
    return schedule


def optax_join(schedules, boundaries):
    def schedule(step):
        output = schedules[0](step)
        for boundary, s in zip(boundaries, schedules[1:]):
            output = output if step < boundary else s(step - boundary)
        return output
    return schedule


def optax_warmup_cosine(init_value, peak_value, warmup_steps, decay_steps, end_value=0.0, exponent=1.0):
    alpha = 0.0 if peak_value == 0.0 else end_value / peak_value
    return optax_join([optax_linear(init_value, peak_value, warmup_steps), optax_cosine_decay(peak_value, decay_steps - warmup_steps, alpha, exponent)], [warmup_steps])


def optax_sgdr(cosine_kwargs):
    boundaries, schedules, step = [], [], 0
    for kwargs in cosine_kwargs:
        schedules += [optax_warmup_cosine(**kwargs)]
        boundaries += [step + kwargs['decay_steps']]
        step += kwargs['decay_steps']
    return optax_join(schedules, boundaries[:-1])


def optax_piecewise_interpolate(interpolate_type, init_value, boundaries_and_scales):
    if interpolate_type == 'linear':
        interp = lambda start, end, pct: (end - start) * pct + start
    else:
        interp = lambda start, end, pct: end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
    if boundaries_and_scales:
        boundaries, scales = zip(*sorted(boundaries_and_scales.items()))
    else:
        boundaries, scales = (), ()

    def schedule(count):
        bounds = (0,) + boundaries
        values = [init_value]
        for s in scales:
            values.append(values[-1] * s)
        out = 0.0
        for i in range(len(bounds) - 1):
            size = max(bounds[i + 1] - bounds[i], 1)
            if bounds[i] <= count < bounds[i + 1]:
                out += interp(values[i], values[i + 1], (count - bounds[i]) / size)
        if bounds[-1] <= count:
            out += values[-1]
        return out
    return schedule


def optax_linear_onecycle(transition_steps, peak_value, pct_start=0.3, pct_final=0.85, div_factor=25.0, final_div_factor=1e4):
    return optax_piecewise_interpolate('linear', peak_value / div_factor, {
        int(pct_start * transition_steps): div_factor,
        int(pct_final * transition_steps): 1.0 / div_factor,
        transition_steps: 1.0 / final_div_factor})


def optax_cosine_onecycle(transition_steps, peak_value, pct_start=0.3, div_factor=25.0, final_div_factor=1e4):
    return optax_piecewise_interpolate('cosine', peak_value / div_factor, {
        int(pct_start * transition_steps): div_factor,
        int(transition_steps): 1.0 / (div_factor * final_div_factor)})


add('optax.warmup_cosine_decay', {'initValue': 0.0, 'peakValue': 0.1, 'warmupSteps': 10, 'decaySteps': 50, 'endValue': 1e-3}, run(optax_warmup_cosine(0.0, 0.1, 10, 50, 1e-3), 60))
add('optax.warmup_cosine_decay', {'initValue': 1e-4, 'peakValue': 0.1, 'warmupSteps': 0, 'decaySteps': 30, 'exponent': 2}, run(optax_warmup_cosine(1e-4, 0.1, 0, 30, 0.0, 2.0), 40))
sgdr_kwargs = [dict(init_value=0.0, peak_value=0.1, warmup_steps=5, decay_steps=20, end_value=1e-3),
               dict(init_value=1e-3, peak_value=0.05, warmup_steps=3, decay_steps=30, end_value=0.0),
               dict(init_value=0.0, peak_value=0.02, warmup_steps=0, decay_steps=10)]
add('optax.sgdr', {'cosineKwargs': [{'initValue': k['init_value'], 'peakValue': k['peak_value'], 'warmupSteps': k['warmup_steps'], 'decaySteps': k['decay_steps'], **({'endValue': k['end_value']} if 'end_value' in k else {})} for k in sgdr_kwargs]},
    run(optax_sgdr(sgdr_kwargs), 75))
add('optax.piecewise_interpolate', {'interpolateType': 'linear', 'initValue': 1.0, 'boundariesAndScales': {'4': 0.1, '8': 0.01}}, run(optax_piecewise_interpolate('linear', 1.0, {4: 0.1, 8: 0.01}), 12),
    'docstring example: steps 0,2,4,6,8,10 -> 1.0, 0.55, 0.1, 0.0505, 0.001, 0.001')
add('optax.piecewise_interpolate', {'interpolateType': 'cosine', 'initValue': 0.5, 'boundariesAndScales': {'0': 2.0, '10': 0.5, '25': 0.1}}, run(optax_piecewise_interpolate('cosine', 0.5, {0: 2.0, 10: 0.5, 25: 0.1}), 30))
add('optax.linear_onecycle', {'transitionSteps': 100, 'peakValue': 0.1}, run(optax_linear_onecycle(100, 0.1), 110))
add('optax.linear_onecycle', {'transitionSteps': 33, 'peakValue': 0.1, 'pctStart': 0.25, 'pctFinal': 0.9, 'divFactor': 10, 'finalDivFactor': 100}, run(optax_linear_onecycle(33, 0.1, 0.25, 0.9, 10, 100), 40))
add('optax.cosine_onecycle', {'transitionSteps': 100, 'peakValue': 0.1}, run(optax_cosine_onecycle(100, 0.1), 110))
add('optax.cosine_onecycle', {'transitionSteps': 17, 'peakValue': 2.0, 'pctStart': 0.5, 'divFactor': 4, 'finalDivFactor': 50}, run(optax_cosine_onecycle(17, 2.0, 0.5, 4, 50), 20))


# ---------------------------------------------------------------- Goyal et al. 2017
def goyal(base_lr, batch_size, warmup_steps, milestones, gamma=0.1, ref=256, mode='linear'):
    peak = base_lr * batch_size / ref  # linear scaling rule: multiply lr by k = batch / ref
    def f(t):
        if t < warmup_steps:
            # gradual warmup: constant increment per iteration from base_lr to peak over warmup_steps;
            # constant warmup: base_lr
            return base_lr + t * ((peak - base_lr) / warmup_steps) if mode == 'linear' else base_lr
        return peak * gamma ** sum(1 for m in milestones if m <= t)
    return f


add('goyal', {'baseLr': 0.1, 'batchSize': 8192, 'warmupSteps': 25, 'milestones': [150, 300, 400]}, run(goyal(0.1, 8192, 25, [150, 300, 400]), 450))
add('goyal', {'baseLr': 0.1, 'batchSize': 1024, 'warmupSteps': 5, 'warmupMode': 'constant', 'milestones': [10], 'gamma': 0.5}, run(goyal(0.1, 1024, 5, [10], 0.5, mode='constant'), 15))

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, 'w') as f:
    json.dump(cases, f, indent=0)
    f.write('\n')
print(f'wrote {len(cases)} cases to {os.path.relpath(OUT)}')
