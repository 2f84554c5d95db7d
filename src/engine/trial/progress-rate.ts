/**
 * A running trial's time to go, from its own pace: how far it is (`Epoch 3/10`, a tqdm bar's
 * `45/100`, or its step against an `epochs` parameter) against its running time (paused time
 * excluded). The pace is measured from the first progress seen, so the time spent before training
 * (imports, loading data) does not count against every step; with one reading only, it is
 * measured from the start.
 */
import type { Progress } from '../../plugin-api/parser.js';

interface Reading extends Progress {
  /** Running time (ms) when it was read. */
  at: number;
}

export class ProgressRate {
  private first: Reading | null = null;
  private last: Reading | null = null;

  get current(): Progress | null {
    return this.last === null ? null : { done: this.last.done, total: this.last.total };
  }

  /** `at`: the trial's running time (ms). A count going back (the next fold's epoch 1) starts over. */
  update(progress: Progress, at: number): void {
    const reading = { done: progress.done, total: progress.total, at };
    if (this.first === null || this.last === null || progress.done < this.last.done || progress.total !== this.last.total)
      this.first = reading;
    this.last = reading;
  }

  /** Running time still to go at running time `now`; null while the pace is unknown. */
  remainingMs(now: number): number | null {
    const { first, last } = this;
    if (first === null || last === null || last.total <= 0) return null;
    let perStep: number;
    if (last.done > first.done) perStep = (last.at - first.at) / (last.done - first.done);
    else if (last.done > 0) perStep = last.at / last.done;
    else return null;
    const left = Math.max(0, last.total - last.done) * perStep;
    return Math.max(0, Math.round(left - (now - last.at)));
  }
}
