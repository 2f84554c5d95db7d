import { describe, expect, it } from 'vitest';
import { handleKey, type KeyEnv } from '../../src/ui/keys/handle-key.js';
import { computeLayout } from '../../src/ui/state/layout.js';
import { selectRows, selectedTrial } from '../../src/ui/state/rows.js';
import { applyEvents, initialSweepView } from '../../src/ui/state/sweep-reducer.js';
import type { SweepView } from '../../src/ui/state/sweep-view.js';
import { initialUiState, type UiState } from '../../src/ui/state/ui-state.js';
import type { Effect } from '../../src/ui/keys/effects.js';
import { makeSnapshot, makeTrial } from './fake-client.js';
import type { TrialState } from '../../src/plugin-api/trial-state.js';

const states: TrialState[] = ['running', 'paused', 'queued', 'completed', 'pruned', 'killed', 'running', 'failed'];

function sweep(patch: Parameters<typeof makeSnapshot>[0] = {}): SweepView {
  const trials = Array.from({ length: 40 }, (_, i) => makeTrial(i + 1, { state: states[i % states.length] }));
  return applyEvents(initialSweepView(makeSnapshot({ trials, ...patch }), 0), [], 1000);
}

/** Presses keys in order, as the App does, collecting the effects. */
function press(keys: string[], start: Partial<UiState> = {}, view = sweep()) {
  return pressWith(keys, {}, start, view);
}

/** `mode`: how the TUI was started (`detachable`, `viewer`), as KeyEnv takes it. */
function pressWith(keys: string[], mode: Pick<KeyEnv, 'detachable' | 'viewer'>, start: Partial<UiState> = {}, view = sweep()) {
  // the keys are tested in id order; the default order is tested in rows-layout.test.ts
  let ui: UiState = { ...initialUiState, sort: { key: 'id', reverse: false }, ...start };
  const effects: Effect[] = [];
  for (const key of keys) {
    const env: KeyEnv = {
      view,
      rows: selectRows(view, ui),
      layout: computeLayout(120, 35, ui.detailOpen),
      logLength: 100,
      now: 0,
      ...mode,
    };
    const name = key;
    const text = key.length === 1 ? key : key === 'space' ? ' ' : '';
    const result = handleKey(ui, { name, text }, env);
    ui = result.ui;
    effects.push(...result.effects);
  }
  const selected = selectedTrial(view, selectRows(view, ui), ui);
  return { ui, effects, selected: selected?.snapshot.id, view };
}

const commands = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'command' ? [e.command] : []));

