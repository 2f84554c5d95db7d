/**
 * Plots curves against their step with asciichart, working around its traps: it
 * never downsamples (1,000 points → 1,013 columns), throws on NaN or an empty series, mislabels a
 * flat series, and its height is approximate. Curves of different lengths share one step axis, so
 * a trial at step 40 and one at step 400 are compared where they overlap; the last line labels
 * that axis with steps. The pruner's threshold is drawn dashed, behind the curves: asciichart has
 * one set of symbols for all series, so it is laid into the blank cells of its row afterwards.
 */
import asciichart from 'asciichart';
import { fitNumber } from './number.js';
import { compactColours } from './ansi.js';

export interface ChartSeries {
  steps: readonly number[];
  values: readonly number[];
  /** An ANSI colour (asciichart's codes); undefined draws in the terminal's default colour. */
  colour?: string;
}

export interface ChartOptions {
  /** Total width in cells, axis labels included. */
  width: number;
  /** Exact number of lines returned, the step axis included. */
  height: number;
  /** A horizontal dashed line (the pruner's threshold), drawn across the whole plot behind the curves. */
  threshold?: { value: number; colour?: string } | null;
}

const LABEL_WIDTH = 9;

/** Lines of the plot, or null when there is nothing finite to draw. */
export function plotCurves(series: readonly ChartSeries[], options: ChartOptions): string[] | null {
  const columns = options.width - LABEL_WIDTH - 1;
  if (columns < 4 || options.height < 2) return null;
  const clean = series.map(finitePoints).filter((s) => s.steps.length > 0);
  if (clean.length === 0) return null;

  const first = Math.min(...clean.map((s) => s.steps[0]));
  // Axes move in round increments, not with every report: a new point then redraws a few cells at
  // the end of the curve instead of every line of the plot (bytes over SSH; see niceCeil).
  const last = first + niceCeil(Math.max(...clean.map((s) => s.steps[s.steps.length - 1])) - first);
  const lines = clean.map((s) => resample(s, first, last, columns));
  const colours = clean.map((s) => s.colour);
  const threshold = options.threshold && Number.isFinite(options.threshold.value) ? options.threshold : null;

  let min = threshold ? threshold.value : Infinity;
  let max = threshold ? threshold.value : -Infinity;
  for (const line of lines) {
    for (const v of line) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min === max) {
    // A flat series would get one row and a wrong label: open the range around it.
    const pad = Math.abs(min) * 0.05 || 1;
    min -= pad;
    max += pad;
  }
  [min, max] = roundOutward(min, max);

  // Below three lines of plot an axis line would leave too little to see.
  const axis = options.height >= 4;
  const plotHeight = options.height - (axis ? 1 : 0);
  // asciichart draws `height + 1` rows (give or take float rounding): trim or pad below.
  const height = plotHeight - 1;
  const text = asciichart.plot(lines, {
    min,
    max,
    height,
    offset: 2,
    colors: colours,
    // Four significant digits: 1.645, not 1.645455 (rows fall between round numbers).
    format: (x: number) => fitNumber(Number(x.toPrecision(4)), LABEL_WIDTH - 1).padStart(LABEL_WIDTH),
  });
  const out = text.split('\n').slice(0, plotHeight);
  if (threshold) {
    const row = rowOf(threshold.value, min, max, height);
    if (row >= 0 && row < out.length) out[row] = dashBehind(out[row], columns, threshold.colour);
  }
  while (out.length < plotHeight) out.push('');
  if (axis) out.push(stepAxis(first, last, columns));
  return out.map(compactColours);
}

/** The row asciichart draws `value` on, counted from the top (its own rounding, see asciichart.plot). */
function rowOf(value: number, min: number, max: number, height: number): number {
  const ratio = height / (max - min);
  const min2 = Math.round(min * ratio);
  const rows = Math.abs(Math.round(max * ratio) - min2);
  return rows - (Math.round(value * ratio) - min2);
}

