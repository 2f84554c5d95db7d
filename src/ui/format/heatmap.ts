/**
 * Two parameters against the objective, as lines of characters: the first parameter's bins across
 * (format/heat-bins.ts), the second's up, each cell the best objective of the completed trials in
 * it, shaded by its quarter among the cells with the legend giving each shade's range
 * (format/heat-shades.ts). Shade characters rather than colour alone: the map reads the same
 * without colour. A cell wide enough shows its value; the best trial's cell carries ★. Pure: the
 * component only paints the segments.
 */
import type { Goal } from '../../plugin-api/plugin.js';
import { goalSign } from '../../plugin-api/explain.js';
import type { Parameter, ParamValue } from '../../plugin-api/space.js';
import { binCount, binEdges, binLabel, binOf, binsFor, type HeatBins } from './heat-bins.js';
import { legend, quartiles, SHADES, VALUE_WIDTH } from './heat-shades.js';
import { fitNumber } from './number.js';

export interface HeatTrial {
  x: ParamValue;
  y: ParamValue;
  objective: number;
  /** The sweep's best trial: its cell is starred. */
  best: boolean;
}

export interface HeatSegment {
  text: string;
  /** How to paint it: `axis` dim, `best` highlighted. */
  style: 'plain' | 'axis' | 'best';
}

const BEST_MARK = '★';
const X_BINS_MAX = 12;
const Y_BINS_MAX = 8;
/** A number bin narrower than this could not show its value. */
const MIN_CELL_WIDTH = 8;
const Y_LABEL_MAX = 13;
/** The x axis, its labels and the legend. */
const FOOT_LINES = 3;

type Tunable = Exclude<Parameter, { kind: 'const' }>;

interface Cell {
  value: number;
  best: boolean;
}

/** At most `height` lines of `width` characters: the grid, the x axis, its labels, the legend. */
export function heatMap(trials: readonly HeatTrial[], x: Tunable, y: Tunable, goal: Goal, width: number, height: number): HeatSegment[][] {
  const gridLines = Math.max(1, height - FOOT_LINES);
  const yBins = binsFor(
    y,
    trials.map((t) => t.y),
    Math.min(Y_BINS_MAX, gridLines),
  );
  const ny = binCount(yBins);
  const yLabels = Array.from({ length: ny }, (_, j) => binLabel(yBins, j, Y_LABEL_MAX));
  const labelWidth = Math.max(1, ...yLabels.map((l) => l.length));
  const gridWidth = Math.max(1, width - labelWidth - 2);
  const xBins = binsFor(
    x,
    trials.map((t) => t.x),
    Math.max(1, Math.min(X_BINS_MAX, Math.floor(gridWidth / MIN_CELL_WIDTH))),
  );
  const nx = binCount(xBins);
  const cellWidth = Math.max(1, Math.floor(gridWidth / nx));
  const cellHeight = Math.max(1, Math.floor(gridLines / ny));
  // a choice may have more values than the size has columns or rows: the ones beyond the edge are
  // left out, and the legend says how many
  const shownX = Math.min(nx, Math.floor(gridWidth / cellWidth));
  const shownY = Math.min(ny, Math.floor(gridLines / cellHeight));

  const sign = goalSign(goal);
  const cells = new Map<string, Cell>();
  for (const t of trials) {
    const i = binOf(xBins, t.x);
    const j = binOf(yBins, t.y);
    if (i === null || j === null || i >= shownX || j >= shownY || !Number.isFinite(t.objective)) continue;
    const held = cells.get(`${i},${j}`);
    if (!held) cells.set(`${i},${j}`, { value: t.objective, best: t.best });
    else cells.set(`${i},${j}`, { value: sign * t.objective < sign * held.value ? t.objective : held.value, best: held.best || t.best });
  }
  const levels = quartiles(
    [...cells.values()].map((c) => c.value),
    sign,
  );

  // a gap between cells when they are big enough to spare it, so neighbours of one shade stay apart
  const innerWidth = cellWidth >= 3 ? cellWidth - 1 : cellWidth;
  const innerHeight = cellHeight >= 3 ? cellHeight - 1 : cellHeight;
  const middle = Math.floor((innerHeight - 1) / 2);
  const lines: HeatSegment[][] = [];
  for (let j = shownY - 1; j >= 0; j--) {
    for (let line = 0; line < cellHeight; line++) {
      const label = line === middle ? yLabels[j] : '';
      const row: HeatSegment[] = [{ text: `${label.padStart(labelWidth)} ${label ? '┤' : '│'}`, style: 'axis' }];
      for (let i = 0; i < shownX; i++) {
        const cell = cells.get(`${i},${j}`);
        const inside = line < innerHeight;
        const text =
          cell && inside ? cellLine(cell, levels.get(cell.value)!, innerWidth, line === middle, innerHeight >= 2) : ' '.repeat(innerWidth);
        push(row, { text: text + ' '.repeat(cellWidth - innerWidth), style: cell?.best ? 'best' : 'plain' });
      }
      lines.push(row);
    }
  }
  lines.push([{ text: `${' '.repeat(labelWidth + 1)}└${'─'.repeat(shownX * cellWidth)}`, style: 'axis' }]);
  lines.push([{ text: `${' '.repeat(labelWidth + 2)}${xLabels(xBins, shownX, cellWidth)}`, style: 'axis' }]);
  const hidden = [
    shownX < nx ? `${nx - shownX} of ${nx} ${x.name} values` : '',
    shownY < ny ? `${ny - shownY} of ${ny} ${y.name} values` : '',
  ].filter((h) => h !== '');
  const beyond = hidden.length > 0 ? `${hidden.join(', ')} beyond the edge · ` : '';
  lines.push([{ text: beyond + legend(levels, cells.size, width - beyond.length), style: 'axis' }]);
  return lines;
}

