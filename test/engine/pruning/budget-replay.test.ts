import { describe, expect, it } from 'vitest';
import { createPruner } from '../../../plugins/registry.js';
import { replayBudget } from '../../../src/engine/pruning/budget-replay.js';
import type { ReplayCurve, ReplayRun } from '../../../src/engine/pruning/replay.js';

const LEVELS = [1 / 3, 1];
const KEYS = ['budget 0.333', 'budget 1'];
const options = { metricName: 'accuracy', goal: 'maximize' as const, concurrency: 1 };

/** A level run of `values` (one report a step, 10 ms apart) that completed with its last value. */
const levelRun = (level: number, values: number[]): ReplayRun => ({
  key: KEYS[level],
  level,
  durationMs: 10 * values.length,
  points: values.map((value, step) => ({ step, value, context: KEYS[level], atMs: 10 * (step + 1) })),
  result: values.at(-1)!,
  endState: 'completed',
});

const trial = (id: number, startLevel: number, runs: ReplayRun[], endState: ReplayCurve['endState']): ReplayCurve => ({
  id: String(id),
  points: [],
  endState,
  runs,
  objective: runs.at(-1)!.result,
  ladder: { bracket: startLevel === 0 ? 0 : 1, startLevel },
});

describe('replay of a budget sweep', () => {
  // Hyperband over 2 levels with η 3: trials 0-2 start at level 0 (top 1 goes on), 3-4 at level 1.
  const curves = [
    trial(0, 0, [levelRun(0, [0.5, 0.6]), levelRun(1, [0.9, 0.95])], 'completed'),
    trial(1, 0, [levelRun(0, [0.4, 0.45])], 'pruned'),
    trial(2, 0, [levelRun(0, [0.3, 0.35])], 'pruned'),
    trial(3, 1, [levelRun(1, [0.7, 0.8])], 'completed'),
    trial(4, 1, [levelRun(1, [0.96, 0.97])], 'completed'),
  ];
  const run = (spec: { type: string } & Record<string, unknown>) =>
    replayBudget(curves, createPruner(spec, options), options, { levels: LEVELS, reductionFactor: 3, schedule: 'hyperband' });

  it('judges a run in a trial against the same budget level of the others, whatever its run index', () => {
    const { trials } = run({ type: 'median', n_startup_trials: 1, n_warmup_steps: 0 });
    // trial 3's first run is level 1: 0.7 is below trial 0's 0.9 at budget 1 (above its 0.5 at budget 0.333)
    expect(trials[3]).toMatchObject({ pruned: true, prunedAtStep: 0, level: 1, budget: 1, prunedAtRun: 0 });
    expect(trials[3].reason).toMatch(/^budget 1 pruned at step 0: /);
    expect(trials[4]).toMatchObject({ pruned: false, level: 1, reason: null });
  });

  it('decides each rung by the live rules, saying why a trial was not promoted, and counts the budget spent', () => {
    const { trials, summary } = run({ type: 'none' });
    expect(trials.map((t) => [t.pruned, t.level, t.reason])).toEqual([
      [false, 1, null],
      [true, 0, 'not promoted at budget 0.333: 0.45 not in top 1 of 3 (cutoff 0.6)'],
      [true, 0, 'not promoted at budget 0.333: 0.35 not in top 1 of 3 (cutoff 0.6)'],
      [false, 1, null],
      [false, 1, null],
    ]);
    expect(summary).toMatchObject({ budgetRun: 1 + 3, budgetRecorded: 1 + 3, budgetSavedFraction: 0, promotionsWithoutRecord: 0 });
    expect(summary).toMatchObject({ bestOverall: '4', bestKept: '4', bestSurvived: true });
  });

  it('keeps the best 1/η of a level under asha and says, without a score, when the level it would go on to was never run', () => {
    const asha = curves.slice(0, 3).map((c) => ({ ...c, ladder: { bracket: null, startLevel: 0 } }));
    const { trials, summary } = replayBudget(asha, createPruner({ type: 'none' }, options), options, {
      levels: LEVELS,
      reductionFactor: 2,
      schedule: 'asha',
    });
    // η 2 after three at level 0: the best one (trial 0) goes on as recorded; floor(3/2) = 1, so
    // no other. With three more completed it would be two: shown by a record of four below.
    expect(trials.map((t) => [t.level, t.noRecord])).toEqual([
      [1, null],
      [0, null],
      [0, null],
    ]);
    const four = [...asha, { ...asha[1], id: '3', runs: [levelRun(0, [0.55])] }];
    const wider = replayBudget(four, createPruner({ type: 'none' }, options), options, {
      levels: LEVELS,
      reductionFactor: 2,
      schedule: 'asha',
    });
    expect(wider.trials[3]).toMatchObject({ pruned: false, level: 0, noRecord: { level: 1, budget: 1 }, reason: null });
    expect(wider.summary).toMatchObject({ promotionsWithoutRecord: 1, budgetRun: 4 / 3 + 1, budgetRecorded: 4 / 3 + 1 });
    expect(summary.promotionsWithoutRecord).toBe(0);
  });
});