/** One plot cell: a character, alone or wrapped in asciichart's colour and reset. */
const CELL = /\x1b\[[0-9;]*m[^\x1b]\x1b\[0m|[^\x1b]/gu;
const DASH = '┄';

/** `line` (a row of the plot) with every blank cell of the plot area dashed: the curves stay in front. */
function dashBehind(line: string, columns: number, colour: string | undefined): string {
  const label = line.slice(0, LABEL_WIDTH);
  // the axis cell, then one cell per column
  const cells = line.slice(LABEL_WIDTH).match(CELL) ?? [];
  const dash = colour === undefined ? DASH : `${colour}${DASH}\x1b[0m`;
  for (let c = 1; c <= columns; c++) if (cells[c] === undefined || cells[c] === ' ') cells[c] = dash;
  return label + cells.join('');
}

/** The last line: `step` under the labels, then the first, middle and last step under their columns. */
function stepAxis(first: number, last: number, columns: number): string {
  const cells = new Array<string>(columns).fill(' ');
  const put = (text: string, at: number) => {
    const start = Math.max(0, Math.min(columns - text.length, at));
    for (let i = 0; i < text.length && start + i < columns; i++) cells[start + i] = text[i];
  };
  put(formatStep(first), 0);
  if (last > first) {
    const end = formatStep(last);
    const middle = formatStep(first + (last - first) / 2);
    // the middle label only where it cannot run into the others
    if (columns >= 3 * Math.max(end.length, middle.length) + 6) put(middle, Math.round((columns - 1) / 2 - middle.length / 2));
    put(end, columns - end.length);
  }
  return `${'step'.padStart(LABEL_WIDTH)} ${cells.join('').trimEnd()}`;
}

function formatStep(step: number): string {
  return Number.isInteger(step) ? String(step) : String(Number(step.toPrecision(3)));
}

function finitePoints(s: ChartSeries): ChartSeries {
  const steps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < s.values.length; i++) {
    if (Number.isFinite(s.values[i]) && Number.isFinite(s.steps[i])) {
      steps.push(s.steps[i]);
      values.push(s.values[i]);
    }
  }
  return { steps, values, colour: s.colour };
}

/**
 * One value per column over the shared step range: linear between the two reports around the
 * column's step (so eight epochs on sixty columns are a line, not stairs). asciichart draws every
 * series from column 0, so a curve that starts late is held at its first value until then; one
 * that ends early simply stops.
 */
function resample(s: ChartSeries, first: number, last: number, columns: number): number[] {
  const span = last - first;
  const out: number[] = [];
  const steps = s.steps;
  const lastStep = steps[steps.length - 1];
  let i = 0;
  for (let c = 0; c < columns; c++) {
    const x = span === 0 ? last : first + (span * c) / (columns - 1);
    if (x > lastStep + 1e-9) break;
    while (i + 1 < steps.length && steps[i + 1] <= x) i++;
    if (x <= steps[0] || i + 1 >= steps.length) {
      out.push(s.values[i]);
      continue;
    }
    const t = (x - steps[i]) / (steps[i + 1] - steps[i]);
    out.push(s.values[i] + t * (s.values[i + 1] - s.values[i]));
  }
  return out;
}

/** The smallest of 1, 2, 5 × 10^k that is ≥ span (0 stays 0). */
export function niceCeil(span: number): number {
  if (!(span > 0)) return 0;
  const magnitude = 10 ** Math.floor(Math.log10(span));
  for (const factor of [1, 2, 5, 10]) if (factor * magnitude >= span) return factor * magnitude;
  return 10 * magnitude;
}

/** Widens [min, max] to multiples of a tenth of the range's magnitude, so labels change rarely. */
function roundOutward(min: number, max: number): [number, number] {
  const unit = 10 ** (Math.floor(Math.log10(max - min)) - 1);
  return [Math.floor(min / unit) * unit, Math.ceil(max / unit) * unit];
}
