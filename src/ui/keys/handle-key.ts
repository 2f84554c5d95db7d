/**
 * One key press → the next UI state and the effects to carry out. Pure, so every key of the issue
 * is tested by calling it (test/ui/handle-key.test.ts), without rendering.
 */
import { TRIAL_STATES } from '../../plugin-api/trial-state.js';
import type { Layout } from '../state/layout.js';
import { moveCursor, scrollLog } from '../state/navigation.js';
import { frontIdsOf } from '../state/front-plot.js';
import { selectedTrial } from '../state/rows.js';
import type { SweepView } from '../state/sweep-view.js';
import { objectiveIndexOf, sortKeys, type UiState } from '../state/ui-state.js';
import { commandFor, type CommandId, type KeyContext } from './key-table.js';
import {
  askKill,
  askStop,
  changeParallel,
  detach,
  interrupt,
  openForm,
  pauseOrResume,
  promote,
  quit,
  submitForm,
  type KeyResult,
} from './trial-actions.js';

export interface KeyEnv {
  view: SweepView;
  /** Trial ids in table order (filtered, sorted). */
  rows: readonly number[];
  layout: Layout;
  /** Lines in the log view's buffer (for scrolling it). */
  logLength: number;
  now: number;
  /** q detaches instead of stopping (the TUI is attached to a controller elsewhere). */
  detachable?: boolean;
  /** The TUI only watches (`attach`): Ctrl-C leaves it, as `q` does. */
  viewer?: boolean;
  /** Nothing runs the sweep: keys that would act on it answer with this line. */
  readOnly?: string;
  /** The front view's members in its list's order (hooks/use-front.ts), while it is open. */
  front?: readonly number[];
}

/** Keys that ask something of the sweep or one of its trials: a sweep nothing runs cannot answer them. */
const ACTING: ReadonlySet<CommandId> = new Set<CommandId>([
  'trial.pause',
  'trial.kill',
  'trial.promote',
  'sweep.parallelUp',
  'sweep.parallelDown',
  'trial.new',
]);

type FrontOverlay = Extract<UiState['overlay'], { kind: 'front' }>;
/** Keys of a two-way binding that go back: up or left. */
const BACKWARD: ReadonlySet<string> = new Set(['up', 'k', 'left', 'h']);

export interface KeyPress {
  /** From keyName(). */
  name: string;
  /** The character typed, when it is printable (for text fields); '' otherwise. */
  text: string;
}

export function contextOf(ui: UiState): KeyContext {
  if (ui.overlay) return ui.overlay.kind;
  return ui.screen;
}

