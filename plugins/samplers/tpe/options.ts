/** The tpe sampler's options, declared once. Defaults are Optuna 3.1's except where noted. */
import { PluginOptionError } from '../../../src/plugin-api/errors.js';
import { booleanValue, integerValue, numberValue, options, readOptions, type Options } from '../../../src/plugin-api/options.js';
import { option } from '../../../src/plugin-api/schema.js';
import type { ParzenOptions } from './parzen-estimator.js';

export const tpeOptions = options({
  n_startup_trials: option(integerValue(0), {
    default: 10,
    description: 'trials with a result (completed or pruned) drawn at random before the model takes over',
  }),
  n_ei_candidates: option(integerValue(1), {
    default: 24,
    description: 'candidates drawn from the good model per suggestion; the best l/g ratio wins',
  }),
  multivariate: option(booleanValue(), {
    default: false,
    description:
      "one joint model (Scott's rule bandwidths) of the parameters every finished trial has, instead of one per parameter; the others one at a time",
  }),
  group: option(booleanValue(), {
    default: false,
    description:
      'with multivariate: one joint model per group of parameters that are always present together (conditional spaces); the rest one at a time',
  }),
  constant_liar: option(booleanValue(), {
    // Optuna's default is false; sweeps here usually run in parallel. A sequential sweep is unaffected.
    default: true,
    description: 'put queued and running trials in the bad group, so parallel slots spread out (Optuna: false)',
  }),
  prior_weight: option(numberValue({ above: 0 }), {
    default: 1,
    description: "weight of the prior kernel (a broad one over the whole range), in observations' worth",
  }),
  consider_prior: option(booleanValue(), {
    default: true,
    description: 'add the prior kernel (it is always added when there are no observations)',
  }),
  consider_magic_clip: option(booleanValue(), { default: true, description: 'keep bandwidths at least range / min(100, kernels + 1)' }),
  consider_endpoints: option(booleanValue(), {
    default: false,
    description: "let the outermost observations' bandwidths reach to the range's ends",
  }),
});

export interface TpeOptions extends ParzenOptions {
  nStartupTrials: number;
  nEiCandidates: number;
  constantLiar: boolean;
  /** Joint models per group of co-occurring parameters (only with multivariate). */
  group: boolean;
}

export function readTpeOptions(given: Options): TpeOptions {
  const read = readOptions(tpeOptions, given, 'tpe sampler');
  // Optuna 3.1 raises the same: groups are a way of dividing the joint model, and there is none without multivariate.
  if (read.group && !read.multivariate) throw new PluginOptionError('group', 'expected only together with multivariate: true');
  return {
    nStartupTrials: read.n_startup_trials,
    nEiCandidates: read.n_ei_candidates,
    multivariate: read.multivariate,
    constantLiar: read.constant_liar,
    group: read.group,
    priorWeight: read.prior_weight,
    considerPrior: read.consider_prior,
    considerMagicClip: read.consider_magic_clip,
    considerEndpoints: read.consider_endpoints,
  };
}
