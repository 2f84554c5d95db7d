import { describe, expect, it } from 'vitest';
import { relativeGroups } from '../../../../plugins/samplers/tpe/relative-groups.js';
import type { SamplerTrial } from '../../../../src/plugin-api/sampler.js';
import type { Params } from '../../../../src/plugin-api/space.js';

const NAMES = ['optimizer', 'momentum', 'beta1', 'beta2', 'layers', 'units_3'];
const trial = (id: number, params: Params): SamplerTrial => ({ id, params, state: 'completed', objective: id, lastStep: null });
const FINISHED = [
  trial(0, { optimizer: 'sgd', momentum: 0.9, layers: 1 }),
  trial(1, { optimizer: 'adam', beta1: 0.9, beta2: 0.99, layers: 3, units_3: 64 }),
  trial(2, { optimizer: 'sgd', momentum: 0.5, layers: 3, units_3: 32 }),
];
const named = (groups: number[][]) => groups.map((group) => group.map((i) => NAMES[i]));
const sorted = (groups: string[][]) => groups.map((group) => [...group].sort()).sort((a, b) => a.join().localeCompare(b.join()));

describe('which parameters tpe models jointly', () => {
  it('models each parameter alone without multivariate', () => {
    expect(relativeGroups(NAMES, FINISHED, { multivariate: false, group: false })).toEqual(NAMES.map((_, i) => [i]));
  });

  it('with multivariate, models jointly the parameters every finished trial holds, the others alone', () => {
    expect(named(relativeGroups(NAMES, FINISHED, { multivariate: true, group: false }))).toEqual([
      ['optimizer', 'layers'],
      ['momentum'],
      ['beta1'],
      ['beta2'],
      ['units_3'],
    ]);
  });

  it('with group, models jointly the parameters that the same finished trials hold, as Optuna decomposes them', () => {
    // Optuna 3.1's _SearchSpaceGroup after these three trials: {optimizer, layers}, {momentum},
    // {beta1, beta2}, {units_3}.
    expect(sorted(named(relativeGroups(NAMES, FINISHED, { multivariate: true, group: true })))).toEqual(
      sorted([['optimizer', 'layers'], ['momentum'], ['beta1', 'beta2'], ['units_3']]),
    );
  });

  it('leaves a parameter no finished trial holds alone, and every parameter alone before any trial finished', () => {
    const withNew = [...NAMES, 'dropout'];
    expect(relativeGroups(withNew, FINISHED, { multivariate: true, group: true })).toContainEqual([withNew.indexOf('dropout')]);
    for (const group of [false, true]) {
      expect(relativeGroups(NAMES, [], { multivariate: true, group })).toEqual(NAMES.map((_, i) => [i]));
    }
  });

  it('puts every parameter in exactly one group', () => {
    for (const mode of [
      { multivariate: true, group: false },
      { multivariate: true, group: true },
    ]) {
      const indices = relativeGroups(NAMES, FINISHED, mode).flat();
      expect([...indices].sort()).toEqual(NAMES.map((_, i) => i));
    }
  });
});
