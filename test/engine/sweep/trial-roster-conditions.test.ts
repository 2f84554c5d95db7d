import { describe, expect, it } from 'vitest';
import { SamplerFailure, TrialRoster } from '../../../src/engine/sweep/trial-roster.js';
import type { ResolvedSweep } from '../../../src/engine/sweep/resolved.js';
import type { Params, SearchSpace } from '../../../src/plugin-api/space.js';
import { momentumForSgd, OPTIMIZER } from '../../helpers/conditional-space.js';

const SPACE: SearchSpace = [OPTIMIZER, momentumForSgd(1)];

/** A roster whose sampler always suggests `params`: only what next() reads before a trial is created. */
function rosterSuggesting(params: Params): TrialRoster {
  const resolved = {
    config: { seed: 0, sampler: { type: 'mine' }, parameters: SPACE },
    sampler: { suggest: () => params },
  } as unknown as ResolvedSweep;
  return new TrialRoster(resolved, '/nowhere');
}

describe('a suggestion in a conditional space', () => {
  it.each([
    [{ optimizer: 'adam', momentum: 0.5 }, "momentum: given, but absent for these values (it needs optimizer == 'sgd'); leave it out"],
    [{ optimizer: 'sgd' }, "momentum: missing (present because optimizer == 'sgd'); expected a number from 0 to 1"],
  ])('that ignores the conditions (%j) stops launching, with the reason', (params, problem) => {
    const next = () => rosterSuggesting(params).next(10);
    expect(next).toThrow(SamplerFailure);
    expect(next).toThrow(`the mine sampler suggested values that do not follow the parameters' when: conditions: ${problem}`);
  });
});
