/**
 * The TPE sampler (Tree-structured Parzen Estimator), following Optuna 3.1's TPESampler: random
 * suggestions until n_startup_trials trials have a result, then for each suggestion the history is
 * split into good and bad trials (tpe/split.ts), each group gets a Parzen estimator
 * (tpe/parzen-estimator.ts), and the candidate that best separates them wins (tpe/propose.ts).
 * Parameters are modelled one at a time unless `multivariate: true` (tpe/relative-groups.ts says
 * which are modelled together, `group: true` included).
 *
 * Conditional spaces (`when:`) are sampled as Optuna samples a define-by-run objective: parameters
 * are decided in declaration order and an inactive one is left out. The good/bad split is made
 * over all trials with a result, and each model then learns from those of its trials that hold its
 * parameters — so a parameter present in few trials may have few or no good observations, and its
 * model leans on the prior. A sweep of several objectives splits and weights the good trials by
 * Pareto rank and hypervolume, as 3.1's multi-objective mode does (tpe/pareto-split.ts).
 *
 * Every random draw comes from the request's rng, so the same seed and history give the same
 * suggestion. One deliberate departure from Optuna 3.1: the constant liar is on by default
 * (tpe/options.ts). Candidates are scored as 3.1 scores them, bandwidth-weighted (see
 * ParzenEstimator.logScore), which bench/samplers.ts measured to work better than exact densities.
 */
import { parameterIsActive } from '../../src/plugin-api/condition.js';
import type { ParamValue, Params } from '../../src/plugin-api/space.js';
import { modelParameter, type ModelledParameter } from './tpe/dimension.js';
import { readTpeOptions, tpeOptions } from './tpe/options.js';
import { encodeTrials, proposeValues } from './tpe/propose.js';
import { relativeGroups } from './tpe/relative-groups.js';
import { splitHistoryByObjectives } from './tpe/pareto-split.js';
import { splitHistory } from './tpe/split.js';
import { sampleRandomParams } from './random.js';
import { defaultGamma } from './tpe/weights.js';
import type { SamplerPlugin } from '../../src/plugin-api/sampler.js';

export const tpeSampler: SamplerPlugin = {
  name: 'tpe',
  kind: 'sampler',
  description: 'Tree-structured Parzen Estimator (Optuna 3.1 semantics): learns from good vs bad trials after 10 random ones',
  options: tpeOptions,
  create(given, { space, goal, goals = [goal] }) {
    const settings = readTpeOptions(given);
    const models = space.map(modelParameter);
    const modelled = models.filter((m): m is ModelledParameter => m.kind === 'modelled');
    const modelledIndex = new Map(modelled.map((m, i) => [m.name, i]));
    const splitOptions = { constantLiar: settings.constantLiar, gamma: defaultGamma };
    const severalObjectives = goals.length > 1;
    return {
      readsObjectives: severalObjectives ? 'all' : 'first',
      suggest({ rng, history }) {
        const split = severalObjectives
          ? splitHistoryByObjectives(history, goals, splitOptions)
          : splitHistory(history, goal, splitOptions);
        if (split.finished < settings.nStartupTrials) return sampleRandomParams(space, rng);
        const good = encodeTrials(modelled, split.good);
        const bad = encodeTrials(modelled, split.bad);
        const groups = relativeGroups(
          modelled.map((m) => m.name),
          split.finishedTrials,
          settings,
        );
        const groupOf = new Map(groups.flatMap((group) => group.map((i) => [i, group] as const)));
        // A group is proposed when its first active parameter is reached, all of its values at once;
        // those of members that turn out inactive are dropped, as Optuna drops unused relative values.
        const proposed = new Map<string, ParamValue>();
        const params: Params = {};
        models.forEach((model, k) => {
          if (!parameterIsActive(space[k], params)) return;
          if (model.kind === 'fixed') {
            params[model.name] = model.value;
            return;
          }
          if (!proposed.has(model.name)) {
            const group = groupOf.get(modelledIndex.get(model.name)!)!;
            const values = proposeValues(
              group.map((i) => modelled[i]),
              group.map((i) => good[i]),
              group.map((i) => bad[i]),
              settings,
              rng,
              split.goodWeights,
            );
            values.forEach((value, j) => proposed.set(modelled[group[j]].name, value));
          }
          params[model.name] = proposed.get(model.name)!;
        });
        return params;
      },
    };
  },
};
