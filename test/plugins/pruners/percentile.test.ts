import { describe, expect, it } from 'vitest';
import { PluginOptionError } from '../../../src/plugin-api/errors.js';
import { createPruner } from '../../../plugins/registry.js';
import { prunedAt, scenario, type HistoryTrial } from './helpers.js';

// Five completed trials. Sorted values per step (hand-checked):
//   step 0: 0.8 0.9 1.0 1.1 1.2  → median 1.0
//   step 1: 0.7 0.85 0.9 1.0 1.1 → median 0.9
//   step 2: 0.6 0.75 0.8 0.9 1.0 → median 0.8
const FIVE: HistoryTrial[] = [
  { id: 0, values: [1.0, 0.9, 0.8, 0.7] },
  { id: 1, values: [1.2, 1.0, 0.9, 0.8] },
  { id: 2, values: [0.8, 0.7, 0.6, 0.5] },
  { id: 3, values: [1.1, 1.1, 1.0, 0.95] },
  { id: 4, values: [0.9, 0.85, 0.75, 0.7] },
];

describe('median pruner (minimize)', () => {
  it('prunes a trial whose best so far is worse than the median at the same step', () => {
    const decision = scenario({ type: 'median' }, FIVE).last(5, [1.05]);
    expect(decision).toEqual({
      action: 'prune',
      reason: 'pruned at step 0: best val_loss 1.05 > median 1 of 5 completed trials at step 0',
      threshold: 1.0,
    });
  });

  it('keeps ties and compares the BEST value so far, not the latest', () => {
    // step 0: 1.0 = median → keep; step 1: best 0.9 = median → keep; step 2: best 0.85 > 0.8.
    const decisions = scenario({ type: 'median' }, FIVE).run(5, [1.0, 0.9, 0.85]);
    expect(decisions.map((d) => d.action)).toEqual(['continue', 'continue', 'prune']);
    expect(decisions[0].threshold).toBe(1.0);
    expect(decisions[2].reason).toBe('pruned at step 2: best val_loss 0.85 > median 0.8 of 5 completed trials at step 2');
    // A bad latest value after a good one does not prune: the best is 0.7 < median 0.9.
    expect(prunedAt(scenario({ type: 'median' }, FIVE).run(6, [0.7, 5.0]))).toBeNull();
  });

  it('waits for n_startup_trials completed trials (default 5)', () => {
    expect(prunedAt(scenario({ type: 'median' }, FIVE.slice(0, 4)).run(5, [9, 9, 9]))).toBeNull();
    expect(prunedAt(scenario({ type: 'median', n_startup_trials: 4 }, FIVE.slice(0, 4)).run(5, [9]))).toBe(0);
    // Running, failed and pruned trials are not "completed".
    const others = FIVE.map((t) => ({ ...t, state: 'pruned' as const }));
    expect(prunedAt(scenario({ type: 'median', n_startup_trials: 1 }, others).run(5, [9]))).toBeNull();
  });

  it('never prunes during the warm-up steps', () => {
    const s = scenario({ type: 'median', n_warmup_steps: 2 }, FIVE);
    expect(prunedAt(s.run(5, [9, 9, 9]))).toBe(2);
  });

  it('checks only the first report of each interval window, offset by the warm-up', () => {
    // Reference: 5 trials at 10 - step + 0.01·i → median at step s is 10.02 - s.
    const history = [0, 1, 2, 3, 4].map((i) => ({
      id: i,
      values: Array.from({ length: 9 }, (_, step) => 10 - step + 0.01 * i),
    }));
    // Good at steps 0–1 (best 8.5), then flat: worse than the median from step 2 on.
    const curve = [9.5, 8.5, 8.5, 8.5, 8.5, 8.5];
    expect(prunedAt(scenario({ type: 'median' }, history).run(9, curve))).toBe(2);
    // warm-up 1, interval 3 → windows start at steps 1, 4, 7: steps 2 and 3 are not checked.
    const windowed = scenario({ type: 'median', n_warmup_steps: 1, interval_steps: 3 }, history);
    expect(prunedAt(windowed.run(9, curve))).toBe(4);
  });

  it('postpones a window check to the next report when the window had none', () => {
    // Windows of 3 from step 0: [0,3) [3,6). Reports at 0, 2, 5: 0 checked, 2 not, 5 checked.
    const history = [0, 1, 2, 3, 4].map((i) => ({ id: i, values: { 0: 5, 2: 1, 5: 1 } }));
    const s = scenario({ type: 'median', interval_steps: 3 }, history);
    const decisions = s.run(9, { 0: 4, 2: 3, 5: 3 });
    expect(decisions.map((d) => d.action)).toEqual(['continue', 'continue', 'prune']);
    expect(decisions[1].threshold).toBeUndefined(); // step 2 was not compared at all
    expect(decisions[2].reason).toContain('pruned at step 5: best val_loss 3 > median 1');
  });

  it('uses only trials that reported at exactly that step, and n_min_trials counts them', () => {
    // Trials of different lengths: only trials 0 and 1 reach step 3 (values 0.7, 0.8 → median 0.75).
    const history = [
      { id: 0, values: [1.0, 0.9, 0.8, 0.7] },
      { id: 1, values: [1.2, 1.0, 0.9, 0.8] },
      { id: 2, values: [0.8, 0.7, 0.6] },
      { id: 3, values: [1.1, 1.1, 1.0] },
      { id: 4, values: [0.9, 0.85, 0.75] },
    ];
    // Within the median at steps 0–2 (1.0, 0.9, 0.8), worse than 0.75 at step 3.
    const curve = [0.95, 0.88, 0.79, 0.78];
    const s = scenario({ type: 'median' }, history);
    expect(s.last(5, curve).reason).toBe('pruned at step 3: best val_loss 0.78 > median 0.75 of 2 completed trials at step 3');
    expect(prunedAt(scenario({ type: 'median', n_min_trials: 3 }, history).run(5, curve))).toBeNull();
  });

  it('prunes when every value so far is NaN; NaN reference values are left out of the median', () => {
    expect(scenario({ type: 'median' }, FIVE).last(5, [NaN]).reason).toBe('pruned at step 0: every val_loss so far is nan');
    // A NaN report does not hide the trial's earlier best.
    expect(prunedAt(scenario({ type: 'median' }, FIVE).run(5, [0.5, NaN, NaN]))).toBeNull();
    // Step 0 values 1, 2, 3, nan, nan → median 2 "of 3"; n_min_trials counts the NaNs (5 ≥ 4).
    const withNan = [1, 2, 3, NaN, NaN].map((v, id) => ({ id, values: [v] }));
    const decision = scenario({ type: 'median', n_min_trials: 4 }, withNan).last(5, [2.5]);
    expect(decision.reason).toBe('pruned at step 0: best val_loss 2.5 > median 2 of 3 completed trials at step 0');
    expect(prunedAt(scenario({ type: 'median', n_min_trials: 6 }, withNan).run(5, [2.5]))).toBeNull();
  });
});

