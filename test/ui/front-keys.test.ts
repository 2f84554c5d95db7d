/**
 * The front view's keys (keys/handle-key.ts): `o` opens it in a sweep of several objectives and
 * says in one line why not in a sweep of one; ↑/↓ move over the front in the list's order; ←/→
 * change the pair; Enter selects the trial in the table with its detail open, clearing a filter
 * that hides it (and saying so); Esc goes back.
 */
import { describe, expect, it } from 'vitest';
import type { TrialSnapshot } from '../../src/engine/events.js';
import { handleKey, type KeyEnv } from '../../src/ui/keys/handle-key.js';
import { footerHints } from '../../src/ui/keys/footer-hints.js';
import { frontData, frontInOrder } from '../../src/ui/state/front-plot.js';
import { computeLayout } from '../../src/ui/state/layout.js';
import { selectRows, selectedTrial } from '../../src/ui/state/rows.js';
import { applyEvents, initialSweepView } from '../../src/ui/state/sweep-reducer.js';
import type { SweepView } from '../../src/ui/state/sweep-view.js';
import { initialUiState, type UiState } from '../../src/ui/state/ui-state.js';
import { makeSnapshot, makeTrial } from './fake-client.js';

const ACC = { name: 'val_acc', goal: 'maximize', value: 'last', combine: 'mean' } as const;
const LATENCY = { name: 'latency_ms', goal: 'minimize', value: 'last', combine: 'mean' } as const;

function view(objectives: 1 | 2): SweepView {
  const values: Array<[number, number]> = [
    [0.9, 30],
    [0.95, 50],
    [0.85, 40],
    [0.97, 60],
  ];
  const trials: TrialSnapshot[] = values.map(([acc, latency], i) =>
    makeTrial(i + 1, { state: 'completed', objective: acc, objectives: objectives === 2 ? [acc, latency] : undefined }),
  );
  trials.push(makeTrial(5, { state: 'running' }));
  const snapshot = makeSnapshot({ metric: ACC, objectives: objectives === 2 ? [ACC, LATENCY] : undefined, trials });
  return applyEvents(initialSweepView(snapshot, 0), [], 1000);
}

/**
 * Presses keys as the App does, the front's ids (as hooks/use-front.ts gives them) in the env once
 * the view is `drawn`; before, the env has none.
 */
function press(keys: string[], v: SweepView, start: Partial<UiState> = {}, drawn = true) {
  let ui: UiState = { ...initialUiState, sort: { key: 'id', reverse: false }, ...start };
  const ids = frontInOrder(
    frontData(
      [...v.trials.values()].map((t) => t.snapshot),
      [ACC, LATENCY],
    ),
    0,
  ).map((m) => m.id);
  for (const name of keys) {
    const front = drawn && ui.overlay?.kind === 'front' ? ids : undefined;
    const env: KeyEnv = { view: v, rows: selectRows(v, ui), layout: computeLayout(120, 35, ui.detailOpen), logLength: 0, now: 0, front };
    ui = handleKey(ui, { name, text: name.length === 1 ? name : '' }, env).ui;
  }
  return ui;
}

describe('keys of the front view', () => {
  const two = view(2);

  it('o opens it in a sweep of two objectives, and Esc goes back', () => {
    expect(press(['o'], two).overlay).toEqual({ kind: 'front', pair: 0, selected: null });
    expect(press(['o', 'escape'], two).overlay).toBeNull();
  });

  it('o says in one line that a sweep of one objective has no front to plot, and offers it in the footer only with two', () => {
    const ui = press(['o'], view(1));
    expect(ui.overlay).toBeNull();
    expect(ui.status?.text).toBe('the front view plots two objectives; this sweep has one (val_acc)');
    const scope = { selectedState: null, selectedPromoted: false, phase: 'running', finished: false, detachable: false } as const;
    expect(footerHints('table', { ...scope, objectives: 1 }).map((h) => h.text)).not.toContain('front');
    expect(footerHints('table', { ...scope, objectives: 2 }).map((h) => h.text)).toContain('front');
  });

  it('↓/↑ walk the front in the list’s order (best val_acc first) and stop at its ends', () => {
    // the front: 4 (0.97), 2 (0.95), 1 (0.9); 3 is beaten by 1
    expect(press(['o', 'down'], two).overlay).toMatchObject({ selected: 2 });
    expect(press(['o', 'down', 'down', 'down', 'down'], two).overlay).toMatchObject({ selected: 1 });
    expect(press(['o', 'down', 'up', 'up'], two).overlay).toMatchObject({ selected: 4 });
  });

  it('keys pressed before the view has drawn the front are not lost (o ↓ Enter in one go)', () => {
    const ui = press(['o', 'down', 'enter'], two, {}, false);
    expect(selectedTrial(two, selectRows(two, ui), ui)?.snapshot.id).toBe(2);
  });

  it('←/→ count pairs; the view wraps them', () => {
    expect(press(['o', 'right', 'right', 'left'], two).overlay).toMatchObject({ pair: 1 });
  });

  it('Enter selects that trial in the table with its detail open', () => {
    const ui = press(['o', 'down', 'enter'], two, { detailOpen: false });
    expect(ui.overlay).toBeNull();
    expect(ui.detailOpen).toBe(true);
    expect(selectedTrial(two, selectRows(two, ui), ui)?.snapshot.id).toBe(2);
  });

  it('Enter clears a filter that hides the trial, and says so', () => {
    const ui = press(['o', 'enter'], two, { filter: ['running'] });
    expect(ui.filter).toBeNull();
    expect(ui.status?.text).toBe('filter and search cleared to show trial #4');
    expect(selectedTrial(two, selectRows(two, ui), ui)?.snapshot.id).toBe(4);
  });
});
