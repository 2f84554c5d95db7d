"""SciPy's two-sided Wilcoxon signed-rank test, with its defaults, on the cases wilcoxon.test.ts checks.

Prints JSON: SciPy's version and, per case, the differences, statistic and p-value. The output is
committed as wilcoxon-reference.json; run `python3 wilcoxon-reference.py > wilcoxon-reference.json`
to regenerate it. Exit code 3 means SciPy cannot be imported, 4 that it is older than 1.15 (whose
`method='auto'` chose differently: the normal approximation for any tie or zero).
"""
import json
import sys

try:
    import scipy
    from scipy.stats import wilcoxon
except ImportError as error:
    print(f"scipy cannot be imported: {error}")
    sys.exit(3)

if tuple(int(part) for part in scipy.__version__.split(".")[:2]) < (1, 15):
    print(f"scipy {scipy.__version__} is older than 1.15")
    sys.exit(4)


def spread(n, step=0.37, offset=-0.4):
    """n distinct differences of both signs, none zero, no two of equal magnitude."""
    return [round((i + 1) * step * (1 if (i * 7) % 3 else -1) + offset * (i % 2) * 0.01, 6) for i in range(n)]


CASES = {
    "n=1, one positive difference": [0.2],
    "n=5, all positive": [0.1, 0.2, 0.3, 0.4, 0.5],
    "n=5, all negative": [-0.01, -0.02, -0.03, -0.04, -0.05],
    "n=6, mixed signs": [0.5, -0.1, 0.3, 0.25, -0.05, 0.8],
    "n=10, mixed signs": spread(10),
    "n=25, mixed signs": spread(25),
    "n=50, mixed signs, the last exact": spread(50),
    "n=51, mixed signs, normal": spread(51),
    "n=6, ties": [0.1, 0.1, -0.1, 0.2, 0.3, 0.3],
    "n=7, two zeros": [0.0, 0.1, 0.0, 0.2, -0.3, 0.4, 0.5],
    "n=13, ties, the last enumerated": [0.1, 0.1, 0.2, 0.2, 0.3, -0.1, 0.4, 0.5, 0.6, 0.7, -0.8, 0.9, 1.0],
    "n=14, ties, normal": [0.1, 0.1, 0.2, 0.2, 0.3, -0.1, 0.4, 0.5, 0.6, 0.7, -0.8, 0.9, 1.0, 1.1],
    "n=20, three zeros, normal": [0.0, 0.0, 0.0] + spread(17),
    "n=30, ties, normal": [round(0.1 * ((i % 6) - 2), 6) or 0.05 for i in range(30)],
    "n=5, all zero": [0.0] * 5,
    "n=4, one non-zero": [0.0, 0.0, 0.3, 0.0],
}

results = []
for name, differences in CASES.items():
    result = wilcoxon(differences)
    results.append({"name": name, "differences": differences, "statistic": float(result.statistic), "p": float(result.pvalue)})
print(json.dumps({"scipy": scipy.__version__, "cases": results}, indent=1))
