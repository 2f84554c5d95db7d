import { describe, expect, it } from 'vitest';
import { createPruner } from '../../../plugins/registry.js';
import { patientPlugin } from '../../../plugins/pruners/patient.js';
import { prunedAt, scenario } from './helpers.js';

describe('patient pruner', () => {
  it('prunes once the best of the last patience + 1 reports fails to beat the best before them', () => {
    // patience 2: window of 3. [1.0 | 1.1 1.2 1.3]: 1.1 is not better than 1.0 → prune at step 3.
    const decisions = scenario({ type: 'patient', patience: 2 }).run(0, [1.0, 1.1, 1.2, 1.3]);
    expect(decisions.map((d) => d.action)).toEqual(['continue', 'continue', 'continue', 'prune']);
    expect(decisions[3]).toEqual({
      action: 'prune',
      reason: 'pruned at step 3: no improvement in the last 3 reports: best val_loss 1.1 vs 1 before (patience 2, min_delta 0)',
      threshold: 1,
    });
    // An improvement inside the window (0.95 < 1.0) keeps it.
    expect(prunedAt(scenario({ type: 'patient', patience: 2 }).run(0, [1.0, 1.1, 0.95, 1.3]))).toBeNull();
    // patience 0: the first report worse than the best before it prunes; equal is not worse.
    expect(prunedAt(scenario({ type: 'patient', patience: 0 }).run(0, [3, 2, 2.5]))).toBe(2);
    expect(prunedAt(scenario({ type: 'patient', patience: 0 }).run(0, [3, 2, 2]))).toBeNull();
  });

  it('tolerates a worsening up to min_delta', () => {
    // before 1.0, min_delta 0.2 → prune only when the recent best exceeds 1.2.
    expect(prunedAt(scenario({ type: 'patient', patience: 1, min_delta: 0.2 }).run(0, [1.0, 1.3, 1.2]))).toBeNull();
    expect(scenario({ type: 'patient', patience: 1, min_delta: 0.2 }).last(0, [1.0, 1.3, 1.21]).threshold).toBeCloseTo(1.2, 12);
  });

  it('works in the user’s direction when maximising', () => {
    const d = scenario({ type: 'patient', patience: 2 }, [], 'maximize').last(0, [0.5, 0.4, 0.45, 0.3]);
    expect(d.reason).toBe(
      'pruned at step 3: no improvement in the last 3 reports: best val_acc 0.45 vs 0.5 before (patience 2, min_delta 0)',
    );
    expect(prunedAt(scenario({ type: 'patient', patience: 2 }, [], 'maximize').run(0, [0.5, 0.4, 0.55, 0.3]))).toBeNull();
  });

  it('does not prune on NaN-only windows (no evidence either way)', () => {
    expect(prunedAt(scenario({ type: 'patient', patience: 1 }).run(0, [1, NaN, NaN, NaN]))).toBeNull();
    expect(prunedAt(scenario({ type: 'patient', patience: 1 }).run(0, [NaN, NaN, NaN]))).toBeNull();
    // NaN inside a window is skipped: [1 | nan 2] → best 2 vs 1 → prune.
    expect(prunedAt(scenario({ type: 'patient', patience: 1 }).run(0, [1, NaN, 2]))).toBe(2);
  });

  it('lets a wrapped pruner decide once patience has run out', () => {
    // Completed trials 0..4 all at 1.0 from step 0: median 1.0 at every step.
    const history = [0, 1, 2, 3, 4].map((id) => ({ id, values: [1, 1, 1, 1] }));
    const spec = { type: 'patient', patience: 1, wrapped: { type: 'median' } };
    // Stagnating but better than the median: the median pruner keeps it (and its threshold shows).
    const kept = scenario(spec, history).run(5, [0.5, 0.6, 0.7, 0.8]);
    expect(prunedAt(kept)).toBeNull();
    expect(kept[2]).toEqual({ action: 'continue', reason: null, threshold: 1 });
    // Median alone would prune [2, …] at step 0; patient holds it until step 2.
    const held = scenario(spec, history).run(5, [2, 2.1, 2.2]);
    expect(prunedAt(held)).toBe(2);
    expect(held[2].reason).toBe(
      'pruned at step 2: no improvement in the last 2 reports: best val_loss 2.1 vs 2 before (patience 1, min_delta 0); ' +
        'best val_loss 2 > median 1 of 5 completed trials at step 2',
    );
  });

  it('validates its options, including the wrapped pruner’s', () => {
    const make = (options: Record<string, unknown>) =>
      createPruner({ type: 'patient', ...options }, { metricName: 'loss', goal: 'minimize' });
    expect(() => make({})).toThrow('patience: expected an integer >= 0, got nothing');
    expect(() => make({ patience: -1 })).toThrow('patience: expected an integer >= 0, got -1');
    expect(() => make({ patience: 1, min_delta: -0.1 })).toThrow('min_delta: expected a number >= 0, got -0.1');
    expect(() => make({ patience: 1, wrapped: 'median' })).toThrow('wrapped: expected a pruner like {type: median}, got "median"');
    expect(() => make({ patience: 1, wrapped: { type: 'median', n_warmup_steps: -2 } })).toThrow(
      'wrapped.n_warmup_steps: expected an integer >= 0, got -2',
    );
    expect(() => make({ patience: 1, wrapped: { type: 'bogus' } })).toThrow(/^wrapped.type: unknown pruner "bogus"; valid: none, median/);
    // Without a registry in the context (plugin created directly), wrapping is refused clearly.
    expect(() => patientPlugin.create({ patience: 1, wrapped: { type: 'median' } }, { metricName: 'loss', goal: 'minimize' })).toThrow(
      /^wrapped: /,
    );
  });
});
