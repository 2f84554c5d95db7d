import { describe, expect, it } from 'vitest';
import { createPruner } from '../../../plugins/registry.js';
import { prunedAt, scenario } from './helpers.js';

// min_resource 1, η 2 → rungs at steps 1, 2, 4, 8 (steps as reported, 0-based).
const ETA2 = { type: 'asha', min_resource: 1, reduction_factor: 2 };

describe('asha pruner', () => {
  it('judges a rung on the first report whose step reaches it, against every value there', () => {
    const s = scenario(ETA2);
    // A alone: promoted at every rung (top max(⌊1/2⌋, 1) = 1 of 1).
    expect(prunedAt(s.complete(0, [5, 4, 3, 2, 1]))).toBeNull();
    // B at rung 0 (step 1): values {A 4, B 5}: top 1 of 2 is 4 → 5 is out. Step 0 is no rung.
    const b = s.run(1, [6, 5, 4.5]);
    expect(b.map((d) => d.action)).toEqual(['continue', 'prune']);
    expect(b[1]).toEqual({
      action: 'prune',
      reason: 'pruned at step 1: asha rung 0 (step 1): val_loss 5 not in top 1 of 2 trials at this rung (cutoff 4)',
      threshold: 4,
    });
    // C: rung 0 {4, 5, 3.5} → top 1 is 3.5 → kept; rung 1 (step 2) {A 3, C 3}: a tie is kept
    // (B never reached step 2, pruned trials keep their rung-0 value).
    const c = s.run(2, [6, 3.5, 3, 2.9, 2.8]);
    expect(c.map((d) => d.action)).toEqual(['continue', 'continue', 'continue', 'continue', 'prune']);
    expect(c[1].threshold).toBe(3.5);
    expect(c[2].threshold).toBe(3);
    expect(c[3].threshold).toBeUndefined(); // step 3 reaches no new rung
    // Rung 2 (step 4): {A 1, C 2.8}: 2.8 is not the top 1 of 2.
    expect(c[4].reason).toBe('pruned at step 4: asha rung 2 (step 4): val_loss 2.8 not in top 1 of 2 trials at this rung (cutoff 1)');
  });

  it('promotes the top ⌊n/η⌋ (n counting this trial) and prunes the rest', () => {
    // η 4, rung 0 at step 1; eight earlier trials at step 1: 1..8.
    const s = scenario({ type: 'asha', min_resource: 1 });
    for (let id = 0; id < 8; id++) s.run(id, [0, id + 1]);
    // Ninth: n = 9, top ⌊9/4⌋ = 2 → cutoff is the 2nd best: {1, 2, …} → 2.
    expect(s.last(8, [0, 2]).action).toBe('continue');
    // Tenth: n = 10, top 2 → values 1, 2, 2, … → cutoff 2; 2.5 is out.
    expect(s.last(9, [0, 2.5]).reason).toBe(
      'pruned at step 1: asha rung 0 (step 1): val_loss 2.5 not in top 2 of 10 trials at this rung (cutoff 2)',
    );
  });

  it('judges several rungs crossed by one report in turn, with the same value', () => {
    const s = scenario(ETA2, [{ id: 0, values: [9, 8, 7, 6, 5, 4, 3, 2, 1] }]);
    // A's rung values: step 1 → 8, step 2 → 7, step 4 → 5. D jumps from step 0 to 5 with 6:
    // rung 0 {8, 6} kept, rung 1 {7, 6} kept, rung 2 {5, 6} → out.
    expect(s.last(1, { 0: 10, 5: 6 })).toEqual({
      action: 'prune',
      reason: 'pruned at step 5: asha rung 2 (step 4): val_loss 6 not in top 1 of 2 trials at this rung (cutoff 5)',
      threshold: 5,
    });
    // With 4.5 it passes rung 2 too; the threshold drawn is the last rung's cutoff.
    expect(scenario(ETA2, [{ id: 0, values: [9, 8, 7, 6, 5, 4, 3, 2, 1] }]).last(1, { 0: 10, 5: 4.5 })).toEqual({
      action: 'continue',
      reason: null,
      threshold: 4.5,
    });
  });

  it('works in the user’s direction when maximising', () => {
    const s = scenario(ETA2, [], 'maximize');
    s.complete(0, [0.1, 0.6, 0.7]);
    expect(s.last(1, [0.1, 0.5])).toEqual({
      action: 'prune',
      reason: 'pruned at step 1: asha rung 0 (step 1): val_acc 0.5 not in top 1 of 2 trials at this rung (cutoff 0.6)',
      threshold: 0.6,
    });
    expect(s.last(2, [0.1, 0.65]).action).toBe('continue');
  });

  it('prunes NaN at a rung (only there) and leaves NaN out of the rung values', () => {
    const s = scenario(ETA2);
    expect(s.run(0, [NaN, 3]).map((d) => d.action)).toEqual(['continue', 'continue']);
    expect(s.last(1, [1, NaN]).reason).toBe('pruned at step 1: asha rung 0 (step 1): val_loss is nan');
    // Rung 0 now holds {3} (trial 1's NaN does not count): n = 2 with this one.
    expect(s.last(2, [1, 4]).reason).toContain('not in top 1 of 2 trials');
  });

  it('starts at min_resource · η^min_early_stopping_rate', () => {
    const s = scenario({ ...ETA2, min_early_stopping_rate: 1 });
    s.complete(0, [1, 1, 1]);
    // Rung 0 is now at step 2: step 1 is not judged.
    const decisions = s.run(1, [5, 5, 5]);
    expect(prunedAt(decisions)).toBe(2);
    expect(decisions[2].reason).toBe('pruned at step 2: asha rung 0 (step 2): val_loss 5 not in top 1 of 2 trials at this rung (cutoff 1)');
  });

  it('with bootstrap_count, promotes nobody until more than that many reached the rung', () => {
    const s = scenario({ ...ETA2, bootstrap_count: 2 });
    expect(s.last(0, [0, 1]).reason).toBe(
      'pruned at step 1: asha rung 0 (step 1): 1 trial(s) at this rung; bootstrap_count 2 promotes none until more than 2 have reached it',
    );
    expect(s.last(1, [0, 2]).action).toBe('prune');
    // Third: n = 3 > 2, top ⌊3/2⌋ = 1 → {1, 2, 0.5} → 0.5 is the best: kept.
    expect(s.last(2, [0, 0.5]).action).toBe('continue');
  });

  it('with min_resource auto, waits for a completed trial and takes 1/100 of its last step', () => {
    const s = scenario({ type: 'asha', reduction_factor: 2 });
    // Nothing completed: never prunes.
    expect(prunedAt(s.run(0, [1, 1, 1]))).toBeNull();
    s.study.setState(0, 'completed'); // last step 2 → min_resource max(⌊2/100⌋, 1) = 1
    expect(s.last(1, [1, 5]).reason).toContain('asha rung 0 (step 1)');

    const long = scenario({ type: 'asha', reduction_factor: 2 }, [{ id: 0, values: { 0: 1, 2: 1, 299: 1 } }]);
    // last step 299 → min_resource 2: rung 0 at step 2.
    const decisions = long.run(1, [5, 5, 5]);
    expect(prunedAt(decisions)).toBe(2);
    expect(decisions[2].reason).toContain('asha rung 0 (step 2)');
  });

  it('validates its options', () => {
    const make = (options: Record<string, unknown>) => createPruner({ type: 'asha', ...options }, { metricName: 'loss', goal: 'minimize' });
    expect(() => make({ min_resource: 0 })).toThrow('min_resource: expected an integer >= 1 or "auto", got 0');
    expect(() => make({ min_resource: 'big' })).toThrow('min_resource: expected an integer >= 1 or "auto", got "big"');
    expect(() => make({ reduction_factor: 1 })).toThrow('reduction_factor: expected an integer >= 2, got 1');
    expect(() => make({ min_early_stopping_rate: -1 })).toThrow('min_early_stopping_rate: expected an integer >= 0');
    expect(() => make({ bootstrap_count: 2 })).toThrow(/^bootstrap_count: expected 0 with min_resource "auto"/);
    expect(() => make({ min_resource: 1, bootstrap_count: 2 })).not.toThrow();
  });
});
