import { describe, expect, it } from 'vitest';
import { handleKey, type KeyEnv } from '../../src/ui/keys/handle-key.js';
import { computeLayout } from '../../src/ui/state/layout.js';
import { planColumns } from '../../src/ui/state/columns.js';
import { paretoMembers } from '../../src/ui/state/front.js';
import { selectRows } from '../../src/ui/state/rows.js';
import { applyEvents, initialSweepView } from '../../src/ui/state/sweep-reducer.js';
import type { SweepView } from '../../src/ui/state/sweep-view.js';
import { initialUiState, sortKeys, type UiState } from '../../src/ui/state/ui-state.js';
import { makeSnapshot, makeTrial } from './fake-client.js';

const ACC = { name: 'val_acc', goal: 'maximize', value: 'last', combine: 'mean' } as const;
const LATENCY = { name: 'latency_ms', goal: 'minimize', value: 'last', combine: 'mean' } as const;

/** Trials as [id, state, val_acc, latency_ms]. */
function view(trials: Array<[number, 'completed' | 'running', number | null, number | null]>): SweepView {
  const snapshot = makeSnapshot({
    metric: ACC,
    objectives: [ACC, LATENCY],
    trials: trials.map(([id, state, acc, latency]) => makeTrial(id, { state, objective: acc, best: acc, objectives: [acc, latency] })),
  });
  return applyEvents(initialSweepView(snapshot, 0), [], 10_000);
}
const ui = (patch: Partial<UiState>): UiState => ({ ...initialUiState, sort: { key: 'id', reverse: false }, ...patch });

describe('the trial table of a sweep of two objectives', () => {
  const v = view([
    [1, 'completed', 0.9, 30],
    [2, 'completed', 0.95, 50],
    [3, 'completed', 0.85, 40], // beaten by 1 in both
    [4, 'completed', 0.99, null], // no latency: cannot be compared
    [5, 'running', 0.99, 1], // still running: its values may change
  ]);

  it('marks the completed trials on the Pareto front, and no other', () => {
    expect([...paretoMembers(v)].sort()).toEqual([1, 2]);
  });

  it('sorts by the second objective for its own goal, trials without it last', () => {
    expect(selectRows(v, ui({ sort: { key: 'objective:1', reverse: false } }))).toEqual([5, 1, 3, 2, 4]);
    expect(selectRows(v, ui({ sort: { key: 'objective', reverse: false } }))).toEqual([4, 5, 2, 1, 3]);
  });

  it('cycles the sort through every objective, naming it', () => {
    expect(sortKeys(2)).toEqual(['active', 'id', 'objective', 'objective:1', 'state', 'runtime']);
    expect(sortKeys(1)).toEqual(['active', 'id', 'objective', 'state', 'runtime']);
    const start = ui({ sort: { key: 'objective', reverse: false } });
    const env: KeyEnv = { view: v, rows: selectRows(v, start), layout: computeLayout(120, 35, false), logLength: 100, now: 0 };
    const after = handleKey(start, { name: 's', text: 's' }, env);
    expect(after.ui.sort.key).toBe('objective:1');
    expect(after.ui.status?.text).toBe('sorted by latency_ms');
  });

  it('gives the second objective a column after best', () => {
    const columns = planColumns(200, [], 1, false, 0, ['latency_ms']);
    const keys = columns.map((c) => c.key);
    expect(keys.indexOf('objective:1')).toBe(keys.indexOf('best') + 1);
    expect(columns.find((c) => c.key === 'objective:1')?.header).toBe('latency_ms');
  });
});
