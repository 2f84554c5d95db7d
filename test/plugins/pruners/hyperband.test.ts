import { describe, expect, it } from 'vitest';
import { createPruner } from '../../../plugins/registry.js';
import { bracketLayout, bracketOf } from '../../../plugins/pruners/hyperband.js';
import { prunedAt, scenario } from './helpers.js';

describe('hyperband brackets', () => {
  it('computes Optuna’s bracket count and budgets', () => {
    // min 1, max 9, η 3: ⌊log₃ 9⌋ + 1 = 3 brackets; budget(b) = ⌈3 · 3^s / (s+1)⌉, s = 2, 1, 0.
    expect(bracketLayout(1, 9, 3)).toEqual({ budgets: [9, 5, 3], total: 17 });
    // min 1, max 81, η 3: 5 brackets: ⌈5·81/5⌉, ⌈5·27/4⌉, ⌈5·9/3⌉, ⌈5·3/2⌉, ⌈5/1⌉.
    expect(bracketLayout(1, 81, 3)).toEqual({ budgets: [81, 34, 15, 8, 5], total: 143 });
    // Exact powers count exactly (Optuna's float log gives 5 for 243 and 3 for 1000).
    expect(bracketLayout(1, 243, 3).budgets).toHaveLength(6);
    expect(bracketLayout(1, 1000, 10).budgets).toHaveLength(4);
    expect(bracketLayout(2, 17, 3).budgets).toHaveLength(2); // 2, 6 ≤ 17 < 18
  });

  it('assigns trials by crc32 of the id (or "<study_name>_<id>", Optuna’s key) mod the total budget', () => {
    const layout = bracketLayout(1, 9, 3);
    // crc32("0") % 17 = 5 → bracket 0 (< 9); crc32("9") % 17 = 10 → bracket 1 (10 − 9 < 5);
    // crc32("4") % 17 = 15 → bracket 2 (15 − 9 − 5 = 1 < 3).
    expect(bracketOf(layout, '0')).toBe(0);
    expect(bracketOf(layout, '9')).toBe(1);
    expect(bracketOf(layout, '4')).toBe(2);
    // crc32("mystudy_0") % 17 = 13 → bracket 1; crc32("mystudy_2") % 17 = 2 → bracket 0.
    expect(bracketOf(layout, 'mystudy_0')).toBe(1);
    expect(bracketOf(layout, 'mystudy_2')).toBe(0);
  });
});

describe('hyperband pruner', () => {
  // Brackets for min 1, max 9, η 3 (see above): 0 → {0, 1, 2, 3, 7, 10, 11}, 1 → {9}, 2 → {4, 5, 6, 8}.
  const SPEC = { type: 'hyperband', min_resource: 1, max_resource: 9, reduction_factor: 3 };
  const tens = (v: number) => Array.from({ length: 10 }, () => v);

  it('runs successive halving inside each bracket, trials competing only with their bracket', () => {
    const s = scenario(SPEC);
    expect(prunedAt(s.complete(0, tens(1)))).toBeNull();
    // Bracket 0 rungs at 1, 3, 9: trial 1 meets trial 0 at step 1.
    expect(s.last(1, tens(5)).reason).toBe(
      'pruned at step 1: hyperband bracket 0 rung 0 (step 1): val_loss 5 not in top 1 of 2 trials at this rung (cutoff 1)',
    );
    // Bracket 2's first rung is at 9; trial 4 is alone there (trial 0's 1 is in bracket 0).
    expect(prunedAt(s.complete(4, tens(5)))).toBeNull();
    const five = s.run(5, tens(6));
    expect(prunedAt(five)).toBe(9);
    expect(five[9]).toEqual({
      action: 'prune',
      reason: 'pruned at step 9: hyperband bracket 2 rung 0 (step 9): val_loss 6 not in top 1 of 2 trials at this rung (cutoff 5)',
      threshold: 5,
    });
  });

  it('uses study_name in the key when given', () => {
    // With study_name "mystudy", trial 2 is in bracket 0 and trial 0 in bracket 1 (first rung at 3).
    const s = scenario({ ...SPEC, study_name: 'mystudy' });
    s.complete(2, tens(1));
    expect(prunedAt(s.run(0, tens(5)))).toBeNull(); // alone in bracket 1
  });

  it('with max_resource auto, waits for a completed trial and uses its last step + 1', () => {
    const s = scenario({ type: 'hyperband', reduction_factor: 3 });
    expect(prunedAt(s.run(0, tens(1).slice(0, 9)))).toBeNull();
    s.study.setState(0, 'completed'); // last step 8 → max_resource 9 → the 3 brackets above
    expect(s.last(1, tens(5)).reason).toContain('hyperband bracket 0 rung 0 (step 1)');
  });

  it('validates its options', () => {
    const make = (options: Record<string, unknown>) =>
      createPruner({ type: 'hyperband', ...options }, { metricName: 'loss', goal: 'minimize' });
    expect(() => make({ max_resource: 'lots' })).toThrow('max_resource: expected an integer >= 1 or "auto", got "lots"');
    expect(() => make({ min_resource: 5, max_resource: 4 })).toThrow('max_resource: expected an integer >= 5 or "auto", got 4');
    expect(() => make({ bootstrap_count: 1 })).toThrow(/^bootstrap_count: expected 0 with max_resource "auto"/);
    expect(() => make({ study_name: 3 })).toThrow('study_name: expected a non-empty string, got 3');
    expect(() => make({ min_early_stopping_rate: 1 })).toThrow(/^min_early_stopping_rate: unknown option/);
  });
});
