import { describe, expect, it } from 'vitest';
import { cleanSelection, topTrials, type RankedTrial } from '../../../src/engine/clean/clean-selection.js';

const trial = (id: number, state: RankedTrial['state'], ...values: Array<number | null>): RankedTrial =>
  values.length > 1 ? { id, state, objective: values[0], objectives: values } : { id, state, objective: values[0] ?? null };

describe('which trials clean chooses', () => {
  const trials = [
    trial(0, 'completed', 0.5),
    trial(1, 'completed', 0.2),
    trial(2, 'pruned', 0.9),
    trial(3, 'completed', 0.2),
    trial(4, 'failed', null),
    trial(5, 'running', 0.1),
    trial(6, 'killed', 0.3),
    trial(7, 'queued'),
  ];

  it('--pruned: the pruned trials only; failed and killed ones keep their logs', () => {
    const { chosen, top } = cleanSelection(trials, ['minimize'], { pruned: true, keepTop: null });
    expect([...chosen]).toEqual([[2, 'pruned']]);
    expect(top).toEqual([]);
  });

  it('--keep-top K: every finished trial but the best K completed ones (ties: the lower id, as best); running and queued ones never', () => {
    const { chosen, top } = cleanSelection(trials, ['minimize'], { pruned: false, keepTop: 2 });
    expect(top).toEqual([1, 3]);
    expect([...chosen.keys()]).toEqual([0, 2, 4, 6]);
    expect(chosen.get(2)).toBe('outside the top');
    expect(topTrials(trials, ['maximize'], 1)).toEqual([0]);
  });

  it('both: a pruned trial is said to be cleaned as pruned', () => {
    const { chosen } = cleanSelection(trials, ['minimize'], { pruned: true, keepTop: 3 });
    expect([...chosen]).toEqual([
      [2, 'pruned'],
      [4, 'outside the top'],
      [6, 'outside the top'],
    ]);
  });

  it('leaves out a completed trial without an objective value, or with NaN, from the top', () => {
    expect(topTrials([trial(0, 'completed', null), trial(1, 'completed', Number.NaN), trial(2, 'completed', 3)], ['minimize'], 2)).toEqual([
      2,
    ]);
  });

  it('several objectives: whole fronts until K are kept, the front always whole', () => {
    // minimise both: 0, 1, 2 are the front; 3 is dominated by 1 only (rank 1); 4 by 3 (rank 2)
    const several = [
      trial(0, 'completed', 1, 5),
      trial(1, 'completed', 2, 2),
      trial(2, 'completed', 5, 1),
      trial(3, 'completed', 3, 3),
      trial(4, 'completed', 4, 4),
      trial(5, 'pruned', 0, 0),
    ];
    const goals = ['minimize', 'minimize'] as const;
    expect(topTrials(several, goals, 1)).toEqual([0, 1, 2]);
    expect(topTrials(several, goals, 3)).toEqual([0, 1, 2]);
    expect(topTrials(several, goals, 4)).toEqual([0, 1, 2, 3]);
    expect(topTrials(several, goals, 10)).toEqual([0, 1, 2, 3, 4]);
    expect([...cleanSelection(several, goals, { pruned: false, keepTop: 2 }).chosen.keys()]).toEqual([3, 4, 5]);
  });
});
