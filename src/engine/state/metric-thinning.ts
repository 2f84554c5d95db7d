/**
 * Which of a trial's metric points metrics.jsonl stores, so that a trial printing metrics on every
 * batch cannot fill the disk with them. Per series (metric name, context, output stream):
 *
 * - the first STORED_AS_THEY_COME points are stored as they come;
 * - past them, the points are taken in windows of THINNING_WINDOW consecutive points, and each
 *   window stores its minimum, its maximum, its first NaN if any, and its last point (at most four,
 *   in the order printed). So the series' overall min, max and last value are always stored, and a
 *   `best` or `last` read from the file is exact.
 *
 * Never thinned: the objective and its summaries (what the pruner judges, what `best`, `replay`,
 * `rescore` and `export` read), and points from `logs:` files (a restarted controller continues
 * those from the last stored offset, so a window held in memory would be lost with it).
 *
 * The rule counts points, not seconds, so it decides the same way when a restarted controller
 * reads a trial's output again: `replay` feeds it the points an earlier controller already
 * recorded, which rebuilds the open windows without storing anything twice.
 */
import type { StoredPoint } from './metric-log.js';
import { standInQualifier } from '../metrics/objective.js';

/** Points of one series stored before any thinning. */
export const STORED_AS_THEY_COME = 1000;
/** Consecutive points past those that store their min, max (first NaN) and last. */
export const THINNING_WINDOW = 100;

/** The rule in a few words, for the one message a trial gets when a metric of it is thinned. */
export function describeThinning(): string {
  return `more than ${STORED_AS_THEY_COME} points in a trial: metrics.jsonl keeps the min, max and last of every ${THINNING_WINDOW} after those (the objective is never thinned)`;
}

interface Series {
  count: number;
  window: Window | null;
}

interface Window {
  size: number;
  min: StoredPoint | null;
  max: StoredPoint | null;
  nan: StoredPoint | null;
  last: StoredPoint;
}

export class MetricThinning {
  private readonly series = new Map<string, Series>();
  /** Names of the metrics found thinned so far: the caller says so once per metric. */
  readonly thinned = new Set<string>();

  constructor(private readonly objectiveName: string) {}

  /** The points to store now for `point`: itself, none (held in its window), or a closed window's. */
  admit(point: StoredPoint): StoredPoint[] {
    if (!this.thins(point)) return [point];
    const key = `${point.source ?? ''}\u0000${point.context ?? ''}\u0000${point.name}`;
    let series = this.series.get(key);
    if (series === undefined) this.series.set(key, (series = { count: 0, window: null }));
    if (++series.count <= STORED_AS_THEY_COME) return [point];
    this.thinned.add(point.name);
    const window = series.window === null ? (series.window = { size: 0, min: null, max: null, nan: null, last: point }) : series.window;
    window.size++;
    window.last = point;
    if (Number.isNaN(point.value)) window.nan ??= point;
    else {
      if (window.min === null || point.value < window.min.value) window.min = point;
      if (window.max === null || point.value > window.max.value) window.max = point;
    }
    if (window.size < THINNING_WINDOW) return [];
    series.window = null;
    return keptOf(window);
  }

  /** A point an earlier controller already handled (and stored, if kept): counted, never returned. */
  replay(point: StoredPoint): void {
    this.admit(point);
  }

  /** The output ended: what each open window keeps. */
  flush(): StoredPoint[] {
    const out: StoredPoint[] = [];
    for (const series of this.series.values()) {
      if (series.window !== null) out.push(...keptOf(series.window));
      series.window = null;
    }
    return out;
  }

  private thins(point: StoredPoint): boolean {
    if (point.source !== undefined && point.source !== 'stderr') return false; // a `logs:` file
    return point.name !== this.objectiveName && standInQualifier(point.name, this.objectiveName) === undefined;
  }
}

/** A window's min, max, first NaN and last, each once, in the order printed. */
function keptOf(window: Window): StoredPoint[] {
  const kept = new Set<StoredPoint>();
  for (const point of [window.min, window.max, window.nan, window.last]) if (point !== null) kept.add(point);
  return [...kept].sort((a, b) => a.offset - b.offset || a.time - b.time);
}
