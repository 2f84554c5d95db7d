/**
 * One parameter against the objective, as lines of characters: a point per trial, the y axis
 * labelled on the left, the x axis below. A number axis is linear, or logarithmic for a parameter
 * sampled in log space (its values then spread over decades, and a linear axis would crowd all but
 * the largest into the first column); a choice gets one column per value. When several trials
 * fall in one cell the most telling mark wins: the best trial, then a completed one, then a pruned
 * one. Pure: the component only paints the segments.
 */
import { fitNumber } from './number.js';

export type PointKind = 'completed' | 'pruned' | 'best';

export interface ScatterPoint {
  x: number | string;
  /** The objective: a pruned trial's is the value it was pruned with. */
  y: number;
  kind: PointKind;
}

export type ScatterAxis = { kind: 'linear' | 'log'; low: number; high: number } | { kind: 'categorical'; values: readonly string[] };

export interface Segment {
  text: string;
  /** How to paint it: `axis` and `pruned` dim, `best` highlighted. */
  style: 'plain' | 'axis' | PointKind;
}

export const MARKS: Readonly<Record<PointKind, string>> = { completed: '●', pruned: '·', best: '★' };
const PRIORITY: Readonly<Record<PointKind, number>> = { pruned: 0, completed: 1, best: 2 };
const Y_LABEL_WIDTH = 9;

/** `height` lines of plot, then the x axis and its labels: `height + 2` lines of `width` characters at most. */
export function scatterPlot(points: readonly ScatterPoint[], axis: ScatterAxis, width: number, height: number): Segment[][] {
  const plotWidth = Math.max(2, width - Y_LABEL_WIDTH - 1);
  const rows = Math.max(2, height);
  const ys = points.map((p) => p.y).filter(Number.isFinite);
  const yLow = ys.length > 0 ? Math.min(...ys) : 0;
  const yHigh = ys.length > 0 ? Math.max(...ys) : 1;
  const column = columnOf(axis, plotWidth);
  const grid: (PointKind | null)[][] = Array.from({ length: rows }, () => new Array<PointKind | null>(plotWidth).fill(null));
  for (const point of points) {
    const x = column(point.x);
    if (x === null || !Number.isFinite(point.y)) continue;
    // the largest objective on the top line
    const y = yHigh === yLow ? Math.floor(rows / 2) : Math.round(((yHigh - point.y) / (yHigh - yLow)) * (rows - 1));
    const held = grid[y][x];
    if (held === null || PRIORITY[point.kind] > PRIORITY[held]) grid[y][x] = point.kind;
  }

  const lines = grid.map((cells, i) => {
    const label = i === 0 ? fitNumber(yHigh, Y_LABEL_WIDTH - 1) : i === rows - 1 ? fitNumber(yLow, Y_LABEL_WIDTH - 1) : '';
    return [{ text: `${label.padStart(Y_LABEL_WIDTH - 1)} ${label ? '┤' : '│'}`, style: 'axis' as const }, ...runsOf(cells)];
  });
  lines.push([{ text: `${' '.repeat(Y_LABEL_WIDTH)}└${'─'.repeat(plotWidth)}`, style: 'axis' }]);
  lines.push([{ text: `${' '.repeat(Y_LABEL_WIDTH + 1)}${xLabels(axis, plotWidth)}`, style: 'axis' }]);
  return lines;
}

/** The screen column of a value, or null when it cannot be placed (a log axis's value ≤ 0, an unknown choice). */
function columnOf(axis: ScatterAxis, plotWidth: number): (x: number | string) => number | null {
  if (axis.kind === 'categorical') {
    const slot = plotWidth / Math.max(1, axis.values.length);
    return (x) => {
      const i = axis.values.indexOf(String(x));
      return i === -1 ? null : Math.min(plotWidth - 1, Math.floor(slot * i + slot / 2));
    };
  }
  const scale = axis.kind === 'log' ? Math.log10 : (v: number) => v;
  const low = scale(axis.low);
  const high = scale(axis.high);
  return (x) => {
    if (typeof x !== 'number') return null;
    const v = scale(x);
    if (!Number.isFinite(v)) return null;
    const t = high === low ? 0.5 : (v - low) / (high - low);
    return Math.min(plotWidth - 1, Math.max(0, Math.round(t * (plotWidth - 1))));
  };
}

function xLabels(axis: ScatterAxis, plotWidth: number): string {
  const line = new Array<string>(plotWidth).fill(' ');
  const put = (text: string, centre: number) => {
    const start = Math.min(plotWidth - text.length, Math.max(0, Math.round(centre - text.length / 2)));
    // a label that would overwrite another is left out rather than garbled
    if (line.slice(Math.max(0, start - 1), start + text.length + 1).some((c) => c !== ' ')) return;
    for (let i = 0; i < text.length && start + i < plotWidth; i++) line[start + i] = text[i];
  };
  if (axis.kind === 'categorical') {
    const slot = plotWidth / Math.max(1, axis.values.length);
    axis.values.forEach((value, i) => put(value.slice(0, Math.max(1, Math.floor(slot) - 1)), slot * i + slot / 2));
  } else {
    put(fitNumber(axis.low, 8), 0);
    put(fitNumber(axis.high, 8), plotWidth);
    const middle = axis.kind === 'log' ? Math.sqrt(axis.low * axis.high) : (axis.low + axis.high) / 2;
    put(fitNumber(middle, 8), plotWidth / 2);
    if (axis.kind === 'log') put('(log)', plotWidth * 0.75);
  }
  return line.join('').trimEnd();
}

/** A row of cells as runs of one style each. */
function runsOf(cells: readonly (PointKind | null)[]): Segment[] {
  const runs: Segment[] = [];
  for (const cell of cells) {
    const style: Segment['style'] = cell ?? 'plain';
    const text = cell ? MARKS[cell] : ' ';
    const last = runs.at(-1);
    if (last && last.style === style) last.text += text;
    else runs.push({ text, style });
  }
  return runs;
}

/** The plot's lines as plain text (tests, and a terminal without colour). */
export function plainLines(lines: readonly Segment[][]): string[] {
  return lines.map((segments) =>
    segments
      .map((s) => s.text)
      .join('')
      .trimEnd(),
  );
}
