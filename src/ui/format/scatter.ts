/**
 * A scatter of trials as lines of characters: a point per trial, the y axis labelled on the left
 * (largest value on top), the x axis below. Two views draw with it: the analysis view (a parameter
 * against the objective) and the front view (one objective against another). A number axis is
 * linear, or logarithmic for a parameter sampled in log space (its values then spread over
 * decades, and a linear axis would crowd all but the largest into the first column); a choice gets
 * one column per value. Each caller names its kinds of point and their marks; when several trials
 * fall in one cell the mark of higher rank wins (the best trial over a completed one over a pruned
 * one). Pure: the component only paints the segments.
 */
import { fitNumber } from './number.js';

/** The analysis view's kinds of point. */
export type PointKind = 'completed' | 'pruned' | 'best';

export interface ScatterPoint<K extends string = PointKind> {
  x: number | string;
  /** A pruned trial's objective is the value it was pruned with. */
  y: number;
  kind: K;
}

export type ScatterAxis = { kind: 'linear' | 'log'; low: number; high: number } | { kind: 'categorical'; values: readonly string[] };

/** How a kind of point is drawn: its character, and its rank when points share a cell (higher wins). */
export interface Mark {
  glyph: string;
  rank: number;
}

export type Marks<K extends string> = Readonly<Record<K, Mark>>;

export interface Segment<K extends string = PointKind> {
  text: string;
  /** How to paint it: `axis` dim, a kind of point as its caller paints it. */
  style: 'plain' | 'axis' | K;
}

/** The analysis view's marks: they differ by shape as well as colour. */
export const PARAMETER_MARKS: Marks<PointKind> = {
  pruned: { glyph: '·', rank: 0 },
  completed: { glyph: '●', rank: 1 },
  best: { glyph: '★', rank: 2 },
};
const Y_LABEL_WIDTH = 9;

/** `height` lines of plot, then the x axis and its labels: `height + 2` lines of `width` characters at most. */
export function scatterPlot<K extends string>(
  points: readonly ScatterPoint<K>[],
  axis: ScatterAxis,
  width: number,
  height: number,
  marks: Marks<K>,
): Segment<K>[][] {
  const plotWidth = Math.max(2, width - Y_LABEL_WIDTH - 1);
  const rows = Math.max(2, height);
  // a loop, not Math.min(...ys): spreading 10,000 values as arguments is slow and can overflow the stack
  let yLow = Infinity;
  let yHigh = -Infinity;
  for (const point of points) {
    if (!Number.isFinite(point.y)) continue;
    if (point.y < yLow) yLow = point.y;
    if (point.y > yHigh) yHigh = point.y;
  }
  if (yLow > yHigh) [yLow, yHigh] = [0, 1];
  const column = columnOf(axis, plotWidth);
  const grid: (K | null)[][] = Array.from({ length: rows }, () => new Array<K | null>(plotWidth).fill(null));
  for (const point of points) {
    const x = column(point.x);
    if (x === null || !Number.isFinite(point.y)) continue;
    const y = yHigh === yLow ? Math.floor(rows / 2) : Math.round(((yHigh - point.y) / (yHigh - yLow)) * (rows - 1));
    const held = grid[y][x];
    if (held === null || marks[point.kind].rank > marks[held].rank) grid[y][x] = point.kind;
  }

  const lines: Segment<K>[][] = grid.map((cells, i) => {
    const label = i === 0 ? fitNumber(yHigh, Y_LABEL_WIDTH - 1) : i === rows - 1 ? fitNumber(yLow, Y_LABEL_WIDTH - 1) : '';
    return [{ text: `${label.padStart(Y_LABEL_WIDTH - 1)} ${label ? '┤' : '│'}`, style: 'axis' as const }, ...runsOf(cells, marks)];
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
function runsOf<K extends string>(cells: readonly (K | null)[], marks: Marks<K>): Segment<K>[] {
  const runs: Segment<K>[] = [];
  for (const cell of cells) {
    const style: Segment<K>['style'] = cell ?? 'plain';
    const text = cell ? marks[cell].glyph : ' ';
    const last = runs.at(-1);
    if (last && last.style === style) last.text += text;
    else runs.push({ text, style });
  }
  return runs;
}

/** The plot's lines as plain text (tests, and a terminal without colour). */
export function plainLines<K extends string>(lines: readonly Segment<K>[][]): string[] {
  return lines.map((segments) =>
    segments
      .map((s) => s.text)
      .join('')
      .trimEnd(),
  );
}
