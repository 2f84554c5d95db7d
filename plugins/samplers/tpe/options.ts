/** The tpe sampler's options, read and checked once in `create`. Defaults are Optuna 3.1's except where noted. */
import { booleanOption, integerOption, numberOption, rejectUnknownOptions } from '../../../src/plugin-api/options.js';
import type { ParzenOptions } from './parzen-estimator.js';

export interface TpeOptions extends ParzenOptions {
  /** Trials with a result (completed or pruned) drawn at random before the model takes over. Default 10. */
  nStartupTrials: number;
  /** Candidates drawn from the good model per suggestion; the best l/g ratio wins. Default 24. */
  nEiCandidates: number;
  /**
   * Put queued and running trials in the bad group, so parallel slots spread out instead of all
   * chasing the same optimum. Default true (Optuna's is false; sweeps here usually run in
   * parallel). A sequential sweep is unaffected.
   */
  constantLiar: boolean;
}

const OPTIONS = [
  'n_startup_trials',
  'n_ei_candidates',
  'multivariate',
  'constant_liar',
  'prior_weight',
  'consider_prior',
  'consider_magic_clip',
  'consider_endpoints',
] as const;

export function readTpeOptions(options: Record<string, unknown>): TpeOptions {
  rejectUnknownOptions(options, OPTIONS, 'tpe sampler');
  return {
    nStartupTrials: integerOption(options, 'n_startup_trials', 0, 10),
    nEiCandidates: integerOption(options, 'n_ei_candidates', 1, 24),
    multivariate: booleanOption(options, 'multivariate', false),
    constantLiar: booleanOption(options, 'constant_liar', true),
    priorWeight: numberOption(options, 'prior_weight', { above: 0 }, 1),
    considerPrior: booleanOption(options, 'consider_prior', true),
    considerMagicClip: booleanOption(options, 'consider_magic_clip', true),
    considerEndpoints: booleanOption(options, 'consider_endpoints', false),
  };
}
