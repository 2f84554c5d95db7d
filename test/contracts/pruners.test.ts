/**
 * The contract users run on their own pruners (src/testing/pruner-contract.ts), run on every
 * built-in pruner with its warm-up and the number of trials it needs to compare with.
 */
import { describe, expect, it } from 'vitest';
import { prunerPlugins } from '../../plugins/pruners/index.js';
import { describePrunerContract, type PrunerContractOptions } from '../../src/testing/pruner-contract.js';

const CASES: Record<string, PrunerContractOptions> = {
  none: { neverPrunes: true },
  median: { options: { n_startup_trials: 4, n_warmup_steps: 3 }, inWarmup: (step) => step < 3, minOtherTrials: 4 },
  percentile: {
    options: { percentile: 25, n_startup_trials: 4, n_warmup_steps: 3, interval_steps: 2 },
    inWarmup: (step) => step < 3,
    minOtherTrials: 4,
  },
  asha: { options: { min_resource: 3, reduction_factor: 2 }, inWarmup: (step) => step < 3, minOtherTrials: 1 },
  hyperband: { options: { min_resource: 2, max_resource: 12, reduction_factor: 2 }, inWarmup: (step) => step < 2, minOtherTrials: 1 },
  threshold: { options: { lower: 0, upper: 1, n_warmup_steps: 3 }, inWarmup: (step) => step < 3 },
  patient: { options: { patience: 2 }, inWarmup: (_, index) => index < 3 },
  median_stopping: { options: { grace_period: 3 }, inWarmup: (step) => step < 3, minOtherTrials: 3 },
};

describe('built-in pruners', () => {
  it('each has a contract case and a description, and declares its options (so unknown ones are refused)', () => {
    expect(prunerPlugins.map((plugin) => plugin.name).sort()).toEqual(Object.keys(CASES).sort());
    for (const plugin of prunerPlugins)
      expect([plugin.name, Boolean(plugin.description), Boolean(plugin.options)]).toEqual([plugin.name, true, true]);
  });
});

for (const plugin of prunerPlugins) describePrunerContract(plugin, CASES[plugin.name]);
