/**
 * TPE's random warm-up on a space that may be conditional: each parameter decided in declaration
 * order, an inactive one (its `when` false for the values above it) left out and drawing nothing,
 * an active one drawn as the random sampler draws it. On a space without conditions this is the
 * random sampler's suggestion, draw for draw.
 */
import { parameterIsActive } from '../../../src/plugin-api/condition.js';
import type { Rng } from '../../../src/plugin-api/rng.js';
import type { Params, SearchSpace } from '../../../src/plugin-api/space.js';
import { valueFromUnit } from '../unit-value.js';

export function sampleActiveRandomParams(space: SearchSpace, rng: Rng): Params {
  const params: Params = {};
  for (const parameter of space) {
    if (!parameterIsActive(parameter, params)) continue;
    params[parameter.name] = parameter.kind === 'const' ? parameter.value : valueFromUnit(parameter, rng.next());
  }
  return params;
}