export function handleKey(ui: UiState, key: KeyPress, env: KeyEnv): KeyResult {
  // Until the first key the cursor is "the first row" (the first running trial, by default); from
  // then on it stays on its trial, which may move (paused trials come after running ones).
  if (ui.cursorId === null && env.rows.length > 0) ui = { ...ui, cursorId: selectedTrial(env.view, env.rows, ui)?.snapshot.id ?? null };
  const context = contextOf(ui);
  const command = commandFor(context, key.name);
  if (!command) return typeInto(ui, key);
  const none = (next: UiState): KeyResult => ({ ui: next, effects: [] });
  const trial = ui.screen === 'log' && ui.log ? env.view.trials.get(ui.log.trialId) : selectedTrial(env.view, env.rows, ui);
  const page = env.layout.tableRows;
  if (env.readOnly !== undefined && ACTING.has(command)) {
    return none({ ...ui, status: { time: env.now, level: 'warn', text: env.readOnly } });
  }

  switch (command) {
    case 'nav.up':
    case 'nav.down': {
      const delta = command === 'nav.up' ? -1 : 1;
      if (context === 'filter' && ui.overlay?.kind === 'filter') {
        const cursor = (ui.overlay.cursor + delta + TRIAL_STATES.length) % TRIAL_STATES.length;
        return none({ ...ui, overlay: { ...ui.overlay, cursor } });
      }
      if (context === 'log') return none(scrollLog(ui, env.logLength, env.layout.logLines, delta));
      return none(moveCursor(ui, env.rows, page, { delta }));
    }
    case 'nav.pageUp':
    case 'nav.pageDown': {
      const sign = command === 'nav.pageUp' ? -1 : 1;
      if (context === 'log') return none(scrollLog(ui, env.logLength, env.layout.logLines, sign * env.layout.logLines));
      return none(moveCursor(ui, env.rows, page, { delta: sign * page }));
    }
    case 'nav.top':
      if (context === 'log') return none(scrollLog(ui, env.logLength, env.layout.logLines, 'top'));
      return none(moveCursor(ui, env.rows, page, { to: 0 }));
    case 'nav.bottom':
      return none(moveCursor(ui, env.rows, page, { to: env.rows.length - 1 }));
    case 'detail.toggle': {
      // a trial with runs opens (or folds) its runs in the table; the detail pane lists them too
      const id = trial?.snapshot.runs ? trial.snapshot.id : null;
      if (id === null) return none({ ...ui, detailOpen: !ui.detailOpen });
      return none({ ...ui, expanded: ui.expanded.includes(id) ? ui.expanded.filter((e) => e !== id) : [...ui.expanded, id] });
    }
    case 'trial.mark': {
      if (!trial) return none(ui);
      const id = trial.snapshot.id;
      const marked = ui.marked.includes(id) ? ui.marked.filter((m) => m !== id) : [...ui.marked, id];
      return none({ ...ui, marked });
    }
    case 'compare.open': {
      const present = ui.marked.filter((id) => env.view.trials.has(id)).length;
      // the hint that asked for marks is answered: it goes
      if (present >= 2) return none({ ...ui, overlay: { kind: 'compare' }, status: null });
      const text = `mark two or more trials with space to compare${present === 1 ? ' (1 marked)' : ''}`;
      return none({ ...ui, status: { time: env.now, level: 'info', text } });
    }
    case 'analysis.open':
      return none({ ...ui, overlay: { kind: 'analysis', param: 0, plot: 'scatter' }, status: null });
    case 'analysis.plot':
      if (ui.overlay?.kind !== 'analysis') return none(ui);
      return none({ ...ui, overlay: { ...ui.overlay, plot: ui.overlay.plot === 'scatter' ? 'heatmap' : 'scatter' } });
    case 'analysis.previous':
    case 'analysis.next': {
      if (ui.overlay?.kind !== 'analysis') return none(ui);
      // wraps around in the view, which knows how many parameters there are
      const param = ui.overlay.param + (command === 'analysis.next' ? 1 : -1);
      return none({ ...ui, overlay: { ...ui.overlay, param } });
    }
    case 'front.open': {
      const objectives = env.view.info.objectives ?? [env.view.info.metric];
      if (objectives.length < 2) {
        const text = `the front view plots two objectives; this sweep has one (${objectives[0].name})`;
        return none({ ...ui, status: { time: env.now, level: 'info', text } });
      }
      return none({ ...ui, overlay: { kind: 'front', pair: 0, selected: null }, status: null });
    }
    case 'front.move':
      if (ui.overlay?.kind !== 'front') return none(ui);
      return none(moveInFront(ui, ui.overlay, frontIds(ui.overlay, env), BACKWARD.has(key.name) ? -1 : 1));
    case 'front.pair':
      if (ui.overlay?.kind !== 'front') return none(ui);
      // wraps around in the view, which knows how many pairs there are
      return none({ ...ui, overlay: { ...ui.overlay, pair: ui.overlay.pair + (BACKWARD.has(key.name) ? -1 : 1) } });
    case 'front.select':
      return selectFrontMember(ui, env);
    case 'log.open':
      if (!trial) return none(ui);
      return none({ ...ui, screen: 'log', log: { trialId: trial.snapshot.id, stream: 'stdout', follow: true, top: 0, wrap: true } });
    case 'log.close':
      return none({ ...ui, screen: 'table' });
    case 'log.follow':
      return none(ui.log ? { ...ui, log: { ...ui.log, follow: true } } : ui);
    case 'log.wrap':
      return none(ui.log ? { ...ui, log: { ...ui.log, wrap: !ui.log.wrap, follow: true, top: 0 } } : ui);
    case 'log.stream':
      if (!ui.log) return none(ui);
      return none({ ...ui, log: { ...ui.log, stream: ui.log.stream === 'stdout' ? 'stderr' : 'stdout', follow: true, top: 0 } });
    case 'trial.pause':
      return pauseOrResume(ui, env.view, trial, env.now);
    case 'trial.kill':
      return askKill(ui, env.view, trial, env.now);
    case 'trial.promote':
      return promote(ui, env.view, trial, env.now);
    case 'sweep.parallelUp':
      return changeParallel(ui, env.view, 1, env.now);
    case 'sweep.parallelDown':
      return changeParallel(ui, env.view, -1, env.now);
    case 'sort.cycle': {
      const objectives = env.view.info.objectives ?? [env.view.info.metric];
      const keys = sortKeys(objectives.length);
      const key = keys[(keys.indexOf(ui.sort.key) + 1) % keys.length];
      // a sweep of several objectives names the one it sorts by
      const index = objectiveIndexOf(key);
      const text = index !== null && objectives.length > 1 ? `sorted by ${objectives[index].name}` : `sorted by ${key}`;
      return none({ ...ui, sort: { key, reverse: false }, status: { time: env.now, level: 'info', text } });
    }
    case 'sort.reverse':
      return none({ ...ui, sort: { ...ui.sort, reverse: !ui.sort.reverse } });
    case 'filter.open':
      return none({ ...ui, overlay: { kind: 'filter', cursor: 0 } });
    case 'filter.toggle': {
      if (ui.overlay?.kind !== 'filter') return none(ui);
      const state = TRIAL_STATES[ui.overlay.cursor];
      const shown = new Set(ui.filter ?? TRIAL_STATES);
      if (shown.has(state)) shown.delete(state);
      else shown.add(state);
      const filter = shown.size === TRIAL_STATES.length ? null : TRIAL_STATES.filter((s) => shown.has(s));
      return none({ ...ui, filter, cursorId: ui.cursorId, scrollTop: 0 });
    }
    case 'filter.all':
      return none({ ...ui, filter: null });
    case 'search.open':
      return none({ ...ui, overlay: { kind: 'search', draft: ui.search } });
    case 'plot.cycleMetric': {
      const names = env.view.metricNames;
      const current = names.indexOf(ui.plotMetric ?? names[0]);
      const next = names[(current + 1) % names.length];
      return none({
        ...ui,
        plotMetric: next === names[0] ? null : next,
        status: { time: env.now, level: 'info', text: `plotting ${next}` },
      });
    }
    case 'trial.new':
      return openForm(ui, env.view, trial, env.now);
    case 'help.open':
      return none({ ...ui, overlay: { kind: 'help' } });
    case 'overlay.close':
      if (ui.overlay?.kind === 'search' && key.name === 'escape') return none({ ...ui, overlay: null, search: '' });
      if (!ui.overlay && ui.search !== '') return none({ ...ui, search: '' });
      return none({ ...ui, overlay: null });
    case 'app.quit':
      return quit(ui, env.view, env.detachable ?? false);
    case 'app.stop':
      return askStop(ui, env.view, { detachable: env.detachable ?? false });
    case 'app.interrupt':
      return interrupt(ui, env.view, env.now, { detachable: env.detachable ?? false, viewer: env.viewer ?? false });
    case 'confirm.no':
      return none({ ...ui, overlay: null });
    case 'confirm.detach':
      return ui.overlay?.kind === 'confirm' && ui.overlay.action === 'quit' && env.detachable ? detach(ui) : none(ui);
    case 'confirm.yes':
      return confirm(ui, env);
    case 'text.submit':
      if (ui.overlay?.kind === 'search') return none({ ...ui, overlay: null, search: ui.overlay.draft });
      if (ui.overlay?.kind === 'form') return submitForm(ui, ui.overlay, env.view);
      return none(ui);
    case 'text.backspace':
      return editText(ui, (text) => text.slice(0, -1));
    case 'form.next':
    case 'form.previous': {
      if (ui.overlay?.kind !== 'form') return none(ui);
      const n = ui.overlay.fields.length;
      const focus = (ui.overlay.focus + (command === 'form.next' ? 1 : -1) + n) % n;
      return none({ ...ui, overlay: { ...ui.overlay, focus } });
    }
  }
}