/**
 * One line of a cell: its shade, with the value (and ★) on the middle line when they fit. A cell of
 * two lines or more writes its value on blank ground (digits among shade characters are hard to
 * read); a cell of one line keeps some shade on both sides of it.
 */
function cellLine(cell: Cell, level: number, width: number, middle: boolean, tall: boolean): string {
  const shade = SHADES[level];
  if (!middle) return shade.repeat(width);
  const mark = cell.best ? BEST_MARK : '';
  // a one-line cell keeps a space and a shade character on each side of its value
  const room = width - mark.length - (tall ? 0 : 4);
  const value = room >= 4 ? fitNumber(cell.value, Math.min(room, VALUE_WIDTH)) : '';
  const text = tall || value === '' ? mark + value : ` ${mark}${value} `;
  if (text === '') return shade.repeat(width);
  const before = Math.floor((width - text.length) / 2);
  const fill = tall ? ' ' : shade;
  return fill.repeat(before) + text + fill.repeat(width - before - text.length);
}

function xLabels(bins: HeatBins, shown: number, cellWidth: number): string {
  const plotWidth = shown * cellWidth;
  const line = new Array<string>(plotWidth).fill(' ');
  const put = (text: string, centre: number) => {
    const start = Math.min(plotWidth - text.length, Math.max(0, Math.round(centre - text.length / 2)));
    // a label that would overwrite another is left out rather than garbled
    if (start < 0 || line.slice(Math.max(0, start - 1), start + text.length + 1).some((c) => c !== ' ')) return;
    for (let i = 0; i < text.length; i++) line[start + i] = text[i];
  };
  if (bins.kind === 'values')
    bins.values.slice(0, shown).forEach((v, i) => put(v.slice(0, Math.max(1, cellWidth - 1)), i * cellWidth + (cellWidth - 1) / 2));
  // number bins are labelled at their boundaries, as a histogram's are
  else binEdges(bins).forEach((edge, i) => put(fitNumber(edge, 7), i * cellWidth));
  return line.join('').trimEnd();
}

function push(row: HeatSegment[], segment: HeatSegment): void {
  const last = row.at(-1);
  if (last && last.style === segment.style) last.text += segment.text;
  else row.push(segment);
}

/** The map's lines as plain text (tests, and a terminal without colour). */
export function plainHeatLines(lines: readonly HeatSegment[][]): string[] {
  return lines.map((segments) =>
    segments
      .map((s) => s.text)
      .join('')
      .trimEnd(),
  );
}
