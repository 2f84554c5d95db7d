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

describe('folds and repeats in the sweep file', () => {
  it('reads folds, repeats and runs_parallel, and renders {fold} and {repeat} per run', () => {
    const { config, command } = load(
      sweep('python t.py --lr {lr} --fold {fold} --seed {repeat}', 'folds: 5\nrepeats: 3\nruns_parallel: 2'),
    );
    expect(config).toMatchObject({ folds: 5, repeats: 3, runsParallel: 2, runsFromEnv: false });
    const vars = { params: { lr: 0.15 }, trialId: 0, attempt: 0, trialDir: '/d', sweepDir: '/s', sweepName: 's', paramsFile: '/p' };
    expect(renderCommand(command, { ...vars, fold: 4, repeat: 2 })).toEqual([
      'python',
      't.py',
      '--lr',
      '0.15',
      '--fold',
      '4',
      '--seed',
      '2',
    ]);
  });

  it('defaults to one run per trial', () => {
    expect(load(sweep('python t.py --lr {lr}', '')).config).toMatchObject({ folds: null, repeats: null, runsParallel: 1 });
  });

  it('refuses folds with a command that never says which fold, naming the field and the way out', () => {
    expect(() => load(sweep('python t.py --lr {lr}', 'folds: 5'))).toThrow(
      /sweep\.yaml:6:\d+: folds: the command has no \{fold\}: its 5 runs would all be the same; pass it \(e\.g\. --fold \{fold\}\), or set runs_from_env: true if the script reads SWEEPTOP_FOLD/,
    );
    expect(() => load(sweep('python t.py --lr {lr} --fold {fold}', 'folds: 5\nrepeats: 2'))).toThrow(
      /repeats: the command has no \{repeat\}/,
    );
  });

  it('accepts a command without {fold} when the script reads SWEEPTOP_FOLD', () => {
    expect(load(sweep('python t.py --lr {lr}', 'folds: 5\nruns_from_env: true')).config.folds).toBe(5);
  });

  it('refuses {fold} in a sweep without folds', () => {
    expect(() => load(sweep('python t.py --lr {lr} --fold {fold}', ''))).toThrow(/command: \{fold\} needs folds: N in the sweep file/);
  });

  it('refuses a parameter named like a run placeholder', () => {
    const text = `command: python t.py --fold {fold}\nparameters:\n  fold: {type: int, low: 0, high: 3}\ntrials: 2\nmetric: acc\nfolds: 3\n`;
    expect(() => load(text)).toThrow(/parameters\.fold: a parameter cannot be named fold in a sweep with folds/);
  });
});

describe('runs_pruning in the sweep file', () => {
  const folds = (extra: string) => load(sweep('python t.py --lr {lr} --fold {fold}', `folds: 5\n${extra}`)).config.runsPruning;

  it('is on with the defaults when a pruner is set, off without one unless asked for', () => {
    const defaults = { nStartupTrials: 5, nMinTrials: 5 };
    expect(folds('pruner: median')).toEqual(defaults);
    expect(folds('')).toBeNull();
    expect(folds('runs_pruning: true')).toEqual(defaults);
    expect(folds('pruner: median\nruns_pruning: false')).toBeNull();
    expect(folds('runs_pruning: {n_startup_trials: 2}')).toEqual({ nStartupTrials: 2, nMinTrials: 5 });
    expect(folds('runs_pruning: {n_startup_trials: 0, n_min_trials: 3}')).toEqual({ nStartupTrials: 0, nMinTrials: 3 });
  });

  it('refuses bad values in one line naming the field and what it expects', () => {
    expect(() => folds('runs_pruning: yes please')).toThrow(
      /^sweep\.yaml:7:\d+: runs_pruning: expected true, false or \{n_startup_trials, n_min_trials\}, got "yes please"$/,
    );
    expect(() => folds('runs_pruning: {n_min_trials: 0}')).toThrow(
      /^sweep\.yaml:7:\d+: runs_pruning\.n_min_trials: expected an integer ≥ 1, got 0$/,
    );
    expect(() => folds('runs_pruning: {n_startup: 3}')).toThrow(/^sweep\.yaml:7:\d+: runs_pruning\.n_startup: unknown field 'n_startup'/);
  });
});

describe('run settings in a sweep without folds or repeats', () => {
  const plain = (extra: string) => load(sweep('python t.py --lr {lr}', extra));

  it('refuses a setting that would act on runs, naming the file, line, field and what it needs', () => {
    expect(() => plain('runs_pruning: true')).toThrow(
      /^sweep\.yaml:6:\d+: runs_pruning: a trial has no runs to prune across without folds or repeats; add folds: N or repeats: N, or remove runs_pruning$/,
    );
    expect(() => plain('runs_pruning: {n_startup_trials: 2}')).toThrow(/^sweep\.yaml:6:\d+: runs_pruning: a trial has no runs/);
    expect(() => plain('runs_parallel: 2')).toThrow(
      /^sweep\.yaml:6:\d+: runs_parallel: a trial has no runs to run side by side without folds or repeats; add folds: N or repeats: N, or remove runs_parallel$/,
    );
    expect(() => plain('runs_from_env: true')).toThrow(
      /^sweep\.yaml:6:\d+: runs_from_env: a trial has no runs to read a fold or repeat for without folds or repeats; add folds: N or repeats: N, or remove runs_from_env$/,
    );
  });

  it('accepts the values that ask for nothing, as a sweep without runs behaves anyway', () => {
    expect(plain('runs_pruning: false\nruns_parallel: 1\nruns_from_env: false').config).toMatchObject({ folds: null, runsParallel: 1 });
    // a pruner alone leaves pruning across runs implied, not asked for
    expect(plain('pruner: median').config.folds).toBeNull();
  });
});
