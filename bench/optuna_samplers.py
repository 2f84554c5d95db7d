"""Optuna's TPESampler on the problems of bench/samplers.ts, as the baseline it prints beside ours.

Usage: /usr/bin/python3 bench/optuna_samplers.py --seeds 20 --trials 100 [--first-seed 0]
Prints one JSON object: {"version": ..., "checks": {problem: value at the check point},
"best": {problem: [[best-so-far after each trial] for each seed]}}. Exit code 3 when optuna is
not importable. The problem definitions mirror bench/samplers.ts; `checks` lets the TypeScript side
refuse to compare if the two ever drift apart.

With --multi-objective: ZDT1 with 5 variables (bench/samplers-multi-objective.ts), two objectives
minimised by TPESampler's multi-objective mode. Prints {"version": ..., "check": [f1, f2] at the
check point, "values": [[[f1, f2] of each trial] for each seed]}; the hypervolume is computed on
the TypeScript side, by the same function for both samplers.
"""
import argparse
import json
import math
import sys

try:
    import optuna
except ImportError as error:  # the caller prints a note and carries on without this column
    print(json.dumps({"error": str(error)}))
    sys.exit(3)

HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN_A = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
HARTMANN_P = [
    [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
    [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
    [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
    [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
]
MIXED_OPTIMISERS = {"sgd": (1.0, 1e-2), "adam": (0.0, 1e-3), "rmsprop": (0.5, 3e-4)}


def branin(p):
    x1, x2 = p["x1"], p["x2"]
    b, c, t = 5.1 / (4 * math.pi**2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1**2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def hartmann6(p):
    x = [p[f"x{j}"] for j in range(6)]
    return -sum(
        HARTMANN_ALPHA[i] * math.exp(-sum(HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j]) ** 2 for j in range(6)))
        for i in range(4)
    )


def rosenbrock10_log(p):
    x = [p[f"x{j}"] for j in range(10)]
    f = sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(9))
    return math.log10(1 + f)


def mixed(p):
    offset, best_lr = MIXED_OPTIMISERS[p["optimizer"]]
    return offset + (math.log10(p["lr"]) - math.log10(best_lr)) ** 2 + 0.1 * (p["layers"] - 6) ** 2


def suggest_branin(trial):
    return {"x1": trial.suggest_float("x1", -5, 10), "x2": trial.suggest_float("x2", 0, 15)}


def suggest_hartmann6(trial):
    return {f"x{j}": trial.suggest_float(f"x{j}", 0, 1) for j in range(6)}


def suggest_rosenbrock10_log(trial):
    return {f"x{j}": trial.suggest_float(f"x{j}", 0.01, 10, log=True) for j in range(10)}


def suggest_mixed(trial):
    return {
        "optimizer": trial.suggest_categorical("optimizer", ["sgd", "adam", "rmsprop"]),
        "lr": trial.suggest_float("lr", 1e-5, 1, log=True),
        "layers": trial.suggest_int("layers", 1, 16),
    }


PROBLEMS = {
    "branin": (suggest_branin, branin, {"x1": 2.5, "x2": 7.5}),
    "hartmann6": (suggest_hartmann6, hartmann6, {f"x{j}": 0.5 for j in range(6)}),
    "rosenbrock10-log": (suggest_rosenbrock10_log, rosenbrock10_log, {f"x{j}": 0.5 for j in range(10)}),
    "mixed": (suggest_mixed, mixed, {"optimizer": "sgd", "lr": 0.001, "layers": 4}),
}


def best_so_far(problem, seed, trials):
    suggest, objective, _ = PROBLEMS[problem]
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(lambda trial: objective(suggest(trial)), n_trials=trials)
    best, curve = math.inf, []
    for trial in study.trials:
        best = min(best, trial.value)
        curve.append(best)
    return curve


ZDT1_VARIABLES = 5
ZDT1_CHECK = [0.25] + [0.5] * (ZDT1_VARIABLES - 1)


def zdt1(x):
    g = 1 + 9 * sum(x[1:]) / (len(x) - 1)
    return [x[0], g * (1 - math.sqrt(x[0] / g))]


def zdt1_values(seed, trials):
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(lambda trial: zdt1([trial.suggest_float(f"x{j}", 0, 1) for j in range(ZDT1_VARIABLES)]), n_trials=trials)
    return [trial.values for trial in study.trials]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--problems", default=",".join(PROBLEMS))
    parser.add_argument("--multi-objective", action="store_true")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    if args.multi_objective:
        seeds = range(args.first_seed, args.first_seed + args.seeds)
        values = [zdt1_values(seed, args.trials) for seed in seeds]
        print(json.dumps({"version": optuna.__version__, "check": zdt1(ZDT1_CHECK), "values": values}))
        return
    names = args.problems.split(",")
    print(
        json.dumps(
            {
                "version": optuna.__version__,
                "checks": {name: PROBLEMS[name][1](PROBLEMS[name][2]) for name in names},
                "best": {name: [best_so_far(name, seed, args.trials) for seed in range(args.first_seed, args.first_seed + args.seeds)] for name in names},
            }
        )
    )


if __name__ == "__main__":
    main()
