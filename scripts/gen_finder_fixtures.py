"""Golden values for lrkit's LR-finder suggestion rules (src/finder/suggestions.ts).

Each rule is written here from its reference definition with the reference's own numerical primitives
(np.gradient, torch.gradient, np.interp, argmin), in float64:
  fastai valley/slide/minimum/steep    fastai/callback/schedule.py, applied to [num_it//10:-5], cut at first NaN
  pytorch-lr-finder steepest gradient  torch_lr_finder/lr_finder.py LRFinder.plot, [skip_start:-skip_end] = [10:-5]
  Lightning suggestion                 lightning/pytorch/tuner/lr_finder.py _LRFinder.suggestion, [10:-1], finite only
Run: npm run fixtures -- finder   (= .venv/bin/python scripts/gen_finder_fixtures.py; numpy + torch)
"""
import json
import math

import numpy as np
import torch


def valley(lrs, losses):
    n = len(losses)
    lds = [1] * n
    best_end, best_start = 0, 0
    for i in range(1, n):
        for j in range(i):
            if losses[i] < losses[j] and lds[i] < lds[j] + 1:
                lds[i] = lds[j] + 1
            if lds[best_end] < lds[i]:
                best_end = i
                best_start = best_end - lds[best_end]
    third = (best_end - best_start) / 3
    k = best_start + int(third) + int(third / 2)
    return lrs[k], lrs[k], losses[k]


def slide(lrs, losses, lr_diff=15, thresh=0.005, adjust_value=1.0):
    g = np.gradient(np.asarray(losses))
    right, left = -1, -1 - lr_diff
    pick = lrs[left]
    while left >= -len(losses) and abs(g[right] - g[left]) > thresh:
        pick = lrs[left]
        right -= 1
        left -= 1
    lr = float(pick) * adjust_value
    return lr, lr, float(np.interp(np.log10(lr), np.log10(lrs), losses))


def minimum(lrs, losses):
    k = int(np.argmin(losses))
    return lrs[k] / 10, lrs[k], losses[k]


def steep(lrs, losses):
    l, y = np.asarray(lrs), np.asarray(losses)
    k = int(np.argmin((y[1:] - y[:-1]) / (np.log(l[1:]) - np.log(l[:-1]))))
    return lrs[k], lrs[k], losses[k]


def steepest_gradient(lrs, losses):
    k = int(np.argmin(np.gradient(np.asarray(losses))))
    return lrs[k], lrs[k], losses[k]


def lightning(lrs, losses):
    y = torch.tensor(losses, dtype=torch.float64)
    x = torch.tensor(lrs, dtype=torch.float64)
    k = int(torch.argmin(torch.gradient(y, spacing=[x])[0]).item())
    return lrs[k], lrs[k], losses[k]


def cut_nan(idx, losses):
    for p, i in enumerate(idx):
        if not math.isfinite(losses[i]):
            return idx[:p]
    return idx


def run(rule, idx, lrs, losses, need):
    if len(idx) < need:
        return None
    lr, plr, ploss = rule([lrs[i] for i in idx], [losses[i] for i in idx])
    return {"lr": lr, "point": {"lr": plr, "loss": ploss}}


def suggest_all(lrs, losses, num_it):
    n = len(lrs)
    fastai = cut_nan(list(range(n))[num_it // 10:-5], losses)
    torch_idx = cut_nan(list(range(n))[10:-5], losses)
    light = [i for i in list(range(n))[10:-1] if math.isfinite(losses[i])]
    return {
        "valley": run(valley, fastai, lrs, losses, 1),
        "slide": run(slide, fastai, lrs, losses, 16),
        "minimum": run(minimum, fastai, lrs, losses, 1),
        "steep": run(steep, fastai, lrs, losses, 2),
        "steepestGradient": run(steepest_gradient, torch_idx, lrs, losses, 2),
        "lightningGradient": run(lightning, light, lrs, losses, 2),
    }


def finder_curve(rng, n, start, end, mode, drop, blowup_at, noise):
    """A loss curve shaped like a real range test: flat, falling, exploding; debiased-smoothed (beta 0.98)."""
    r = np.arange(n) / (n - 1)
    lrs = start * (end / start) ** r if mode == "exp" else start + r * (end - start)
    x = np.log10(lrs)
    centre = x[0] + (x[-1] - x[0]) * blowup_at
    raw = 2.3 - drop / (1 + np.exp(-(x - (centre - 2)) * 3)) + np.exp((x - centre) * 2.5) + rng.normal(0, noise, n)
    avg, smooth = 0.0, []
    for t, v in enumerate(raw):
        avg = 0.98 * avg + 0.02 * v
        smooth.append(avg / (1 - 0.98 ** (t + 1)))
    return [float(v) for v in lrs], smooth


def main():
    rng = np.random.default_rng(20240605)
    cases = []
    for k in range(12):
        n = [100, 100, 60, 200][k % 4]
        mode = "exp" if k % 3 else "linear"
        start, end = (1e-7, 10) if mode == "exp" else (1e-4, 1.0)
        lrs, losses = finder_curve(rng, n, start, end, mode, 1.5 + 0.1 * k, 0.6 + 0.02 * k, 0.01 * (k % 5))
        cases.append({"name": f"synthetic-{k}-{mode}-n{n}", "numIter": n, "lrs": lrs, "smoothedLosses": losses})
    # A sweep that stopped early on NaN, one that diverged after 40 of 100 planned iterations, a short one.
    lrs, losses = finder_curve(rng, 100, 1e-7, 10, "exp", 1.8, 0.7, 0.02)
    losses[80] = float("nan")
    cases.append({"name": "nan-at-80", "numIter": 100, "lrs": lrs[:81], "smoothedLosses": losses[:81]})
    lrs, losses = finder_curve(rng, 100, 1e-6, 1, "exp", 1.2, 0.35, 0.0)
    cases.append({"name": "stopped-at-40", "numIter": 100, "lrs": lrs[:40], "smoothedLosses": losses[:40]})
    lrs, losses = finder_curve(rng, 18, 1e-5, 1, "exp", 1.0, 0.7, 0.0)
    cases.append({"name": "short-18", "numIter": 18, "lrs": lrs, "smoothedLosses": losses})
    for case in cases:
        case["expected"] = suggest_all(case["lrs"], case["smoothedLosses"], case["numIter"])
        case["smoothedLosses"] = [v if math.isfinite(v) else "NaN" for v in case["smoothedLosses"]]
    with open("test/fixtures/finder/suggestions.json", "w") as f:
        json.dump({"generator": "scripts/gen_finder_fixtures.py", "cases": cases}, f)
    print(f"wrote {len(cases)} cases")


if __name__ == "__main__":
    main()
