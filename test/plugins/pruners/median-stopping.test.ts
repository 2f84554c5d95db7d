import { describe, expect, it } from 'vitest';
import { createPruner } from '../../../plugins/registry.js';
import { medianOf } from '../../../plugins/pruners/median-stopping.js';
import { prunedAt, scenario } from './helpers.js';

// Others: A's running means are 4, 3, 2 at steps 0, 1, 2; B's 1, 1, 1; C's 5, 5, 5.
const OTHERS = [
  { id: 0, values: [4, 2, 0] },
  { id: 1, values: [1, 1, 1] },
  { id: 2, values: [5, 5, 5] },
];

describe('median_stopping pruner (Ray Tune’s rule)', () => {
  it('compares the best so far with the median of the other trials’ running means up to this step', () => {
    // step 1: means {3, 1, 5} → median 3; best 2.9 keeps. step 2: means {2, 1, 5} → 2; best 2.5 > 2.
    const decisions = scenario({ type: 'median_stopping' }, OTHERS).run(3, [3.5, 2.9, 2.5]);
    expect(decisions.map((d) => d.action)).toEqual(['continue', 'continue', 'prune']);
    expect(decisions[1].threshold).toBe(3);
    expect(decisions[2]).toEqual({
      action: 'prune',
      reason: 'pruned at step 2: best val_loss 2.5 > median 2 of the running means of 3 other trials (steps 0–2)',
      threshold: 2,
    });
  });

  it('starts the means at grace_period and does not decide before it', () => {
    // grace 1: step 0 (best 9) is not judged; step 1: means over step 1 are {2, 1, 5} → 2, best
    // 1.5 keeps; step 2: means over steps 1–2 are {1, 1, 5} → 1, best 1.2 prunes.
    const decisions = scenario({ type: 'median_stopping', grace_period: 1 }, OTHERS).run(3, [9, 1.5, 1.2]);
    expect(decisions.map((d) => d.action)).toEqual(['continue', 'continue', 'prune']);
    expect(decisions[1].threshold).toBe(2);
    expect(decisions[2].reason).toContain('best val_loss 1.2 > median 1 of the running means of 3 other trials (steps 1–2)');
  });

  it('counts only trials (of any state) that reported this far, and needs min_samples_required', () => {
    const shortOne = [...OTHERS.slice(0, 2), { id: 2, values: [5, 5], state: 'pruned' as const }];
    // At step 2 only A and B reached it: 2 < 3 samples → no decision there.
    expect(prunedAt(scenario({ type: 'median_stopping' }, shortOne).run(3, [1, 0.5, 9]))).toBeNull();
    expect(prunedAt(scenario({ type: 'median_stopping', min_samples_required: 2 }, shortOne).run(3, [1, 0.5, 9]))).toBeNull();
    // min 2: step 2 means {2, 1} → 1.5; best 0.5 keeps. A best of 1.6 would not:
    expect(prunedAt(scenario({ type: 'median_stopping', min_samples_required: 2 }, shortOne).run(3, [1.6, 1.6, 1.6]))).toBe(2);
  });

  it('averages the two middle means for an even count, and prunes an all-NaN trial', () => {
    expect(medianOf([5, 1, 3, 2])).toBe(2.5);
    const four = [...OTHERS, { id: 4, values: [2, 2, 2] }];
    // step 0 means {4, 1, 5, 2} → 3
    expect(scenario({ type: 'median_stopping' }, four).last(5, [3.1]).threshold).toBe(3);
    expect(scenario({ type: 'median_stopping' }, four).last(5, [NaN]).reason).toBe('pruned at step 0: every val_loss so far is nan');
  });

  it('works in the user’s direction when maximising', () => {
    const others = [0.4, 0.5, 0.6].map((v, id) => ({ id, values: [v] }));
    expect(scenario({ type: 'median_stopping' }, others, 'maximize').last(3, [0.45]).reason).toBe(
      'pruned at step 0: best val_acc 0.45 < median 0.5 of the running means of 3 other trials (steps 0–0)',
    );
  });

  it('validates its options', () => {
    const make = (options: Record<string, unknown>) =>
      createPruner({ type: 'median_stopping', ...options }, { metricName: 'loss', goal: 'minimize' });
    expect(() => make({ grace_period: -1 })).toThrow('grace_period: expected a number >= 0, got -1');
    expect(() => make({ min_samples_required: 0 })).toThrow('min_samples_required: expected an integer >= 1, got 0');
    expect(() => make({ hard_stop: false })).toThrow(/^hard_stop: unknown option/);
  });
});
