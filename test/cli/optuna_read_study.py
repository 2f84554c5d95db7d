"""Reads a storage with Optuna itself: its study and trials as JSON on stdout, and the parameter
importances Optuna computes on it. argv: STORAGE_FILE STUDY_NAME. Exit 3: optuna cannot be
imported (the test is skipped, or fails in CI)."""
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


trials = [
    {
        "number": t.number,
        "state": t.state.name,
        "params": t.params,
        "distributions": {k: type(d).__name__ for k, d in t.distributions.items()},
        "log": {k: getattr(d, "log", None) for k, d in t.distributions.items()},
        "step": {k: getattr(d, "step", None) for k, d in t.distributions.items()},
        "value": number(t.value),
        "intermediate": {str(k): number(v) for k, v in t.intermediate_values.items()},
        "user_attrs": t.user_attrs,
        "start": stamp(t.datetime_start),
        "complete": stamp(t.datetime_complete),
    }
    for t in study.trials
]
importance = optuna.importance.get_param_importances(study)
print(json.dumps({
    "optuna": optuna.__version__,
    "direction": study.direction.name,
    "user_attrs": study.user_attrs,
    "best_number": study.best_trial.number,
    "trials": trials,
    "importance": importance,
}))
