/**
 * The sobol sampler: a scrambled Sobol sequence, a quasi-random design that covers the space more
 * evenly than random draws — a good start, or a whole sweep when the budget is small. Each
 * tunable parameter is one dimension, mapped from the unit interval like random (unit-value.ts).
 *
 * The scramble is derived from the sweep seed once, and trial `id` gets point `id`: a resumed
 * sweep continues the sequence where it stopped, and the same seed gives the same points.
 * With `when:` conditions every tunable parameter keeps its dimension, and an inactive one's
 * coordinate is unused: the dimensions stay those of the whole space (the parameters after a
 * condition see the same sequence whichever branch is taken), at the cost of those coordinates.
 */
import { tunable } from '../../src/plugin-api/space.js';
import { Rng } from '../../src/plugin-api/rng.js';
import { PluginOptionError } from '../../src/plugin-api/errors.js';
import { booleanValue, options, readOptions } from '../../src/plugin-api/options.js';
import { option } from '../../src/plugin-api/schema.js';
import { MAX_SOBOL_DIMENSIONS } from './sobol/direction-numbers.js';
import { ScrambledSobol } from './sobol/scrambled-sobol.js';
import { paramsFromUnits } from './unit-value.js';
import type { SamplerPlugin } from '../../src/plugin-api/sampler.js';

const sobolOptions = options({
  scramble: option(booleanValue(), {
    default: true,
    description: "scramble the sequence (seeded); false gives the textbook sequence, whose first point is every parameter's low",
  }),
});

export const sobolSampler: SamplerPlugin = {
  name: 'sobol',
  kind: 'sampler',
  description: `scrambled Sobol quasi-random sequence: even coverage of up to ${MAX_SOBOL_DIMENSIONS} parameters`,
  options: sobolOptions,
  create(given, { space, seed }) {
    const { scramble } = readOptions(sobolOptions, given, 'sobol sampler');
    const dimensions = tunable(space).length;
    if (dimensions > MAX_SOBOL_DIMENSIONS) {
      throw new PluginOptionError(
        'parameters',
        `the sobol sampler handles up to ${MAX_SOBOL_DIMENSIONS} tunable parameters, got ${dimensions}`,
      );
    }
    const sequence = new ScrambledSobol(dimensions, scramble ? Rng.derive('sobol', seed) : null);
    return {
      learnsFromHistory: false,
      readsObjectives: 'none',
      suggest({ trialId }) {
        const point = sequence.point(Math.max(0, Math.floor(trialId)) % 2 ** 32);
        return paramsFromUnits(space, (d) => point[d]);
      },
    };
  },
};
