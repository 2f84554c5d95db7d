/**
 * What the compare view shows of the trials marked with `space`: one column per trial, one row per
 * fact — state, runtime, why it ended, each parameter, the objective (± its spread over folds or runs) and its
 * best, every other metric's last value and range. Pure: computed from the
 * view state on every frame, so a live trial's values move as its events arrive.
 */
import { formatElapsed } from '../format/duration.js';
import { fitNumber } from '../format/number.js';
import { formatParam } from '../format/params.js';
import { runtimeOf, type SweepView, type TrialView } from './sweep-view.js';

export interface CompareRow {
  label: string;
  cells: string[];
  /**
   * Parameters only: whether the trials' values differ (drawn bold) or are all equal (drawn dim).
   * Undefined for rows that are results, not settings.
   */
  differs?: boolean;
  /** A section's title (parameters, results): drawn dim, no values. */
  heading?: boolean;
  /** Long text (the reason) wrapped inside its column rather than cut. */
  wraps?: boolean;
}

export interface CompareTable {
  trials: TrialView[];
  rows: CompareRow[];
}

/** The marked trials still in the view, in marking order (which gives each its curve's colour). */
export function comparedTrials(view: SweepView, marked: readonly number[]): TrialView[] {
  return marked.flatMap((id) => {
    const trial = view.trials.get(id);
    return trial ? [trial] : [];
  });
}

export function compareTable(view: SweepView, trials: readonly TrialView[]): CompareTable {
  const objective = view.info.metric.name;
  const snapshots = trials.map((t) => t.snapshot);
  const rows: CompareRow[] = [
    { label: 'state', cells: snapshots.map((s) => (s.promoted ? `${s.state} ▲` : s.state)) },
    { label: 'runtime', cells: trials.map((t) => formatElapsed(runtimeOf(t, view.now))) },
    // before the metrics: when the screen is short, a range is cut rather than why a trial ended
    { label: 'reason', cells: snapshots.map((s) => s.reason ?? s.pendingReason ?? '-'), wraps: true },
  ];
  // a script may print a metric named as a parameter (`lr`): headings keep the two apart
  const heading = (label: string): CompareRow => ({ label, cells: trials.map(() => ''), heading: true });
  rows.push(heading('parameters'));
  for (const name of parameterNames(view, trials)) {
    // blank where the parameter is absent (its when: false), as in the table: not '-', which reads as a lost value
    const cells = snapshots.map((s) => (name in s.params ? formatParam(s.params[name], 12) : ''));
    rows.push({ label: name, cells, differs: new Set(cells).size > 1 });
  }
  rows.push(
    heading('results'),
    { label: objective, cells: snapshots.map((s) => `${fitNumber(s.objective)}${s.contexts > 1 ? ` ± ${fitNumber(s.spread, 6)}` : ''}`) },
    { label: '  best', cells: snapshots.map((s) => fitNumber(s.best)) },
    { label: '  step', cells: snapshots.map((s) => (s.step === null ? '-' : String(s.step))) },
  );
  for (const name of otherMetrics(view, trials)) {
    rows.push(
      { label: name, cells: snapshots.map((s) => fitNumber(s.lastMetrics[name])) },
      // the goal of a metric other than the objective is not known: its range, not a guessed best
      { label: '  range', cells: trials.map((t) => rangeOf(t, name)) },
    );
  }
  return { trials: [...trials], rows };
}

/** The sweep's parameters in its own order, then any a trial has beyond them (a hand-made trial's). */
function parameterNames(view: SweepView, trials: readonly TrialView[]): string[] {
  const names = view.info.parameters.map((p) => p.name);
  for (const t of trials) for (const name of Object.keys(t.snapshot.params)) if (!names.includes(name)) names.push(name);
  return names.filter((name) => trials.some((t) => name in t.snapshot.params));
}

/** Metrics other than the objective that any compared trial reported, in the order the sweep first saw them. */
function otherMetrics(view: SweepView, trials: readonly TrialView[]): string[] {
  const objective = view.info.metric.name;
  const reported = (name: string) => trials.some((t) => name in t.snapshot.lastMetrics || (t.series[name]?.values.length ?? 0) > 0);
  const names = view.metricNames.filter((name) => name !== objective && reported(name));
  for (const t of trials)
    for (const name of Object.keys(t.snapshot.lastMetrics)) if (name !== objective && !names.includes(name)) names.push(name);
  return names;
}

/**
 * `0.5–0.95` over the curve in memory. A long curve keeps one point in `stride` (series.ts), so an
 * extreme may be missing from it: the range is then marked `≈`.
 */
function rangeOf(trial: TrialView, name: string): string {
  const series = trial.series[name];
  const values = series?.values.filter(Number.isFinite) ?? [];
  if (values.length === 0) return '-';
  const range = `${fitNumber(Math.min(...values), 7)}–${fitNumber(Math.max(...values), 7)}`;
  return series.stride > 1 ? `≈${range}` : range;
}