describe('median pruner (maximize)', () => {
  const history = [0.2, 0.4, 0.5, 0.6, 0.9].map((v, id) => ({ id, values: [v] }));

  it('prunes below the median and says so in the user’s direction and units', () => {
    const decision = scenario({ type: 'median' }, history, 'maximize').last(5, [0.45]);
    expect(decision).toEqual({
      action: 'prune',
      reason: 'pruned at step 0: best val_acc 0.45 < median 0.5 of 5 completed trials at step 0',
      threshold: 0.5,
    });
    expect(scenario({ type: 'median' }, history, 'maximize').last(6, [0.5])).toEqual({
      action: 'continue',
      reason: null,
      threshold: 0.5,
    });
  });
});

describe('percentile pruner', () => {
  const oneToFive = [1, 2, 3, 4, 5].map((v, id) => ({ id, values: [v] }));

  it('keeps the best p%: the p-th percentile when minimising (linear interpolation)', () => {
    // p = 25 over 1..5: position 4·0.25 = 1 → 2.
    expect(scenario({ type: 'percentile', percentile: 25 }, oneToFive).last(5, [2.5])).toEqual({
      action: 'prune',
      reason: 'pruned at step 0: best val_loss 2.5 > top-25% cutoff 2 of 5 completed trials at step 0',
      threshold: 2,
    });
    // p = 30: position 1.2 → 2 + 0.2 · (3 − 2) = 2.2.
    expect(scenario({ type: 'percentile', percentile: 30 }, oneToFive).last(5, [2.2]).action).toBe('continue');
    expect(scenario({ type: 'percentile', percentile: 30 }, oneToFive).last(5, [2.25]).threshold).toBeCloseTo(2.2, 12);
  });

  it('uses the (100 − p)-th percentile of the values when maximising, as Optuna does', () => {
    // p = 25, maximize over 1..5: numpy percentile at 75 → 4.
    const s = () => scenario({ type: 'percentile', percentile: 25 }, oneToFive, 'maximize');
    expect(s().last(5, [3.5])).toEqual({
      action: 'prune',
      reason: 'pruned at step 0: best val_acc 3.5 < top-25% cutoff 4 of 5 completed trials at step 0',
      threshold: 4,
    });
    expect(s().last(5, [4]).action).toBe('continue');
  });

  it('validates its options, naming the bad one', () => {
    const make = (options: Record<string, unknown>) =>
      createPruner({ type: 'percentile', ...options }, { metricName: 'loss', goal: 'minimize' });
    expect(() => make({})).toThrow(new PluginOptionError('percentile', 'expected a number between 0 and 100, got nothing'));
    expect(() => make({ percentile: 101 })).toThrow('percentile: expected a number between 0 and 100, got 101');
    expect(() => make({ percentile: 50, n_startup_trials: -1 })).toThrow('n_startup_trials: expected an integer >= 0, got -1');
    expect(() => make({ percentile: 50, n_warmup_steps: 1.5 })).toThrow('n_warmup_steps: expected an integer >= 0, got 1.5');
    expect(() => make({ percentile: 50, interval_steps: 0 })).toThrow('interval_steps: expected an integer >= 1, got 0');
    expect(() => make({ percentile: 50, n_min_trials: 0 })).toThrow('n_min_trials: expected an integer >= 1, got 0');
    expect(() => make({ percentile: 50, warmup: 3 })).toThrow(/^warmup: unknown option; expected one of percentile, n_startup_trials/);
    expect(() => createPruner({ type: 'median', percentile: 20 }, { metricName: 'loss', goal: 'minimize' })).toThrow(
      /^percentile: unknown option/,
    );
  });
});