describe('keys: moving around', () => {
  it('in the default order the cursor starts on the first running trial, and the first key keeps it on that trial', () => {
    const { ui, selected, effects } = press(['p'], { sort: initialUiState.sort });
    expect(selected).toBe(1);
    expect(ui.cursorId).toBe(1);
    expect(commands(effects)).toEqual([{ type: 'pause', trialId: 1 }]);
    // paused, trial 1 moves below the running trials: the cursor goes with it
    const paused = applyEvents(
      sweep(),
      [{ name: 'trial:updated', payload: { trial: makeTrial(1, { state: 'paused' }), previousState: 'running' } }],
      2000,
    );
    const rows = selectRows(paused, ui);
    expect(rows[0]).not.toBe(1);
    expect(selectedTrial(paused, rows, ui)?.snapshot.id).toBe(1);
  });

  it('starts on the first row and moves with j/k, arrows, pages, g/G', () => {
    expect(press([]).selected).toBe(1);
    expect(press(['j', 'j', 'down', 'k']).selected).toBe(3);
    expect(press(['up']).selected).toBe(1);
    expect(press(['G']).selected).toBe(40);
    expect(press(['G', 'g']).selected).toBe(1);
    const page = computeLayout(120, 35, true).tableRows;
    expect(press(['pagedown']).selected).toBe(1 + page);
    expect(press(['pagedown', 'pageup']).selected).toBe(1);
  });

  it('Enter toggles the detail pane, space marks trials for the plot', () => {
    expect(press(['enter']).ui.detailOpen).toBe(false);
    expect(press(['space', 'j', 'space', 'k', 'space']).ui.marked).toEqual([2]);
  });

  it('cycles and reverses the sort, and the cursor stays on its trial', () => {
    const { ui, selected } = press(['j', 's']);
    expect(ui.sort).toEqual({ key: 'objective', reverse: false });
    expect(selected).toBe(2);
    expect(press(['s', 's', 's', 's']).ui.sort.key).toBe('active');
    expect(press(['s', 's', 's', 's', 's']).ui.sort.key).toBe('id');
    expect(press(['S']).ui.sort.reverse).toBe(true);
  });

  it('f toggles states, / searches as you type, Esc clears', () => {
    const filtered = press(['f', 'j', 'j', 'space', 'enter']);
    expect(filtered.ui.overlay).toBeNull();
    expect(filtered.ui.filter).not.toContain('running');
    expect(press(['f', 'space', 'a']).ui.filter).toBeNull();
    const searching = press(['/', 'a', 'd', 'a']);
    expect(searching.ui.search).toBe('ada');
    expect(searching.ui.overlay).toEqual({ kind: 'search', draft: 'ada' });
    expect(press(['/', 'a', 'd', 'backspace', 'enter']).ui).toMatchObject({ search: 'a', overlay: null });
    expect(press(['/', 'x', 'escape']).ui).toMatchObject({ search: '', overlay: null });
  });

  it('m cycles the plotted metric through the metrics seen', () => {
    const view = applyEvents(
      sweep(),
      [{ name: 'trial:metric', payload: { trialId: 1, name: 'acc', step: 0, value: 1, time: 0, provisional: false } }],
      0,
    );
    expect(press(['m'], {}, view).ui.plotMetric).toBe('acc');
    expect(press(['m', 'm'], {}, view).ui.plotMetric).toBeNull();
  });

  it('? opens the help, Esc closes any overlay', () => {
    expect(press(['?']).ui.overlay).toEqual({ kind: 'help' });
    expect(press(['?', 'escape']).ui.overlay).toBeNull();
    expect(press(['f', 'escape']).ui.overlay).toBeNull();
  });
});

