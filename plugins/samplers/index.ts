/** The built-in samplers, by name: `sampler: {type: <name>, …}` in a sweep file. */
import { gridSampler } from './grid.js';
import { randomSampler } from './random.js';
import { sobolSampler } from './sobol.js';
import { tpeSampler } from './tpe.js';
import type { SamplerPlugin } from '../../src/plugin-api/sampler.js';

export const samplerPlugins: SamplerPlugin[] = [randomSampler, gridSampler, tpeSampler, sobolSampler];
