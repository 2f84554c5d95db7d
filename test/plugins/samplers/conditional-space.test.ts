import { describe, expect, it } from 'vitest';
import { gridSampler } from '../../../plugins/samplers/grid.js';
import { randomSampler } from '../../../plugins/samplers/random.js';
import { sobolSampler } from '../../../plugins/samplers/sobol.js';
import { parameterIsActive } from '../../../src/plugin-api/condition.js';
import { Rng } from '../../../src/plugin-api/rng.js';
import type { SamplerPlugin, SamplerTrial } from '../../../src/plugin-api/sampler.js';
import { allows, type Params, type SearchSpace } from '../../../src/plugin-api/space.js';

/** The space, with a grid for its floats and a constant that depends on a choice. */
const SPACE: SearchSpace = [
  { kind: 'choice', name: 'optimizer', values: ['sgd', 'adam'] },
  {
    kind: 'float',
    name: 'momentum',
    low: 0,
    high: 0.99,
    log: false,
    gridPoints: 3,
    when: { op: 'compare', comparison: '==', name: 'optimizer', value: 'sgd' },
  },
  {
    kind: 'float',
    name: 'beta1',
    low: 0.8,
    high: 0.999,
    log: false,
    gridPoints: 2,
    when: { op: 'compare', comparison: '==', name: 'optimizer', value: 'adam' },
  },
  { kind: 'int', name: 'layers', low: 1, high: 3, step: 1, log: false },
  {
    kind: 'int',
    name: 'units_3',
    low: 16,
    high: 256,
    step: 16,
    log: true,
    when: { op: 'compare', comparison: '>=', name: 'layers', value: 3 },
  },
  // depends on a conditional parameter: absent whenever units_3 is
  { kind: 'const', name: 'wide', value: true, when: { op: 'compare', comparison: '>', name: 'units_3', value: 100 } },
];

/** Present exactly when active, in declaration order, each value allowed. */
function expectValid(params: Params): void {
  const present: string[] = [];
  for (const parameter of SPACE) {
    if (parameterIsActive(parameter, params)) {
      present.push(parameter.name);
      expect(allows(parameter, params[parameter.name]), `${parameter.name}=${String(params[parameter.name])}`).toBe(true);
    }
  }
  expect(Object.keys(params)).toEqual(present);
}

function suggestions(plugin: SamplerPlugin, count: number, seed = 3): Params[] {
  const sampler = plugin.create({}, { space: SPACE, goal: 'minimize', seed });
  const history: SamplerTrial[] = [];
  for (let id = 0; id < count; id++) {
    const params = sampler.suggest({ trialId: id, rng: Rng.derive('trial', seed, id), history });
    if (!params) break;
    history.push({ id, params, state: 'completed', objective: id, lastStep: null });
  }
  return history.map((t) => t.params);
}

describe.each([
  ['random', randomSampler],
  ['sobol', sobolSampler],
])('%s sampler on a conditional space', (_, plugin) => {
  it('gives active parameters only, each inside its range, and both branches', () => {
    const all = suggestions(plugin, 64);
    for (const params of all) expectValid(params);
    expect(all.some((p) => 'momentum' in p)).toBe(true);
    expect(all.some((p) => 'beta1' in p)).toBe(true);
    expect(all.some((p) => 'units_3' in p)).toBe(true);
    expect(all.some((p) => 'wide' in p)).toBe(true);
    expect(all.some((p) => !('units_3' in p))).toBe(true);
  });
});

describe('sobol sampler on a conditional space', () => {
  it('keeps each parameter on its own dimension whether or not the ones before it are active', () => {
    // layers is dimension 3 in the conditional space; with no conditions at all it gets the same values
    const plain = SPACE.map(({ when: _, ...parameter }) => parameter) as SearchSpace;
    const sampler = sobolSampler.create({}, { space: plain, goal: 'minimize', seed: 3 });
    const unconditional = Array.from({ length: 16 }, (_, id) => sampler.suggest({ trialId: id, rng: new Rng(id), history: [] })!);
    expect(suggestions(sobolSampler, 16).map((p) => p.layers)).toEqual(unconditional.map((p) => p.layers));
  });
});

describe('grid sampler on a conditional space', () => {
  it('enumerates only valid combinations: an absent parameter does not multiply the grid', () => {
    const sampler = gridSampler.create({}, { space: SPACE, goal: 'minimize', seed: 1 });
    // sgd: 3 momenta × (layers 1, 2: 1 each + layers 3: 16 units_3 values) ; adam: 2 beta1 × the same
    const perOptimizerBranch = 1 + 1 + 16;
    expect(sampler.size!()).toBe((3 + 2) * perOptimizerBranch);
    const all = suggestions(gridSampler, 1000);
    expect(all).toHaveLength((3 + 2) * perOptimizerBranch);
    for (const params of all) expectValid(params);
    expect(new Set(all.map((p) => JSON.stringify(p))).size).toBe(all.length);
    expect(all[0]).toEqual({ optimizer: 'sgd', momentum: 0, layers: 1 });
    expect(all.filter((p) => p.wide === true).length).toBe(5 * 16 - 5 * 6);
  });

  it('counts a hand-added trial that equals a valid point as taking it', () => {
    const sampler = gridSampler.create({}, { space: SPACE, goal: 'minimize', seed: 1 });
    const history: SamplerTrial[] = [
      { id: 0, params: { optimizer: 'sgd', momentum: 0, layers: 1 }, state: 'completed', objective: 1, lastStep: null },
    ];
    expect(sampler.suggest({ trialId: 1, rng: new Rng(1), history })).toEqual({ optimizer: 'sgd', momentum: 0, layers: 2 });
  });
});
