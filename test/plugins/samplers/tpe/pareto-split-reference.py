"""Optuna 3.1's multi-objective TPE split and weights on the cases pareto-split.test.ts checks.

Prints JSON: Optuna's version and, per case, the loss vectors (already minimised: the sign of each
goal folded in), the good-group size, and what Optuna's own functions return for them: the
non-domination ranks, the good indices in Optuna's order, their kernel weights, and the
hypervolume of all points below the reference point 10 % beyond the worst. The output is committed
as pareto-split-reference.json; run `/usr/bin/python3 pareto-split-reference.py >
pareto-split-reference.json` to regenerate it. Exit code 3 means Optuna cannot be imported.
"""
import json
import sys

import numpy as np

try:
    import optuna
    from optuna._hypervolume import WFG
    from optuna.samplers._tpe.sampler import (
        _calculate_nondomination_rank,
        _calculate_weights_below_for_multi_objective,
        _split_observation_pairs,
    )
except ImportError as error:
    print(f"optuna cannot be imported: {error}")
    sys.exit(3)


def seeded(seed, n, dims, ties=False):
    """n loss vectors of `dims` objectives; with ties, values on a coarse grid so points repeat and tie."""
    rng = np.random.RandomState(seed)
    points = rng.rand(n, dims)
    if ties:
        points = np.round(points * 4) / 4
    return [[float(round(v, 6)) for v in p] for p in points]


def zdt1_like(n):
    """A front-shaped cloud: many points near f2 = 1 - sqrt(f1), some behind it, one negative objective."""
    rng = np.random.RandomState(7)
    f1 = rng.rand(n)
    f2 = 1 - np.sqrt(f1) + rng.rand(n) * 0.5 - 0.2
    return [[float(round(a, 6)), float(round(b, 6))] for a, b in zip(f1, f2)]


CASES = [
    ("2 objectives, 10 points, 1 good", seeded(0, 10, 2), 1),
    ("2 objectives, 20 points, 2 good", seeded(1, 20, 2), 2),
    ("2 objectives, 40 points, 4 good", seeded(2, 40, 2), 4),
    ("2 objectives, 100 points, 10 good", seeded(3, 100, 2), 10),
    ("2 objectives, a front with negative values, 60 points, 6 good", zdt1_like(60), 6),
    ("2 objectives, ties on a grid, 30 points, 3 good", seeded(4, 30, 2, ties=True), 3),
    ("3 objectives, 30 points, 3 good", seeded(5, 30, 3), 3),
    ("3 objectives, 80 points, 8 good", seeded(6, 80, 3), 8),
    ("4 objectives, 50 points, 5 good", seeded(8, 50, 4), 5),
    ("3 objectives, ties on a grid, 40 points, 4 good", seeded(9, 40, 3, ties=True), 4),
]


def case(name, losses, n_below):
    pairs = [(-float("inf"), list(v)) for v in losses]
    below, _ = _split_observation_pairs(pairs, n_below, None)
    weights = _calculate_weights_below_for_multi_objective(pairs, below, None)
    points = np.asarray(losses)
    worst = points.max(axis=0)
    reference = np.maximum(1.1 * worst, 0.9 * worst)
    reference[reference == 0] = 1e-12
    return {
        "name": name,
        "losses": losses,
        "good_count": n_below,
        "ranks": [int(r) for r in _calculate_nondomination_rank(points)],
        "good": [int(i) for i in below],
        "weights": [float(w) for w in weights],
        "reference": [float(r) for r in reference],
        "hypervolume": float(WFG().compute(points, reference)),
    }


print(json.dumps({"optuna": optuna.__version__, "cases": [case(*c) for c in CASES]}, indent=1))
