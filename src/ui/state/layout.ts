/**
 * How the terminal's lines are shared. The frame is at most `rows - 1` lines: at `rows` or more,
 * Ink clears the screen and the scrollback and repaints everything on every update.
 */
export interface Layout {
  width: number;
  /** Lines of the whole frame (rows - 1). */
  height: number;
  /** Trial rows visible in the table (its header line not counted). */
  tableRows: number;
  /** Lines of the detail pane; 0 when hidden. */
  detailHeight: number;
  /** Lines of output in the log view. */
  logLines: number;
  /** Below this the app shows a "too small" notice instead of a broken table. */
  tooSmall: boolean;
}

/** Header, resource line, table header, status line, footer. */
const FIXED_LINES = 5;
export const MIN_WIDTH = 40;
export const MIN_ROWS = 10;
/** The detail pane needs room for a readable plot; below 80×24 it is dropped. */
const DETAIL_MIN_WIDTH = 80;
const DETAIL_MIN_ROWS = 24;

/**
 * `statusLines`: lines the status line takes (a long message is wrapped, see StatusLine).
 * `winnerLine`: the table screen has the winner line under the header (a sweep with runs).
 */
export function computeLayout(columns: number, rows: number, detailOpen: boolean, statusLines = 1, winnerLine = false): Layout {
  const width = Math.max(1, columns);
  const height = Math.max(1, rows - 1);
  const tooSmall = columns < MIN_WIDTH || rows < MIN_ROWS;
  const body = Math.max(1, height - FIXED_LINES - (statusLines - 1) - (winnerLine ? 1 : 0));
  const showDetail = detailOpen && !tooSmall && columns >= DETAIL_MIN_WIDTH && rows >= DETAIL_MIN_ROWS;
  const detailHeight = showDetail ? Math.min(16, Math.max(8, Math.round(body * 0.45))) : 0;
  return {
    width,
    height,
    tableRows: Math.max(1, body - detailHeight),
    detailHeight,
    // Log view: title, status and footer lines around the output.
    logLines: Math.max(1, height - 3 - (statusLines - 1)),
    tooSmall,
  };
}

/** First visible row so that `cursor` is on screen, moving the window as little as possible. */
export function windowStart(hint: number, cursor: number, visible: number, total: number): number {
  const maxTop = Math.max(0, total - visible);
  let top = Math.min(Math.max(0, hint), maxTop);
  if (cursor < top) top = cursor;
  else if (cursor >= top + visible) top = cursor - visible + 1;
  return Math.min(Math.max(0, top), maxTop);
}
