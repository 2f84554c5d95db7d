import { describe, expect, it } from 'vitest';
import { createPruner } from '../../../plugins/registry.js';
import { replay, studyIds, type ReplayCurve } from '../../../src/engine/pruning/replay.js';

const curve = (id: string, values: number[], endState: ReplayCurve['endState'] = 'completed'): ReplayCurve => ({
  id,
  points: values.map((value, step) => ({ step, value })),
  endState,
});

const MEDIAN_1 = { type: 'median', n_startup_trials: 1 };
const options = (concurrency: number) => ({ metricName: 'val_loss', goal: 'minimize' as const, concurrency });
const run = (curves: ReplayCurve[], concurrency: number, spec: Record<string, unknown> & { type: string } = MEDIAN_1) =>
  replay(curves, createPruner(spec, options(concurrency)), options(concurrency));

describe('replay', () => {
  // t0 reports at times 1, 2 and ends at 2 → completed from time 3; its slot starts t2 at 2.
  // t1 reports at 1, 2, 3: at time 2 t0 is not completed yet (step 1 would be pruned against
  // t0's 1); at time 3 t0 has no step 2 to compare with. t2 reports at 3: t0 is completed
  // (median 1 at step 0) → 2 > 1 prunes. Had t2 started a time later, t1 would have completed
  // too and the median at step 0 would be 3.
  const CURVES = [curve('t0', [1, 1]), curve('t1', [5, 5, 5]), curve('t2', [2, 2])];

  it('runs N trials at once with the documented time model (hand-checked)', () => {
    const { trials, summary } = run(CURVES, 2);
    expect(trials).toEqual([
      { id: 't0', pruned: false, prunedAtStep: null, stepsRun: 2, reason: null },
      { id: 't1', pruned: false, prunedAtStep: null, stepsRun: 3, reason: null },
      {
        id: 't2',
        pruned: true,
        prunedAtStep: 0,
        stepsRun: 1,
        reason: 'pruned at step 0: best val_loss 2 > median 1 of 1 completed trials at step 0',
      },
    ]);
    expect(summary).toEqual({
      stepsRun: 6,
      stepsFull: 7,
      savedFraction: 1 - 6 / 7,
      bestKept: 't0',
      bestOverall: 't0',
      bestSurvived: true,
    });
  });

  it('is strictly sequential with concurrency 1', () => {
    // t1 now starts after t0 completed: pruned at step 0 (5 > 1); so is t2 (2 > 1).
    const { trials } = run(CURVES, 1);
    expect(trials.map((t) => [t.id, t.prunedAtStep, t.stepsRun])).toEqual([
      ['t0', null, 2],
      ['t1', 0, 1],
      ['t2', 0, 1],
    ]);
  });

  it('is deterministic', () => {
    const curves = Array.from({ length: 30 }, (_, i) =>
      curve(
        String(i),
        Array.from({ length: 20 }, (_, step) => ((i * 7919) % 13) / 13 + 1 / (step + 1)),
      ),
    );
    for (const spec of [{ type: 'asha', min_resource: 1 }, { type: 'hyperband', max_resource: 20 }, MEDIAN_1]) {
      expect(run(curves, 3, spec)).toEqual(run(curves, 3, spec));
    }
  });

  it('lets a trial without reports end at once, and counts only completed trials for "best"', () => {
    const curves = [curve('empty', []), curve('a', [3]), curve('cut', [0.1], 'failed'), curve('b', [NaN])];
    const { trials, summary } = run(curves, 1);
    expect(trials.map((t) => t.stepsRun)).toEqual([0, 1, 1, 1]);
    // 'empty' is completed but has no value; 'cut' failed; 'b' ends on NaN: only 'a' qualifies.
    expect(summary.bestOverall).toBe('a');
    expect(summary.stepsFull).toBe(3);
  });

  it('reports the best trial lost to pruning', () => {
    // The slow starter 'late' ends best but is pruned at step 0 against 'early'.
    const { summary } = run([curve('early', [1, 0.9, 0.8]), curve('late', [2, 0.5, 0.1])], 1);
    expect(summary).toMatchObject({ bestOverall: 'late', bestKept: 'early', bestSurvived: false });
  });

  it('keeps distinct integer ids for the study (hyperband brackets) and numbers anything else', () => {
    expect(studyIds([curve('7', []), curve('3', [])])).toEqual([7, 3]);
    expect(studyIds([curve('a', []), curve('3', [])])).toEqual([0, 1]);
    expect(studyIds([curve('3', []), curve('03', [])])).toEqual([0, 1]);
  });
});
