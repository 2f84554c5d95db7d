/**
 * The contract users run on their own samplers (src/testing/sampler-contract.ts), run on every
 * built-in sampler.
 */
import { describe, expect, it } from 'vitest';
import { samplerPlugins } from '../../plugins/samplers/index.js';
import { describeSamplerContract } from '../../src/testing/sampler-contract.js';

for (const plugin of samplerPlugins) describeSamplerContract(plugin);

describe('sampler registry', () => {
  it('has the four built-in samplers under distinct names, each with a description', () => {
    const names = samplerPlugins.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['random', 'grid', 'tpe', 'sobol']));
    expect(new Set(names).size).toBe(names.length);
    for (const plugin of samplerPlugins) expect([plugin.name, Boolean(plugin.description)]).toEqual([plugin.name, true]);
  });
});
