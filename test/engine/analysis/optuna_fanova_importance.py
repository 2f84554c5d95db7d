"""Optuna 3.1's default parameter importance (FanovaImportanceEvaluator) on given trials.

Read by test/engine/analysis/importance-vs-optuna.process.test.ts, which asks sweeptop's
importance.ts the same. Reads a JSON array of requests on stdin, each:
  {"space": [{"name", "kind": "float"|"int"|"choice", "low", "high", "log", "step", "values"}],
   "seed": int, "trials": [{"params": {...}, "value": float}]}
Prints {"version": optuna.__version__, "importances": [{name: importance} for each request]}.
Exit code 3 when optuna (or scikit-learn, which its fANOVA needs) cannot be imported.
"""
import json
import sys
import warnings

try:
    import optuna
    import sklearn  # noqa: F401  (FanovaImportanceEvaluator fits a scikit-learn forest)
    from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
    from optuna.importance import FanovaImportanceEvaluator
    from optuna.trial import create_trial
except ImportError as error:
    print(json.dumps({"error": str(error)}))
    sys.exit(3)


def distribution(parameter):
    if parameter["kind"] == "choice":
        return CategoricalDistribution(parameter["values"])
    step = parameter.get("step")
    if parameter["kind"] == "int":
        return IntDistribution(parameter["low"], parameter["high"], log=parameter.get("log", False), step=step or 1)
    return FloatDistribution(parameter["low"], parameter["high"], log=parameter.get("log", False), step=step)


def importances(request):
    distributions = {p["name"]: distribution(p) for p in request["space"]}
    study = optuna.create_study()
    for trial in request["trials"]:
        # a conditional parameter's trial lacks it, as a define-by-run objective never asks for it
        own = {name: distributions[name] for name in trial["params"]}
        study.add_trial(create_trial(params=trial["params"], distributions=own, value=trial["value"]))
    return dict(FanovaImportanceEvaluator(seed=request["seed"]).evaluate(study))


def main():
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.simplefilter("ignore")
    requests = json.load(sys.stdin)
    print(json.dumps({"version": optuna.__version__, "importances": [importances(r) for r in requests]}))


main()
