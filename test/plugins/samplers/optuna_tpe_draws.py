"""Optuna 3.1's TPESampler, asked many times for its next suggestion after one fixed history.

Read by test/plugins/samplers/tpe-vs-optuna.process.test.ts, which asks sweeptop's tpe the same and
compares the two samples. Reads a JSON array of requests on stdin, each:
  {"space": [{"name", "kind": "float"|"int"|"choice", "low", "high", "log", "step", "values", "when"}],
   "direction": "minimize"|"maximize", "options": {TPESampler keyword arguments}, "seed": int,
   "draws": int, "directions": [...] (optional: a study of several objectives),
   "trials": [{"params": {...}, "state": "completed"|"pruned"|"running", "value", "values",
               "intermediate": [[step, value]]}]}
Prints {"version": optuna.__version__, "draws": [[{name: value}, ...] for each request]}. Exit code 3
when optuna cannot be imported.

Each draw calls the sampler as a trial of the study would (sample_relative, then
sample_independent for what it left out) without adding a trial, so every draw sees the same
history; the sampler's own generator advances between draws, which makes them independent.
A parameter with a "when" (sweeptop's parsed condition: and/or/not/compare/in) is asked for only
when it holds for the values drawn above it, as a define-by-run objective asks: an inactive one is
absent from the draw, and its relative value, if the sampler made one, is dropped.
With "directions" the study has several objectives (TPESampler's multi-objective mode) and each
completed trial carries "values", one per objective.
"""
import json
import sys
import warnings

try:
    import optuna
    from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
    from optuna.trial import TrialState, create_trial
except ImportError as error:
    print(json.dumps({"error": str(error)}))
    sys.exit(3)

STATES = {"completed": TrialState.COMPLETE, "pruned": TrialState.PRUNED, "running": TrialState.RUNNING}


def distribution(parameter):
    if parameter["kind"] == "choice":
        return CategoricalDistribution(parameter["values"])
    step = parameter.get("step")
    if parameter["kind"] == "int":
        return IntDistribution(parameter["low"], parameter["high"], log=parameter.get("log", False), step=step or 1)
    return FloatDistribution(parameter["low"], parameter["high"], log=parameter.get("log", False), step=step)


def condition_names(condition):
    if condition["op"] in ("and", "or"):
        return condition_names(condition["left"]) | condition_names(condition["right"])
    if condition["op"] == "not":
        return condition_names(condition["operand"])
    return {condition["name"]}


def evaluate(condition, params):
    op = condition["op"]
    if op == "and":
        return evaluate(condition["left"], params) and evaluate(condition["right"], params)
    if op == "or":
        return evaluate(condition["left"], params) or evaluate(condition["right"], params)
    if op == "not":
        return not evaluate(condition["operand"], params)
    value = params[condition["name"]]
    if op == "in":
        return value in condition["values"]
    comparisons = {
        "==": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
    }
    return comparisons[condition["comparison"]](value, condition["value"])


def active(parameter, params):
    """sweeptop's rule: a condition reading an absent parameter is false as a whole."""
    condition = parameter.get("when")
    if condition is None:
        return True
    return condition_names(condition) <= params.keys() and evaluate(condition, params)


def draw(request):
    space = {p["name"]: distribution(p) for p in request["space"]}
    sampler = optuna.samplers.TPESampler(seed=request["seed"], **request.get("options", {}))
    directions = request.get("directions")
    if directions:
        study = optuna.create_study(directions=directions, sampler=sampler)
    else:
        study = optuna.create_study(direction=request["direction"], sampler=sampler)
    for trial in request["trials"]:
        state = STATES[trial["state"]]
        complete = state == TrialState.COMPLETE
        study.add_trial(
            create_trial(
                params=trial["params"],
                distributions={name: space[name] for name in trial["params"]},
                value=trial.get("value") if complete and not directions else None,
                values=trial.get("values") if complete and directions else None,
                state=state,
                intermediate_values={int(step): value for step, value in trial.get("intermediate", [])},
            )
        )
    asking = create_trial(state=TrialState.RUNNING)
    draws = []
    for _ in range(request["draws"]):
        relative_space = sampler.infer_relative_search_space(study, asking)
        relative = sampler.sample_relative(study, asking, relative_space)
        params = {}
        for parameter in request["space"]:
            if not active(parameter, params):
                continue
            name = parameter["name"]
            if name in relative:
                params[name] = relative[name]
            else:
                params[name] = sampler.sample_independent(study, asking, name, space[name])
        draws.append(params)
    return draws


def main():
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.filterwarnings("ignore")
    print(json.dumps({"version": optuna.__version__, "draws": [draw(request) for request in json.load(sys.stdin)]}))


if __name__ == "__main__":
    main()