describe('keys: acting on trials', () => {
  it('p pauses a running trial and resumes a paused one, and explains otherwise', () => {
    expect(commands(press(['p']).effects)).toEqual([{ type: 'pause', trialId: 1 }]);
    expect(commands(press(['j', 'p']).effects)).toEqual([{ type: 'resume', trialId: 2 }]);
    const done = press(['j', 'j', 'j', 'p']);
    expect(done.effects).toEqual([]);
    expect(done.ui.status?.text).toBe('#4 is completed: only a running trial can be paused');
  });

  it('x asks first; y kills, n does not; a queued trial is removed', () => {
    const asked = press(['x']);
    expect(asked.ui.overlay).toMatchObject({ kind: 'confirm', question: 'Kill trial #1 (running) and its processes? (y/n)' });
    expect(commands(press(['x', 'y']).effects)).toEqual([{ type: 'kill', trialId: 1 }]);
    expect(press(['x', 'n']).effects).toEqual([]);
    expect(press(['x', 'escape']).ui.overlay).toBeNull();
    expect(press(['j', 'j', 'x']).ui.overlay).toMatchObject({ question: 'Remove queued trial #3? (y/n)' });
    expect(press(['j', 'j', 'j', 'x']).ui.status?.text).toBe('#4 is completed: there is nothing left to kill');
  });

  it('P promotes live, queued, pruned and killed trials, not finished or already promoted ones', () => {
    expect(commands(press(['P']).effects)).toEqual([{ type: 'promote', trialId: 1 }]);
    expect(press(['j', 'j', 'j', 'j', 'P']).effects[0]).toMatchObject({
      success: 'promoted #5: re-queued at the head, protected from pruning',
    });
    expect(press(['j', 'j', 'j', 'P']).effects).toEqual([]);
    const promoted = applyEvents(
      sweep(),
      [{ name: 'trial:updated', payload: { trial: makeTrial(1, { state: 'running', promoted: true }), previousState: 'running' } }],
      0,
    );
    expect(press(['P'], {}, promoted).ui.status?.text).toBe('#1 is running: it is already promoted');
  });

  it('+ and - change parallelism by one, never below one', () => {
    expect(commands(press(['+']).effects)).toEqual([{ type: 'setParallel', value: 5 }]);
    expect(commands(press(['-']).effects)).toEqual([{ type: 'setParallel', value: 3 }]);
    expect(press(['-'], {}, sweep({ parallel: 1 })).effects).toEqual([]);
  });

  it('n opens a form prefilled from the selected trial and sends typed, checked values', () => {
    const form = press(['n']);
    expect(form.ui.overlay).toMatchObject({ kind: 'form', focus: 0 });
    if (form.ui.overlay?.kind !== 'form') throw new Error('no form');
    expect(form.ui.overlay.fields.map((f) => [f.name, f.text])).toEqual([
      ['lr', '0.002'],
      ['batch', '32'],
      ['optimizer', 'adam'],
    ]);
    const typed = press(['n', 'backspace', '5', 'tab', 'backspace', 'backspace', '6', '4', 'enter']);
    expect(commands(typed.effects)).toEqual([{ type: 'addTrial', params: { lr: 0.005, batch: 64, optimizer: 'adam' } }]);
    expect(typed.ui.overlay).toMatchObject({ busy: true });
    const bad = press(['n', 'tab', 'backspace', 'backspace', '9', 'enter']);
    expect(bad.effects).toEqual([]);
    expect(bad.ui.overlay).toMatchObject({ error: 'batch: one of 16, 32, 64' });
  });

  it('n on a conditional space: a field whose condition is false is not read, and its hint says when it is', () => {
    const parameters = [
      { kind: 'choice' as const, name: 'optimizer', values: ['sgd', 'adam'] },
      {
        kind: 'float' as const,
        name: 'momentum',
        low: 0,
        high: 1,
        log: false,
        when: { op: 'compare' as const, comparison: '==' as const, name: 'optimizer', value: 'sgd' },
      },
    ];
    const view = sweep({ parameters });
    const form = press(['n'], {}, view);
    if (form.ui.overlay?.kind !== 'form') throw new Error('no form');
    expect(form.ui.overlay.fields.map((f) => [f.name, f.text, f.hint])).toEqual([
      ['optimizer', 'adam', 'sgd | adam'],
      ['momentum', '', "0..1 · only when optimizer == 'sgd'"],
    ]);
    // adam: momentum is absent, its empty field not asked for
    expect(commands(press(['n', 'enter'], {}, view).effects)).toEqual([{ type: 'addTrial', params: { optimizer: 'adam' } }]);
    // sgd: momentum is present, and needed
    const sgd = press(['n', 'backspace', 'backspace', 'backspace', 'backspace', 's', 'g', 'd', 'enter'], {}, view);
    expect(sgd.effects).toEqual([]);
    expect(sgd.ui.overlay).toMatchObject({ error: 'momentum: a value is needed' });
  });

  it('l opens the log of the selected trial; G follows, q/Esc/l go back', () => {
    const log = press(['j', 'l']);
    expect(log.ui.screen).toBe('log');
    expect(log.ui.log).toEqual({ trialId: 2, stream: 'stdout', follow: true, top: 0, wrap: true });
    const scrolled = press(['l', 'k', 'k']);
    expect(scrolled.ui.log).toMatchObject({ follow: false });
    expect(press(['l', 'k', 'G']).ui.log?.follow).toBe(true);
    for (const back of ['q', 'escape', 'l']) expect(press(['l', back]).ui.screen).toBe('table');
    expect(press(['l', 'tab']).ui.log?.stream).toBe('stderr');
    // Keys on the trial still work in the log view.
    expect(commands(press(['l', 'p']).effects)).toEqual([{ type: 'pause', trialId: 1 }]);
  });
});

