/**
 * A bounded metric curve for one trial. 10,000 trials × 1,000 points would be 10 million points;
 * the plot is at most a terminal wide, so each series keeps at most CAPACITY points: when full, it
 * halves (keeping the last point of each pair) and from then on stores one point per `stride`
 * reports. The last stored point is always the latest report, so a curve ends where the table's
 * "last" column says. Series are immutable to their readers: appending returns a new series.
 */
export interface Series {
  readonly steps: readonly number[];
  readonly values: readonly number[];
  /** Raw reports merged into each stored point since the last halving. */
  readonly stride: number;
  /** Reports merged into the last stored point so far (< stride: it is still being filled). */
  readonly fill: number;
  /** The last point is a progress-bar value still being redrawn: the next report replaces it. */
  readonly provisional: boolean;
}

export const SERIES_CAPACITY = 240;

export const emptySeries: Series = { steps: [], values: [], stride: 1, fill: 0, provisional: false };

export interface Point {
  step: number;
  value: number;
  provisional: boolean;
}

/**
 * Appends in place to arrays the caller owns (a copy made once per batch of events, see
 * sweep-reducer), returning the new bookkeeping fields.
 */
export function appendPoint(
  target: { steps: number[]; values: number[]; stride: number; fill: number; provisional: boolean },
  point: Point,
  capacity = SERIES_CAPACITY,
): void {
  const n = target.steps.length;
  const replace = n > 0 && (target.provisional || target.fill < target.stride);
  if (replace) {
    target.steps[n - 1] = point.step;
    target.values[n - 1] = point.value;
    if (!target.provisional) target.fill++;
  } else {
    target.steps.push(point.step);
    target.values.push(point.value);
    target.fill = 1;
  }
  target.provisional = point.provisional;
  if (target.steps.length > capacity) halve(target);
}

function halve(target: { steps: number[]; values: number[]; stride: number; fill: number }): void {
  const steps: number[] = [];
  const values: number[] = [];
  const n = target.steps.length;
  // Keep the second point of each pair; an odd last point is kept too, so the latest survives.
  for (let i = 1; i < n; i += 2) {
    steps.push(target.steps[i]);
    values.push(target.values[i]);
  }
  if (n % 2 === 1) {
    steps.push(target.steps[n - 1]);
    values.push(target.values[n - 1]);
  }
  target.steps = steps;
  target.values = values;
  target.stride *= 2;
  target.fill = target.stride;
}

/** A mutable copy, for one batch of appends. */
export function draftSeries(series: Series): {
  steps: number[];
  values: number[];
  stride: number;
  fill: number;
  provisional: boolean;
} {
  return { ...series, steps: series.steps.slice(), values: series.values.slice() };
}

/** Builds a series from history read from disk (metrics.jsonl), bounded like live ones. */
export function seriesFromPoints(points: readonly Point[]): Series {
  const draft = draftSeries(emptySeries);
  for (const point of points) appendPoint(draft, point);
  return draft;
}
