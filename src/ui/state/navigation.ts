/** Cursor and scroll moves, as pure functions of the UI state and the rows on screen. */
import { windowStart } from './layout.js';
import { cursorRow } from './rows.js';
import type { UiState } from './ui-state.js';

/** Moves the table cursor by `delta` rows (clamped), or to an absolute row with `to`. */
export function moveCursor(ui: UiState, rows: readonly number[], visible: number, move: { delta: number } | { to: number }): UiState {
  if (rows.length === 0) return ui;
  const from = cursorRow(rows, ui);
  const target = 'to' in move ? move.to : from + move.delta;
  const index = Math.min(Math.max(0, target), rows.length - 1);
  return {
    ...ui,
    cursorId: rows[index],
    cursorIndex: index,
    scrollTop: windowStart(ui.scrollTop, index, visible, rows.length),
  };
}

/**
 * Scrolls the log view. Leaving follow mode pins the view at the lines on screen, so new output
 * arriving below does not move what the person is reading.
 */
export function scrollLog(ui: UiState, lineCount: number, visible: number, delta: number | 'top'): UiState {
  if (!ui.log) return ui;
  const maxTop = Math.max(0, lineCount - visible);
  const current = ui.log.follow ? maxTop : Math.min(ui.log.top, maxTop);
  const top = delta === 'top' ? 0 : Math.min(Math.max(0, current + delta), maxTop);
  return { ...ui, log: { ...ui.log, follow: false, top } };
}