describe('keys: leaving', () => {
  it('q asks to stop the sweep; y stops it and waits', () => {
    expect(press(['q']).ui.overlay).toMatchObject({ question: 'Stop the sweep and quit? (y/n)' });
    const stopped = press(['q', 'y']);
    expect(stopped.effects).toEqual([{ kind: 'stop', force: false }]);
    expect(stopped.ui.stopping).toBe('graceful');
    expect(press(['q', 'n']).effects).toEqual([]);
  });

  it('q detaches at once when the sweep runs elsewhere; Q asks: y stops it, n/Esc stays, d detaches', () => {
    const q = (keys: string[]) => pressWith(keys, { detachable: true });
    expect(q(['q']).effects).toEqual([{ kind: 'quit' }]);
    expect(q(['Q']).ui.overlay).toMatchObject({ question: 'Stop the sweep? y stops it · n/Esc stays · d detaches (the sweep goes on)' });
    expect(q(['Q', 'y']).effects).toEqual([{ kind: 'stop', force: false }]);
    for (const stay of ['n', 'escape']) expect(q(['Q', stay]), stay).toMatchObject({ effects: [], ui: { overlay: null, stopping: 'no' } });
    expect(q(['Q', 'd']).effects).toEqual([{ kind: 'quit' }]);
    // d means nothing when the question is about one trial
    expect(q(['x', 'd']).effects).toEqual([]);
  });

  it('in the TUI that started the sweep, Ctrl-C asks; a second Ctrl-C while asking detaches; it never stops or kills by itself', () => {
    const run = (keys: string[]) => pressWith(keys, { detachable: true });
    const asked = run(['ctrl+c']);
    expect(asked.effects).toEqual([]);
    expect(asked.ui.overlay).toMatchObject({ action: 'quit', interrupted: true });
    expect(run(['ctrl+c', 'ctrl+c']).effects).toEqual([{ kind: 'quit' }]);
    expect(run(['?', 'ctrl+c', 'ctrl+c']).effects).toEqual([{ kind: 'quit' }]);
    // y: the stop Ctrl-C asked for exits 130, as a shell expects
    const stopped = run(['ctrl+c', 'y']);
    expect(stopped.effects).toEqual([{ kind: 'stop', force: false }]);
    expect(stopped.ui.interrupted).toBe(true);
    expect(run(['Q', 'y']).ui.interrupted).toBe(false);
    // once stopping, Ctrl-C leaves the stop to the controller instead of killing the trials
    expect(run(['ctrl+c', 'y', 'ctrl+c']).effects).toEqual([{ kind: 'stop', force: false }, { kind: 'quit' }]);
    expect(run(['ctrl+c', 'n']).ui).toMatchObject({ overlay: null, stopping: 'no' });
    expect(run(['ctrl+c', 'd']).effects).toEqual([{ kind: 'quit' }]);
  });

  it('a viewer (attach) leaves on Ctrl-C at once, from any screen or overlay', () => {
    for (const keys of [['ctrl+c'], ['?', 'ctrl+c'], ['l', 'ctrl+c'], ['Q', 'ctrl+c'], ['x', 'ctrl+c']]) {
      expect(pressWith(keys, { detachable: true, viewer: true }).effects, keys.join(' ')).toEqual([{ kind: 'quit' }]);
    }
  });

  it('q leaves at once when the sweep has finished', () => {
    expect(press(['q'], {}, sweep({ phase: 'finished' })).effects).toEqual([{ kind: 'quit' }]);
  });

  it('q, Q and Ctrl-C leave at once when the controller is lost: no stop could ever be confirmed', () => {
    const lost = { ...sweep(), disconnected: 'the controller closed the connection' };
    for (const key of ['q', 'Q', 'ctrl+c']) expect(press([key], {}, lost).effects, key).toEqual([{ kind: 'quit' }]);
  });

  it('without a controller elsewhere (the demo), Ctrl-C stops, a second Ctrl-C forces, from any overlay', () => {
    expect(press(['ctrl+c']).effects).toEqual([{ kind: 'stop', force: false }]);
    expect(press(['?', 'ctrl+c', 'ctrl+c']).effects).toEqual([
      { kind: 'stop', force: false },
      { kind: 'stop', force: true },
    ]);
  });
});
