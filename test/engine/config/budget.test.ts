import { describe, expect, it } from 'vitest';
import { parseSweepText } from '../../../src/engine/config/load.js';
import { renderCommand } from '../../../src/engine/template/command.js';

const load = (text: string) => parseSweepText('sweep.yaml', '/work/x/sweep.yaml', text);
const sweep = (command: string, extra: string) => `command: ${command}
parameters:
  lr: {type: uniform, low: 0.1, high: 0.2}
trials: 2
metric: acc
${extra}`;
const WITH_BUDGET = 'python t.py --lr {lr} --subsample {budget}';

describe('budget in the sweep file', () => {
  it('reads the budget with its defaults and levels, and renders {budget}', () => {
    const { config, command } = load(sweep(WITH_BUDGET, 'budget: {min: 0.1, max: 1.0}'));
    expect(config.budget).toMatchObject({ min: 0.1, max: 1, reductionFactor: 3, schedule: 'asha', integer: false });
    expect(config.budget?.levels).toHaveLength(3);
    const vars = { params: { lr: 0.15 }, trialId: 0, attempt: 0, trialDir: '/d', sweepDir: '/s', sweepName: 's', paramsFile: '/p' };
    expect(renderCommand(command, { ...vars, budget: 1 / 3 }).slice(-2)).toEqual(['--subsample', String(1 / 3)]);
  });

  it('has whole-number budgets when min and max are integers', () => {
    const { config } = load(sweep(WITH_BUDGET, 'budget: {min: 1, max: 27, schedule: hyperband}'));
    expect(config.budget).toMatchObject({ integer: true, schedule: 'hyperband', levels: [1, 3, 9, 27] });
  });

  it('is absent by default', () => {
    expect(load(sweep('python t.py --lr {lr}', '')).config.budget).toBeNull();
  });

  it.each([
    ['budget: {min: 1, max: 1}', /sweep\.yaml:6:\d+: budget\.min: expected a budget below max \(1\), got 1/],
    ['budget: {min: 0, max: 1}', /sweep\.yaml:6:\d+: budget\.min: expected a number > 0, got 0/],
    ['budget: {min: 0.1, max: 1, reduction_factor: 1.5}', /budget\.reduction_factor: expected a number ≥ 2, got 1\.5/],
    ['budget: {min: 0.1, max: 1, schedule: bohb}', /budget\.schedule: expected asha or hyperband, got "bohb"/],
    ['budget: {max: 1}', /budget\.min: missing/],
    ['budget: {min: 0.1, max: 1}\nfolds: 3', /budget: budget cannot be combined with folds yet/],
    ['budget: {min: 0.1, max: 1}\nrepeats: 2', /budget: budget cannot be combined with repeats yet/],
    ['budget: {min: 0.1, max: 1}\nruns_parallel: 2', /sweep\.yaml:7:\d+: runs_parallel: a budget trial's levels run one after another/],
    ['budget: {min: 0.1, max: 1}\nruns_pruning: true', /runs_pruning: a budget trial's levels run one after another/],
  ])('refuses %j in one line naming the field', (extra, message) => {
    const command = extra.includes('folds')
      ? `${WITH_BUDGET} --fold {fold}`
      : extra.includes('repeats')
        ? `${WITH_BUDGET} --seed {repeat}`
        : WITH_BUDGET;
    expect(() => load(sweep(command, extra))).toThrow(message);
  });

  it('refuses a budget with a command that never says it, naming the way out', () => {
    expect(() => load(sweep('python t.py --lr {lr}', 'budget: {min: 0.1, max: 1}'))).toThrow(
      /sweep\.yaml:6:\d+: budget: the command has no \{budget\}: every level would run the same budget; pass it \(e\.g\. --budget \{budget\}\), or set runs_from_env: true if the script reads SWEEPTOP_BUDGET/,
    );
    expect(load(sweep('python t.py --lr {lr}', 'budget: {min: 0.1, max: 1}\nruns_from_env: true')).config.budget).not.toBeNull();
  });

  it('refuses {budget} in a sweep without a budget', () => {
    expect(() => load(sweep(WITH_BUDGET, ''))).toThrow(/command: \{budget\} needs budget: \{min, max\} in the sweep file/);
  });
});
