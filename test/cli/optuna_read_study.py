"""Reads a storage with Optuna itself: its study and trials as JSON on stdout, and the parameter
importances Optuna computes on it. argv: STORAGE_FILE STUDY_NAME. Exit 3: optuna cannot be
imported (the test is skipped, or fails in CI).

A study of several objectives has no single direction, value or best trial (Optuna raises for
them): it is read as its `directions`, each trial's `values` and `best_trials` (the numbers of
the Pareto front), and its importances are those of the first objective."""
import json
import math
import sys

try:
    import optuna
except ImportError as error:
    print(error)
    sys.exit(3)

optuna.logging.set_verbosity(optuna.logging.ERROR)
path, name = sys.argv[1], sys.argv[2]
study = optuna.load_study(storage="sqlite:///" + path, study_name=name)


def number(value):
    """NaN and infinities as sweeptop's JSON writes them: JSON cannot hold them."""
    if value is None or not isinstance(value, float) or math.isfinite(value):
        return value
    return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")


def stamp(value):
    return None if value is None else value.timestamp() * 1000


multi = len(study.directions) > 1
trials = [
    {
        "number": t.number,
        "state": t.state.name,
        "params": t.params,
        "distributions": {k: type(d).__name__ for k, d in t.distributions.items()},
        "log": {k: getattr(d, "log", None) for k, d in t.distributions.items()},
        "step": {k: getattr(d, "step", None) for k, d in t.distributions.items()},
        "value": number(t.value) if not multi else None,
        "values": [number(v) for v in t.values] if t.values is not None else None,
        "intermediate": {str(k): number(v) for k, v in t.intermediate_values.items()},
        "user_attrs": t.user_attrs,
        "start": stamp(t.datetime_start),
        "complete": stamp(t.datetime_complete),
    }
    for t in study.trials
]
if multi:
    importance = optuna.importance.get_param_importances(study, target=lambda t: t.values[0])
    best = {"directions": [d.name for d in study.directions], "best_trials": [t.number for t in study.best_trials]}
else:
    importance = optuna.importance.get_param_importances(study)
    best = {"direction": study.direction.name, "best_number": study.best_trial.number}
print(json.dumps({
    "optuna": optuna.__version__,
    **best,
    "user_attrs": study.user_attrs,
    "trials": trials,
    "importance": importance,
}))
