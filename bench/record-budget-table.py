#!/usr/bin/python3
"""Records the score × budget table that bench/budget-halving.ts replays.

Usage: /usr/bin/python3 bench/record-budget-table.py [--configs 300] [--out bench/data/budget-scores.csv]
Needs scikit-learn (Debian: python3-sklearn); no download.

Runs the real fixtures/sweeps script fixtures/sklearn_budget.py (an SVC trained on a subsample of
the digits data, printing only `val_acc: …`) for random configurations (C and gamma log-uniform
over the ranges of fixtures/sweeps/sklearn-budget.yaml, fixed seed) at every budget the bench uses:
1/27, 1/9, 1/3 and 1 of the training split, computed as the sweep computes its budget levels
(max · η^-(s_max - k)). Each score is the line the script printed. The script runs in this one
interpreter (runpy, with its own argv) rather than a new python3 each time, so the table takes
minutes instead of the half hour that importing scikit-learn 1,200 times would; `seconds` is
therefore the script's own time without interpreter start-up.
"""
import argparse
import contextlib
import io
import math
import os
import random
import re
import runpy
import sys
import time

import sklearn

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "fixtures", "sklearn_budget.py")
SEED = 0
REDUCTION_FACTOR = 3
LEVEL_COUNT = 4
BUDGETS = [1.0 * REDUCTION_FACTOR ** -(LEVEL_COUNT - 1 - k) for k in range(LEVEL_COUNT)]
C_RANGE = (0.01, 1000.0)
GAMMA_RANGE = (1.0e-5, 0.1)
SCORE_LINE = re.compile(r"^val_acc: (\S+)$")


def log_uniform(rng, low, high):
    return float(f"{math.exp(rng.uniform(math.log(low), math.log(high))):.6g}")


def run_script(argv):
    """Runs the script as `python3 sklearn_budget.py ARGV` would; returns its stdout and seconds."""
    saved = sys.argv
    sys.argv = [SCRIPT, *argv]
    out = io.StringIO()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(SCRIPT, run_name="__main__")
    finally:
        sys.argv = saved
    return out.getvalue(), time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--configs", type=int, default=300)
    parser.add_argument("--out", default=os.path.join(HERE, "data", "budget-scores.csv"))
    args = parser.parse_args()

    rng = random.Random(SEED)
    configs = [(log_uniform(rng, *C_RANGE), log_uniform(rng, *GAMMA_RANGE)) for _ in range(args.configs)]
    rows = []
    for index, (c, gamma) in enumerate(configs):
        for budget in BUDGETS:
            printed, seconds = run_script(["--C", repr(c), "--gamma", repr(gamma), "--subsample", repr(budget)])
            lines = printed.splitlines()
            match = SCORE_LINE.match(lines[-1]) if len(lines) == 1 else None
            if not match:
                print(f"config {index} budget {budget}: expected one `val_acc: …` line, got {printed!r}", file=sys.stderr)
                return 1
            rows.append(f"{index},{c!r},{gamma!r},{budget!r},{match.group(1)},{seconds:.4f}")
        print(f"{index + 1}/{len(configs)} C={c:<10g} gamma={gamma:<10g} " + " ".join(r.split(",")[4] for r in rows[-LEVEL_COUNT:]), file=sys.stderr)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as out:
        out.write(f"# recorded by bench/record-budget-table.py (scikit-learn {sklearn.__version__}, seed {SEED}, {len(configs)} configurations)\n")
        out.write("# fixtures/sklearn_budget.py --C C --gamma GAMMA --subsample BUDGET; score = its val_acc; seconds without interpreter start-up\n")
        out.write("# re-record: /usr/bin/python3 bench/record-budget-table.py\n")
        out.write("config,C,gamma,budget,score,seconds\n")
        out.write("\n".join(rows) + "\n")
    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