function confirm(ui: UiState, env: KeyEnv): KeyResult {
  const overlay = ui.overlay;
  if (overlay?.kind !== 'confirm') return { ui, effects: [] };
  const closed = { ...ui, overlay: null };
  if (overlay.action === 'quit') {
    const leave = env.detachable ? 'Ctrl-C leaves, the stop goes on' : 'Ctrl-C kills the trials at once';
    return {
      ui: {
        ...closed,
        stopping: 'graceful',
        interrupted: overlay.interrupted ?? false,
        status: { time: env.now, level: 'warn', text: `stopping… (${leave})` },
      },
      effects: [{ kind: 'stop', force: false }],
    };
  }
  const state = env.view.trials.get(overlay.trialId)?.snapshot.state;
  const success = state === 'queued' ? `removed #${overlay.trialId} from the queue` : `killed #${overlay.trialId}`;
  return { ui: closed, effects: [{ kind: 'command', command: { type: 'kill', trialId: overlay.trialId }, success, origin: 'key' }] };
}

/**
 * The front's ids in the list's order: as last drawn, or, for a key that comes before the view
 * has drawn (a quick `o ↓` on a loaded machine), from the view itself, so the key is not lost.
 */
function frontIds(overlay: FrontOverlay, env: KeyEnv): readonly number[] {
  return env.front ?? frontIdsOf(env.view, overlay.pair);
}

