/**
 * When a running trial last printed anything, and how long a silence is unusual for it. Time is
 * the trial's running time (paused time excluded), so a pause never makes a trial look stuck.
 *
 * A trial is silent when nothing came for longer than max(floor, 5 × its median gap between
 * bursts of output). Lines closer together than BURST_MS are one burst: an epoch's three summary
 * lines, or a progress bar redrawn ten times a second, must not pull the median gap to zero.
 */

/** Outputs this close together are one burst: the gap that matters is between bursts. */
const BURST_MS = 1000;
/** The median of the most recent gaps: a trial's rhythm may change (validation, a new phase). */
const GAPS_KEPT = 64;
const GAP_FACTOR = 5;

/**
 * The shortest silence ever flagged: 60 s, or `SWEEPTOP_SILENCE_FLOOR_MS` — read only so tests can
 * watch a trial go silent in seconds; not a user setting.
 */
export function silenceFloorMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SWEEPTOP_SILENCE_FLOOR_MS);
  return Number.isFinite(value) && value > 0 ? value : 60_000;
}

export class OutputClock {
  private lastAt: number;
  private readonly gaps: number[] = [];

  /** `startedAt`: the running time when it started (0, or what an adopted trial had spent). */
  constructor(
    private readonly floorMs: number,
    startedAt = 0,
  ) {
    this.lastAt = startedAt;
  }

  /** Output arrived at running time `at` (ms). */
  heard(at: number): void {
    const gap = at - this.lastAt;
    if (gap >= BURST_MS) {
      this.gaps.push(gap);
      if (this.gaps.length > GAPS_KEPT) this.gaps.shift();
    }
    this.lastAt = at;
  }

  /** How long a silence must last to be flagged, given the gaps seen so far. */
  thresholdMs(): number {
    return Math.max(this.floorMs, GAP_FACTOR * median(this.gaps));
  }

  /** Running time since the last output. */
  quietFor(at: number): number {
    return Math.max(0, at - this.lastAt);
  }

  /** How long it has been silent at running time `at`, when that is longer than its threshold; else null. */
  silentFor(at: number): number | null {
    const quiet = this.quietFor(at);
    return quiet > this.thresholdMs() ? quiet : null;
  }
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
