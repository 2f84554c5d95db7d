import { describe, expect, it } from 'vitest';
import { tpeSampler } from '../../../plugins/samplers/tpe.js';
import type { SamplerTrial } from '../../../src/plugin-api/sampler.js';
import { Rng } from '../../../src/plugin-api/rng.js';
import type { Params, SearchSpace } from '../../../src/plugin-api/space.js';

const XY: SearchSpace = [
  { kind: 'float', name: 'x', low: 0, high: 1, log: false },
  { kind: 'float', name: 'y', low: 0, high: 1, log: false },
];
/** x trades one objective against the other; y only hurts both: the front is y = 0, x anywhere. */
const objectives = (p: Params): number[] => [(p.x as number) + (p.y as number), 1 - (p.x as number) + (p.y as number)];

function sweep(seed: number, count: number): SamplerTrial[] {
  const sampler = tpeSampler.create({}, { space: XY, goal: 'minimize', goals: ['minimize', 'minimize'], seed });
  const history: SamplerTrial[] = [];
  for (let id = 0; id < count; id++) {
    const params = sampler.suggest({ trialId: id, rng: Rng.derive('mo-test', seed, id), history })!;
    const values = objectives(params);
    history.push({ id, params, state: 'completed', objective: values[0], objectives: values, lastStep: null });
  }
  return history;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('tpe sampler with several objectives', () => {
  it('says it reads every objective only when the sweep has several', () => {
    expect(tpeSampler.create({}, { space: XY, goal: 'minimize', goals: ['minimize', 'maximize'], seed: 0 }).readsObjectives).toBe('all');
    expect(tpeSampler.create({}, { space: XY, goal: 'minimize', seed: 0 }).readsObjectives).toBe('first');
  });

  it('moves towards the front and spreads along it, rather than optimising the first objective alone', () => {
    for (const seed of [0, 1, 2]) {
      const late = sweep(seed, 80).slice(40);
      // Random search would put the median y near 0.5.
      expect(median(late.map((t) => t.params.y as number))).toBeLessThan(0.2);
      // Minimising the first objective alone would drive x to 0 as well.
      const xs = late.map((t) => t.params.x as number);
      expect(xs.filter((x) => x > 0.6).length).toBeGreaterThan(4);
      expect(xs.filter((x) => x < 0.4).length).toBeGreaterThan(4);
    }
  });
});
