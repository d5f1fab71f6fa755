"""Times PyTorch's own scheduler.step() per class (1 param group, steady state), for comparison with lrkit.

Prints a table and, as the last line, a JSON object {class: median ns per step}. Run with the fixture environment: .venv/bin/python bench/torch_step.py (npm run fixtures creates .venv).
"""
import json
import statistics
import time
import warnings

import torch
from torch.optim import lr_scheduler as L
from torch.optim.swa_utils import SWALR

warnings.filterwarnings("ignore")
HUGE = 1_000_000_000


def make(name, opt):
    return {
        "LambdaLR": lambda: L.LambdaLR(opt, lambda e: 0.999 ** e),
        "MultiplicativeLR": lambda: L.MultiplicativeLR(opt, lambda e: 0.9999999),
        "StepLR": lambda: L.StepLR(opt, step_size=1000, gamma=0.99),
        "MultiStepLR": lambda: L.MultiStepLR(opt, milestones=[1000, 5000, 20000], gamma=0.5),
        "ConstantLR": lambda: L.ConstantLR(opt, factor=0.5, total_iters=10),
        "LinearLR": lambda: L.LinearLR(opt, start_factor=0.1, total_iters=HUGE),
        "ExponentialLR": lambda: L.ExponentialLR(opt, gamma=0.9999999),
        "PolynomialLR": lambda: L.PolynomialLR(opt, total_iters=HUGE, power=2),
        "CosineAnnealingLR": lambda: L.CosineAnnealingLR(opt, T_max=1000),
        "CosineAnnealingWarmRestarts": lambda: L.CosineAnnealingWarmRestarts(opt, T_0=1000, T_mult=2),
        "CyclicLR": lambda: L.CyclicLR(opt, base_lr=0.001, max_lr=0.1, step_size_up=500),
        "OneCycleLR": lambda: L.OneCycleLR(opt, max_lr=0.1, total_steps=HUGE),
        "ReduceLROnPlateau": lambda: L.ReduceLROnPlateau(opt, patience=5),
        "SequentialLR": lambda: L.SequentialLR(opt, [L.LinearLR(opt, start_factor=0.1, total_iters=100), L.CosineAnnealingLR(opt, T_max=1000)], milestones=[100]),
        "ChainedScheduler": lambda: L.ChainedScheduler([L.ConstantLR(opt, factor=0.5, total_iters=10), L.ExponentialLR(opt, gamma=0.9999999)]),
        "SWALR": lambda: SWALR(opt, swa_lr=0.05, anneal_epochs=100),
    }[name]()


NAMES = ["LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR", "PolynomialLR",
         "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR", "ReduceLROnPlateau", "SequentialLR",
         "ChainedScheduler", "SWALR"]

results = {}
for name in NAMES:
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
    s = make(name, opt)
    counter = [0]
    if name == "ReduceLROnPlateau":
        def step():
            counter[0] += 1
            s.step(1 / (1 + counter[0] % 17))
    else:
        step = s.step
    for _ in range(2000):
        step()
    times = []
    for _ in range(15):
        t0 = time.perf_counter_ns()
        for _ in range(2000):
            step()
        times.append((time.perf_counter_ns() - t0) / 2000)
    results[name] = round(statistics.median(times), 1)
    print(f"{name:28s} {results[name] / 1000:8.2f} µs/step")
print(json.dumps(results))
