import { describe, expect, it } from 'vitest';
import { planColumns, PADDING } from '../../src/ui/state/columns.js';
import { computeLayout, windowStart } from '../../src/ui/state/layout.js';
import { activeTrialIds, compileSearch, cursorRow, joinByActivity, rankedParams, selectRows } from '../../src/ui/state/rows.js';
import { applyEvents, initialSweepView } from '../../src/ui/state/sweep-reducer.js';
import type { SweepView } from '../../src/ui/state/sweep-view.js';
import { initialUiState, type UiState } from '../../src/ui/state/ui-state.js';
import { makeSnapshot, makeTrial } from './fake-client.js';

function view(trials: Parameters<typeof makeTrial>[], goal: 'minimize' | 'maximize' = 'minimize'): SweepView {
  const snapshot = makeSnapshot({
    metric: { name: 'val_loss', goal, value: 'last', combine: 'mean' },
    trials: trials.map(([id, patch]) => makeTrial(id, patch)),
  });
  return applyEvents(initialSweepView(snapshot, 0), [], 10_000);
}
const ui = (patch: Partial<UiState>): UiState => ({ ...initialUiState, sort: { key: 'id', reverse: false }, ...patch });

describe('rows', () => {
  const v = view([
    [1, { state: 'completed', best: 0.5 }],
    [2, { state: 'running', best: 0.2 }],
    [3, { state: 'queued' }],
    [4, { state: 'pruned', best: NaN }],
    [5, { state: 'running', best: 0.9 }],
  ]);

  it('sorts by id, objective (goal-aware, nothing-to-compare last), state', () => {
    expect(selectRows(v, ui({}))).toEqual([1, 2, 3, 4, 5]);
    expect(selectRows(v, ui({ sort: { key: 'objective', reverse: false } }))).toEqual([2, 1, 5, 3, 4]);
    expect(selectRows(v, ui({ sort: { key: 'objective', reverse: true } }))).toEqual([5, 1, 2, 3, 4]);
    expect(selectRows(v, ui({ sort: { key: 'state', reverse: false } }))).toEqual([2, 5, 3, 1, 4]);
    expect(selectRows(v, ui({ sort: { key: 'id', reverse: true } }))).toEqual([5, 4, 3, 2, 1]);
    const max = view(
      [
        [1, { best: 0.5 }],
        [2, { best: 0.9 }],
      ],
      'maximize',
    );
    expect(selectRows(max, ui({ sort: { key: 'objective', reverse: false } }))).toEqual([2, 1]);
  });

  it('by default lists running trials, then paused ones, then the rest, each best first', () => {
    const mixed = view([
      [1, { state: 'completed', best: 0.5 }],
      [2, { state: 'running', best: 0.7 }],
      [3, { state: 'queued' }],
      [4, { state: 'paused', best: 0.1 }],
      [5, { state: 'running', best: 0.3 }],
      [6, { state: 'completed', best: 0.2 }],
      [7, { state: 'running' }],
    ]);
    expect(initialUiState.sort).toEqual({ key: 'active', reverse: false });
    expect(selectRows(mixed, initialUiState)).toEqual([5, 2, 7, 4, 6, 1, 3]);
    const maximize = view(
      [
        [1, { state: 'completed', best: 0.9 }],
        [2, { state: 'running', best: 0.1 }],
        [3, { state: 'running', best: 0.8 }],
      ],
      'maximize',
    );
    expect(selectRows(maximize, initialUiState)).toEqual([3, 2, 1]);
  });

  it('sorted in two parts (settled once per state change, active per batch), the default order is the same, either way round', () => {
    const states = ['running', 'paused', 'completed', 'pruned', 'queued', 'failed'] as const;
    const trials: Parameters<typeof makeTrial>[] = Array.from({ length: 60 }, (_, i) => [
      i + 1,
      { state: states[(i * 7) % states.length], best: i % 9 === 0 ? null : ((i * 37) % 13) / 10 },
    ]);
    for (const goal of ['minimize', 'maximize'] as const) {
      const v60 = view(trials, goal);
      for (const reverse of [false, true]) {
        const sorted = ui({ sort: { key: 'active', reverse } });
        const joined = joinByActivity(selectRows(v60, sorted, 'active'), selectRows(v60, sorted, 'settled'), reverse);
        expect(joined).toEqual(selectRows(v60, sorted));
        // the active part found among the active trials' ids (kept per revision) is the same
        expect(selectRows(v60, sorted, 'active', activeTrialIds(v60))).toEqual(selectRows(v60, sorted, 'active'));
      }
    }
  });

  it('the cursor starts on the first running trial, and with 30+ trials the running ones show at 120×35', () => {
    const many: Parameters<typeof makeTrial>[] = Array.from({ length: 40 }, (_, i) => [
      i + 1,
      { state: i % 10 === 7 ? 'running' : 'completed', best: (i * 37) % 11 },
    ]);
    const v40 = view(many);
    const rows = selectRows(v40, initialUiState);
    const cursor = cursorRow(rows, initialUiState);
    expect(v40.trials.get(rows[cursor])!.snapshot.state).toBe('running');
    const { tableRows } = computeLayout(120, 35, true);
    const top = windowStart(initialUiState.scrollTop, cursor, tableRows, rows.length);
    const visible = rows.slice(top, top + tableRows);
    expect(visible).toEqual(expect.arrayContaining([8, 18, 28, 38]));
  });

  it('filters by state and searches parameter values', () => {
    expect(selectRows(v, ui({ filter: ['running'] }))).toEqual([2, 5]);
    // makeTrial: optimizer adam for odd ids, batch 16/32/64 by id % 3, lr 0.001 × (1 + id % 7).
    expect(selectRows(v, ui({ search: 'adam' }))).toEqual([1, 3, 5]);
    expect(selectRows(v, ui({ search: 'batch=64' }))).toEqual([2, 5]);
    expect(selectRows(v, ui({ search: 'lr<0.0035' }))).toEqual([1, 2]);
    expect(selectRows(v, ui({ search: 'opt=sgd' }))).toEqual([2, 4]);
    expect(compileSearch('  ')).toBeNull();
  });

  it('keeps the cursor on its trial, or on its row when the trial leaves the list', () => {
    expect(cursorRow([1, 2, 3], ui({ cursorId: null }))).toBe(0);
    expect(cursorRow([3, 1, 2], ui({ cursorId: 2, cursorIndex: 1 }))).toBe(2);
    expect(cursorRow([3, 1], ui({ cursorId: 2, cursorIndex: 5 }))).toBe(1);
  });

  it('ranks parameters most varied first', () => {
    const many = view(Array.from({ length: 9 }, (_, i) => [i + 1, {}] as [number, object]));
    expect(rankedParams(many)).toEqual(['lr', 'batch', 'optimizer']);
  });
});

