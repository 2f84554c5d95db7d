/**
 * The random sampler: every parameter drawn independently from the per-trial rng — uniform, or
 * log-uniform for log ranges; stepped ranges, ints and choices uniform over their allowed values.
 * Because the engine seeds that rng from (sweep seed, trial id), a trial's suggestion repeats
 * exactly under the same seed, and a resumed sweep does not re-roll the trials it already has.
 * A parameter whose `when:` is false for the values drawn before it is left out and takes no
 * draw, as a define-by-run Optuna objective never asks for it.
 */
import type { Params, SearchSpace } from '../../src/plugin-api/space.js';
import type { Rng } from '../../src/plugin-api/rng.js';
import { noOptions, readOptions } from '../../src/plugin-api/options.js';
import { paramsFromUnits } from './unit-value.js';
import type { SamplerPlugin } from '../../src/plugin-api/sampler.js';

/** One draw per active tunable parameter, in declaration order (TPE's warm-up uses the same draws). */
export function sampleRandomParams(space: SearchSpace, rng: Rng): Params {
  return paramsFromUnits(space, () => rng.next());
}

export const randomSampler: SamplerPlugin = {
  name: 'random',
  kind: 'sampler',
  description: 'independent uniform (log-uniform for log ranges) draws; a baseline that is hard to beat early',
  options: noOptions,
  create(given, { space }) {
    readOptions(noOptions, given, 'random sampler');
    return { learnsFromHistory: false, readsObjectives: 'none', suggest: ({ rng }) => sampleRandomParams(space, rng) };
  },
};
