import { describe, expect, it } from 'vitest';
import {
  type AcrossRunsRequest,
  type AcrossRunsSettings,
  decideAcrossRuns,
  type OtherTrialRuns,
  runWord,
} from '../../../src/engine/pruning/across-runs.js';

const FIVE_FOLDS = { folds: 5, repeats: 1 };
const NO_GATES: AcrossRunsSettings = { nStartupTrials: 1, nMinTrials: 1 };

/** Completed trials whose every fold scored `score`. */
const completedAt = (...scores: number[]): OtherTrialRuns[] => scores.map((score) => ({ values: Array(5).fill(score), completed: true }));

function decide(overrides: Partial<AcrossRunsRequest>) {
  return decideAcrossRuns({
    goal: 'maximize',
    layout: FIVE_FOLDS,
    values: [0.9, 0.9],
    others: completedAt(0.8, 0.9, 0.95),
    settings: NO_GATES,
    ...overrides,
  });
}

describe('decideAcrossRuns', () => {
  it('maximize: prunes a mean strictly below the median of the others’ first-j means, naming the folds', () => {
    const others = [...completedAt(0.95, 0.93, 0.92), { values: [0.93, 0.933], completed: false }];
    // first-2 means: 0.95, 0.93, 0.92, 0.9315 → median (0.93 + 0.9315) / 2 = 0.93075
    const pruned = decide({ values: [0.9, 0.904], others });
    expect(pruned.action).toBe('prune');
    expect(pruned.reason).toBe("pruned after fold 2/5: mean 0.902 < median 0.93075 of 4 trials' first 2 folds");
    expect(pruned.threshold).toBeCloseTo(0.93075, 12);
    expect(decide({ values: [0.94, 0.93], others }).action).toBe('continue');
    // equal to the median is not worse
    expect(decide({ values: [0.9, 0.95], others: completedAt(0.8, 0.925, 0.95) }).action).toBe('continue');
  });

  it('minimize: prunes a mean strictly above the median, and says so with >', () => {
    const others = completedAt(0.2, 0.3, 0.4);
    const pruned = decide({ goal: 'minimize', values: [0.5], others });
    expect(pruned).toEqual({
      action: 'prune',
      reason: "pruned after fold 1/5: mean 0.5 > median 0.3 of 3 trials' first fold",
      threshold: 0.3,
    });
    expect(decide({ goal: 'minimize', values: [0.25], others }).action).toBe('continue');
    expect(decide({ goal: 'minimize', values: [0.3], others }).action).toBe('continue');
  });

  it('compares first-j means: the later runs of the others do not count', () => {
    // others' first fold 0.5, later folds 1.0: by their first fold alone a 0.6 is better
    const others: OtherTrialRuns[] = [0, 1, 2].map(() => ({ values: [0.5, 1, 1, 1, 1], completed: true }));
    expect(decide({ values: [0.6], others }).action).toBe('continue');
    expect(decide({ values: [0.6, 0.6], others }).action).toBe('prune');
  });

  it('leaves out of the median the trials with fewer runs, and counts pruned ones that reached j', () => {
    const others: OtherTrialRuns[] = [
      ...completedAt(0.9),
      { values: [0.1], completed: false }, // pruned after fold 1: not in a first-2 median
      { values: [0.5, 0.5, 0.5], completed: false }, // pruned after fold 3: in it
    ];
    // median of 0.9 and 0.5
    const decision = decide({ values: [0.75, 0.75], others });
    expect(decision.action).toBe('continue');
    expect(decision.threshold).toBeCloseTo(0.7, 12);
    expect(decide({ values: [0.1, 0.1], others, settings: { nStartupTrials: 1, nMinTrials: 3 } }).action).toBe('continue');
    expect(decide({ values: [0.6, 0.6], others: [...others, ...completedAt(0.9)] }).reason).toBe(
      "pruned after fold 2/5: mean 0.6 < median 0.9 of 3 trials' first 2 folds",
    );
  });

  it('n_startup_trials: no pruning until that many trials have completed every run', () => {
    const running: OtherTrialRuns[] = [0, 1, 2, 3].map(() => ({ values: [0.99, 0.99, 0.99], completed: false }));
    const settings = { nStartupTrials: 2, nMinTrials: 1 };
    expect(decide({ values: [0.1], others: running, settings }).action).toBe('continue');
    expect(decide({ values: [0.1], others: [...running, ...completedAt(0.99)], settings }).action).toBe('continue');
    expect(decide({ values: [0.1], others: [...running, ...completedAt(0.99, 0.99)], settings }).action).toBe('prune');
    // as in Optuna, none completed never prunes, even with n_startup_trials 0
    expect(decide({ values: [0.1], others: running, settings: { nStartupTrials: 0, nMinTrials: 1 } }).action).toBe('continue');
  });

  it('n_min_trials: no pruning unless that many other trials reached as many runs; NaN means count', () => {
    const settings = { nStartupTrials: 1, nMinTrials: 3 };
    const others: OtherTrialRuns[] = [...completedAt(0.9), { values: [0.9], completed: false }, { values: [0.9, 0.9], completed: false }];
    expect(decide({ values: [0.5, 0.5], others, settings }).action).toBe('continue');
    expect(decide({ values: [0.5], others, settings }).action).toBe('prune');
    const withNan = [...others, { values: [Number.NaN, 0.9], completed: false }];
    const decision = decide({ values: [0.5, 0.5], others: withNan, settings });
    expect(decision.action).toBe('prune');
    expect(decision.reason).toBe("pruned after fold 2/5: mean 0.5 < median 0.9 of 2 trials' first 2 folds");
  });

  it('prunes a trial whose mean is NaN once past the startup gate, whatever the others', () => {
    const reason = 'pruned after fold 3/5: the mean of its first 3 folds is nan';
    expect(decide({ values: [0.99, Number.NaN, 0.99], others: completedAt(0.1), settings: { nStartupTrials: 1, nMinTrials: 50 } })).toEqual(
      {
        action: 'prune',
        reason,
        threshold: undefined,
      },
    );
    expect(decide({ goal: 'minimize', values: [0.1, Number.NaN, 0.1], others: completedAt(0.9) }).reason).toBe(reason);
    expect(decide({ values: [Number.NaN], others: [], settings: NO_GATES }).action).toBe('continue');
  });

  it('keeps going when every other mean is NaN: no median to compare with', () => {
    const others: OtherTrialRuns[] = [{ values: [Number.NaN, 1, 1, 1, 1], completed: true }];
    expect(decide({ values: [0.1], others })).toEqual({ action: 'continue', reason: null });
  });

  it('never prunes after the last run, nor before the first', () => {
    const others = completedAt(0.99, 0.99, 0.99);
    expect(decide({ values: [0.1, 0.1, 0.1, 0.1], others }).action).toBe('prune');
    expect(decide({ values: [0.1, 0.1, 0.1, 0.1, 0.1], others }).action).toBe('continue');
    expect(decide({ values: [0.1, 0.1, Number.NaN, 0.1, 0.1], others }).action).toBe('continue');
    expect(decide({ values: [], others }).action).toBe('continue');
    expect(() => decide({ values: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1], others })).toThrow('6 run values given for a trial of 5 runs');
  });

  it('names the runs by what the sweep varies: fold, repeat or run', () => {
    expect(runWord({ folds: 5, repeats: 1 })).toBe('fold');
    expect(runWord({ folds: 1, repeats: 3 })).toBe('repeat');
    expect(runWord({ folds: 5, repeats: 3 })).toBe('run');
    const repeats = { folds: 1, repeats: 3 };
    const threeRuns = (score: number): OtherTrialRuns => ({ values: [score, score, score], completed: true });
    expect(decide({ layout: repeats, values: [0.1, 0.1], others: [threeRuns(0.9)] }).reason).toBe(
      "pruned after repeat 2/3: mean 0.1 < median 0.9 of 1 trial's first 2 repeats",
    );
    const both = { folds: 2, repeats: 2 };
    const fourRuns: OtherTrialRuns = { values: [0.9, 0.9, 0.9, 0.9], completed: true };
    expect(decide({ layout: both, values: [0.1], others: [fourRuns, fourRuns] }).reason).toBe(
      "pruned after run 1/4: mean 0.1 < median 0.9 of 2 trials' first run",
    );
  });
});
