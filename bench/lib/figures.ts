/**
 * A figure is one measured quantity over every run, optionally paired run by run with the same
 * quantity of a baseline, and optionally held against a goal. Goals are targets, typed by people;
 * everything else in a figure was measured.
 */
import { spread, type Spread } from './stats.js';

export interface Goal {
  /** What the goal bounds: the figure itself, or its ratio to the baseline (figure ÷ baseline). */
  of: 'value' | 'ratio';
  op: '<' | '≤' | '>' | '≥';
  limit: number;
}

export interface Figure {
  /** What was measured, e.g. "500 no-op trials at parallel 8: wall time". */
  label: string;
  unit: string;
  /** One value per run. */
  values: number[];
  /** The same quantity of the baseline, value i measured in the same round as `values[i]`. */
  baseline?: { label: string; values: number[] };
  goal?: Goal;
}

export interface SummarisedFigure {
  figure: Figure;
  own: Spread;
  baseline?: Spread;
  /** The spread of the per-run ratios figure ÷ baseline (not the ratio of the medians); none when a baseline value is ≤ 0. */
  ratio?: Spread;
  /** Whether the median (of the figure or of the ratios, as the goal says) meets the goal. */
  met?: boolean;
}

export function summarise(figure: Figure): SummarisedFigure {
  const own = spread(figure.values);
  let baseline: Spread | undefined;
  let ratio: Spread | undefined;
  if (figure.baseline) {
    const paired = figure.baseline.values;
    if (paired.length !== figure.values.length) {
      throw new Error(`${figure.label}: ${figure.values.length} runs but ${paired.length} of the baseline`);
    }
    baseline = spread(paired);
    // a ratio to zero or less means nothing (e.g. a latency near zero read with two processes' clocks)
    if (paired.every((value) => value > 0)) ratio = spread(figure.values.map((value, i) => value / paired[i]));
  }
  const goal = figure.goal;
  let met: boolean | undefined;
  if (goal) {
    const judged = goal.of === 'ratio' ? ratio?.median : own.median;
    if (judged === undefined) throw new Error(`${figure.label}: a goal on the ratio needs a baseline`);
    met = meets(judged, goal);
  }
  return { figure, own, baseline, ratio, met };
}

function meets(value: number, { op, limit }: Goal): boolean {
  if (op === '<') return value < limit;
  if (op === '≤') return value <= limit;
  if (op === '>') return value > limit;
  return value >= limit;
}

/** Three significant digits; whole numbers, and any from 1,000 up, as integers; NaN (nothing measured) as a dash. */
export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '—' : String(value);
  if (Math.abs(value) >= 1000 || Number.isInteger(value)) return Math.round(value).toLocaleString('en');
  if (value === 0) return '0';
  if (Math.abs(value) < 0.001) return value.toExponential(2);
  return value.toPrecision(3);
}

/** `min / median / max unit`; a ratio's × goes without a space. */
export const formatSpread = (s: Spread, unit: string): string =>
  `${formatFigure(s.min)} / ${formatFigure(s.median)} / ${formatFigure(s.max)}${unit === '×' ? '×' : unit ? ` ${unit}` : ''}`;

export function formatGoal(figure: Figure): string {
  const goal = figure.goal;
  if (!goal) return '';
  // a goal is typed by people: shown as typed, not rounded like a measurement
  const limit = goal.limit.toLocaleString('en', { maximumFractionDigits: 6 });
  return goal.of === 'ratio' ? `${goal.op} ${limit}× baseline` : `${goal.op} ${limit} ${figure.unit}`;
}
