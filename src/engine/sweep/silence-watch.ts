/**
 * Looks at the running trials every few seconds: one that has been silent longer than its
 * threshold (see OutputClock) is flagged, with the time of its last output, and one silent longer
 * than the sweep file's `stall_timeout` is stopped (recorded failed, so `retries` re-runs it).
 * Output clears the flag as it arrives (TrialObserver.onHeard); a trial that is not running
 * (paused, pending) is never flagged.
 */
import { formatDuration } from '../../plugin-api/duration.js';
import type { TrialEntry } from './trial-entry.js';

/** Flags change at most this often: the screen over SSH must not pay for a clock. */
const CHECK_MS = 5000;

export interface SilenceHost {
  /** What runs in a process of its own: trials, or with folds or repeats their runs. */
  readonly units: Iterable<TrialEntry>;
  emitUpdate(entry: TrialEntry, previousState: TrialEntry['state'] | null): void;
  warn(text: string): void;
  /** It was just flagged: once per silence. */
  flagged(entry: TrialEntry, silentForMs: number): void;
}

export class SilenceWatch {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly host: SilenceHost,
    private readonly floorMs: number,
    private readonly stallTimeoutMs: number | null,
  ) {}

  start(): void {
    // a floor shortened for tests is checked as often as it needs
    const every = Math.min(CHECK_MS, Math.max(100, this.floorMs / 4));
    this.timer = setInterval(() => this.check(), every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  check(now = Date.now()): void {
    for (const entry of this.host.units) {
      const { run, clock } = entry;
      const silentFor = entry.state === 'running' && run && clock && !run.stopIntent ? clock.silentFor(run.runtimeMs) : null;
      if (silentFor === null) {
        if (entry.silentSince !== null) {
          entry.silentSince = null;
          this.host.emitUpdate(entry, entry.state);
        }
        continue;
      }
      if (entry.silentSince === null) {
        entry.silentSince = now - silentFor;
        this.host.emitUpdate(entry, entry.state);
        this.host.warn(`trial ${entry.id} has printed nothing for ${formatDuration(silentFor)}`);
        this.host.flagged(entry, silentFor);
      }
      if (this.stallTimeoutMs !== null && silentFor >= this.stallTimeoutMs) {
        entry.reason = `stalled: no output for ${formatDuration(silentFor)} (stall_timeout ${formatDuration(this.stallTimeoutMs)})`;
        void run!.stop('stalled');
      }
    }
  }
}