/** The front member under the list's cursor: the selected one while on the front, else the first. */
function frontCursor(overlay: FrontOverlay, ids: readonly number[]): number {
  return overlay.selected === null ? 0 : Math.max(0, ids.indexOf(overlay.selected));
}

function moveInFront(ui: UiState, overlay: FrontOverlay, ids: readonly number[], delta: number): UiState {
  if (ids.length === 0) return ui;
  const index = Math.min(ids.length - 1, Math.max(0, frontCursor(overlay, ids) + delta));
  return { ...ui, overlay: { ...overlay, selected: ids[index] } };
}

/**
 * Enter in the front view: back to the table with that trial selected and its detail open. A
 * filter or search that hides it is cleared, and the status line says so.
 */
function selectFrontMember(ui: UiState, env: KeyEnv): KeyResult {
  if (ui.overlay?.kind !== 'front') return { ui, effects: [] };
  const ids = frontIds(ui.overlay, env);
  if (ids.length === 0) return { ui, effects: [] };
  const id = ids[frontCursor(ui.overlay, ids)];
  const selected: UiState = { ...ui, overlay: null, cursorId: id, detailOpen: true, status: null };
  const row = env.rows.indexOf(id);
  if (row !== -1) return { ui: { ...selected, cursorIndex: row }, effects: [] };
  const text = `filter and search cleared to show trial #${id}`;
  return { ui: { ...selected, filter: null, search: '', status: { time: env.now, level: 'info', text } }, effects: [] };
}

/** Printable keys go into the search field or the focused form field. */
function typeInto(ui: UiState, key: KeyPress): KeyResult {
  if (key.text === '') return { ui, effects: [] };
  return editText(ui, (text) => text + key.text);
}

function editText(ui: UiState, edit: (text: string) => string): KeyResult {
  const overlay = ui.overlay;
  if (overlay?.kind === 'search') {
    const draft = edit(overlay.draft);
    // The table filters as you type; Esc clears the search.
    return { ui: { ...ui, overlay: { ...overlay, draft }, search: draft, scrollTop: 0 }, effects: [] };
  }
  if (overlay?.kind === 'form' && !overlay.busy) {
    const fields = overlay.fields.map((f, i) => (i === overlay.focus ? { ...f, text: edit(f.text) } : f));
    return { ui: { ...ui, overlay: { ...overlay, fields, error: null } }, effects: [] };
  }
  return { ui, effects: [] };
}
