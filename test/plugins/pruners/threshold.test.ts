import { describe, expect, it } from 'vitest';
import { createPruner } from '../../../plugins/registry.js';
import { prunedAt, scenario } from './helpers.js';

describe('threshold pruner', () => {
  it('prunes on the latest value above upper, below lower, or NaN — with no other trials', () => {
    expect(scenario({ type: 'threshold', upper: 2 }).last(0, [1, 2, 2.5])).toEqual({
      action: 'prune',
      reason: 'pruned at step 2: val_loss 2.5 > upper 2',
      threshold: 2,
    });
    expect(scenario({ type: 'threshold', lower: 0 }).last(0, [1, -0.5]).reason).toBe('pruned at step 1: val_loss -0.5 < lower 0');
    expect(scenario({ type: 'threshold', lower: 0, upper: 9 }).last(0, [1, NaN]).reason).toBe('pruned at step 1: val_loss is nan');
    // Bounds included: exactly at a bound continues.
    expect(prunedAt(scenario({ type: 'threshold', lower: 0, upper: 2 }).run(0, [0, 2, 1]))).toBeNull();
    expect(scenario({ type: 'threshold', upper: 2 }).last(0, [Infinity]).reason).toBe('pruned at step 0: val_loss inf > upper 2');
  });

  it('keeps its bounds in the user’s units whatever the goal', () => {
    const s = scenario({ type: 'threshold', lower: 0.2, upper: 1 }, [], 'maximize');
    expect(s.last(0, [0.5, 1.2])).toEqual({
      action: 'prune',
      reason: 'pruned at step 1: val_acc 1.2 > upper 1',
      threshold: 1,
    });
    expect(scenario({ type: 'threshold', lower: 0.2 }, [], 'maximize').last(0, [0.1]).reason).toBe(
      'pruned at step 0: val_acc 0.1 < lower 0.2',
    );
  });

  it('skips warm-up steps and all but the first report of each interval window', () => {
    expect(prunedAt(scenario({ type: 'threshold', upper: 1, n_warmup_steps: 2 }).run(0, [5, 5, 5]))).toBe(2);
    // warm-up 1, interval 2 → windows at 1, 3, 5: the bad value at step 2 is not checked.
    const curve = [0, 0, 5, 0, 0, 5, 0];
    expect(prunedAt(scenario({ type: 'threshold', upper: 1, n_warmup_steps: 1, interval_steps: 2 }).run(0, curve))).toBe(5);
  });

  it('validates its options', () => {
    const make = (options: Record<string, unknown>) =>
      createPruner({ type: 'threshold', ...options }, { metricName: 'loss', goal: 'minimize' });
    expect(() => make({})).toThrow('lower: expected `lower`, `upper` or both, got neither');
    expect(() => make({ lower: 2, upper: 1 })).toThrow('lower: expected at most upper (1), got 2');
    expect(() => make({ upper: 'high' })).toThrow('upper: expected a number, got "high"');
    expect(() => make({ upper: 1, interval_steps: 0 })).toThrow('interval_steps: expected an integer >= 1, got 0');
  });
});
