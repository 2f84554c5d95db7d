"""What Optuna 3.1's TPESampler computes, step by step, for one suggestion in a study of several
objectives: read by motpe-steps-vs-optuna.process.test.ts, which computes the same with sweeptop's tpe.

Reads a JSON array of requests on stdin, each {"directions": [...], "names": [float parameter
names, each in [0, 1]], "trials": [{"params": {...}, "values": [...]}], "candidates": [x, ...]}.
For each parameter, as `sample_independent` does it: the below and above trial indices
(_split_observation_pairs), the below set's weights
(_calculate_weights_below_for_multi_objective), both Parzen estimators' log-densities at the
candidates (what `_compare` subtracts) and the candidate `_compare` chooses. Prints
{"version": ..., "steps": [{name: {...}} for each request]}. Exit code 3: optuna cannot be imported.
"""
import json
import sys
import warnings

try:
    import numpy as np
    import optuna
    from optuna.distributions import FloatDistribution
    from optuna.samplers import TPESampler
    from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator
    from optuna.samplers._tpe.sampler import (
        _calculate_weights_below_for_multi_objective,
        _get_observation_pairs,
        _split_observation_pairs,
    )
    from optuna.trial import TrialState, create_trial
except ImportError as error:
    print(json.dumps({"error": str(error)}))
    sys.exit(3)


def steps(request):
    distribution = FloatDistribution(0, 1)
    sampler = TPESampler(seed=0)
    study = optuna.create_study(directions=request["directions"], sampler=sampler)
    for trial in request["trials"]:
        study.add_trial(
            create_trial(
                params=trial["params"],
                distributions={name: distribution for name in trial["params"]},
                values=trial["values"],
                state=TrialState.COMPLETE,
            )
        )
    candidates = np.asarray(request["candidates"], dtype=float)
    result = {}
    for name in request["names"]:
        values, scores, violations = _get_observation_pairs(study, [name], False, False)
        below, above = _split_observation_pairs(scores, sampler._gamma(len(scores)), violations)
        observed = np.asarray(values[name], dtype=float)
        weights = _calculate_weights_below_for_multi_objective(scores, below, violations)
        space = {name: distribution}
        parameters = sampler._parzen_estimator_parameters
        good = _ParzenEstimator({name: observed[below]}, space, parameters, weights)
        bad = _ParzenEstimator({name: observed[above]}, space, parameters)
        log_l = good.log_pdf({name: candidates})
        log_g = bad.log_pdf({name: candidates})
        chosen = TPESampler._compare({name: candidates}, log_l, log_g)[name]
        result[name] = {
            "below": below.tolist(),
            "above": above.tolist(),
            "weights": weights.tolist(),
            "log_l": log_l.tolist(),
            "log_g": log_g.tolist(),
            "chosen": chosen,
        }
    return result


def main():
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.filterwarnings("ignore")
    print(json.dumps({"version": optuna.__version__, "steps": [steps(request) for request in json.load(sys.stdin)]}))


if __name__ == "__main__":
    main()