describe('layout', () => {
  it('never lets the frame reach the terminal height', () => {
    for (const [cols, rows] of [
      [80, 24],
      [120, 35],
      [200, 60],
      [60, 15],
      [30, 5],
    ]) {
      for (const detail of [true, false]) {
        const l = computeLayout(cols, rows, detail);
        expect(l.height).toBe(rows - 1);
        if (!l.tooSmall) expect(5 + l.tableRows + l.detailHeight).toBe(l.height);
      }
    }
  });

  it('drops the detail pane below 80×24 and says when the terminal is too small', () => {
    expect(computeLayout(80, 24, true).detailHeight).toBeGreaterThan(0);
    expect(computeLayout(79, 24, true).detailHeight).toBe(0);
    expect(computeLayout(80, 23, true).detailHeight).toBe(0);
    expect(computeLayout(30, 8, true).tooSmall).toBe(true);
  });

  it('moves the visible window as little as possible to show the cursor', () => {
    expect(windowStart(0, 5, 10, 100)).toBe(0);
    expect(windowStart(0, 12, 10, 100)).toBe(3);
    expect(windowStart(20, 12, 10, 100)).toBe(12);
    expect(windowStart(95, 99, 10, 100)).toBe(90);
    expect(windowStart(50, 3, 10, 5)).toBe(0);
  });

  it('plans columns that fit the width, identity first, parameters most varied first', () => {
    const stats = ['lr', 'batch', 'optimizer', 'dropout'].map((name, i) => ({
      name,
      distinct: 10 - i,
      width: 8,
      values: new Set<string>(),
    }));
    for (const width of [40, 60, 80, 100, 120, 160, 240]) {
      const columns = planColumns(width, stats, 4);
      const used = columns.reduce((sum, c) => sum + c.width, 0) + PADDING * (columns.length - 1);
      expect(used).toBeLessThanOrEqual(Math.max(width, 4 + 4 + 9 + 2));
      expect(columns.slice(0, 3).map((c) => c.of.kind)).toEqual(['flags', 'id', 'state']);
    }
    const wide = planColumns(240, stats, 4)
      .filter((c) => c.of.kind === 'param')
      .map((c) => c.header);
    expect(wide).toEqual(['lr', 'batch', 'optimizer', 'dropout']);
    const at80 = planColumns(80, stats, 4).map((c) => c.of.kind);
    expect(at80).toEqual(expect.arrayContaining(['last', 'best', 'step', 'runtime', 'param']));
  });

  it('widens numbers, curves and parameters at 160 and 200 columns', () => {
    const stats = [{ name: 'optimizer', distinct: 10, width: 30, values: new Set<string>() }];
    const widthOf = (width: number, kind: string) => planColumns(width, stats, 4).find((c) => c.of.kind === kind)!.width;
    for (const kind of ['best', 'curve', 'param']) {
      expect(widthOf(160, kind)).toBeGreaterThan(widthOf(159, kind));
      expect(widthOf(200, kind)).toBeGreaterThan(widthOf(199, kind));
    }
    expect(planColumns(159, stats, 4).map((c) => c.of.kind)).toContain('eta');
  });
});
