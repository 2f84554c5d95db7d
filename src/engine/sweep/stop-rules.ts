/**
 * When to stop launching trials, other than running out of them: a crash loop (the first three
 * trials all failed fast — an import error should not burn 200 trials), too many failures,
 * `stop_when` met by a completed trial, or `max_duration` reached. Running trials finish.
 */
import { formatDuration } from '../../plugin-api/duration.js';
import { stopConditionMet } from '../config/stop-when.js';
import type { SweepConfig } from '../config/types.js';
import { isFinished, type TrialState } from '../../plugin-api/trial-state.js';

export const CRASH_LOOP_TRIALS = 3;
export const CRASH_LOOP_WINDOW_MS = 60_000;

export interface FinishedAttempt {
  id: number;
  state: TrialState;
  runtimeMs: number;
  lastMetrics: Record<string, number>;
  stderrPath: string;
}

export class StopRules {
  private readonly firstFinished: FinishedAttempt[] = [];
  private judgingCrashLoop = true;
  private failures = 0;
  private clock: NodeJS.Timeout | null = null;
  /** A crash loop or max_failures stopped the sweep: its trials kept failing. */
  stoppedOnFailures = false;

  constructor(private readonly config: SweepConfig) {}

  /** A reason to stop launching, or null. */
  afterAttempt(attempt: FinishedAttempt): string | null {
    if (this.judgingCrashLoop && this.firstFinished.length < CRASH_LOOP_TRIALS) {
      this.firstFinished.push(attempt);
      const crashLoop = this.crashLoop();
      if (crashLoop) return this.failed(crashLoop);
    }
    if (attempt.state === 'failed') this.failures++;
    const { maxFailures, stopWhen } = this.config;
    if (maxFailures !== null && this.failures >= maxFailures) {
      return this.failed(`max_failures reached: ${this.failures} trials failed`);
    }
    if (stopWhen && attempt.state === 'completed' && stopConditionMet(stopWhen, attempt.lastMetrics[stopWhen.metric])) {
      return `stop_when "${stopWhen.text}" met by trial ${attempt.id} (${stopWhen.metric} = ${attempt.lastMetrics[stopWhen.metric]})`;
    }
    return null;
  }

  /** A trial that finished before a restart counts toward max_failures; a crash loop is judged on a fresh sweep only. */
  restoreAttempt(state: TrialState): void {
    if (state === 'failed') this.failures++;
    if (isFinished(state)) this.judgingCrashLoop = false;
  }

  /** Calls `reached` with the reason once `max_duration` has passed, if the sweep file sets one. */
  startClock(reached: (reason: string) => void): void {
    const limit = this.config.maxDurationMs;
    if (limit === null) return;
    this.clock = setTimeout(() => reached(`max_duration of ${formatDuration(limit)} reached`), limit);
  }

  stopClock(): void {
    if (this.clock) clearTimeout(this.clock);
  }

  private failed(reason: string): string {
    this.stoppedOnFailures = true;
    return reason;
  }

  private crashLoop(): string | null {
    if (this.firstFinished.length < CRASH_LOOP_TRIALS) return null;
    const fast = this.firstFinished.every((a) => a.state === 'failed' && a.runtimeMs < CRASH_LOOP_WINDOW_MS);
    if (!fast) return null;
    // the first trial, not the first to fail: with parallel trials that is whichever was quickest
    const first = this.firstFinished.reduce((a, b) => (b.id < a.id ? b : a));
    return `crash loop: the first ${CRASH_LOOP_TRIALS} trials failed within ${CRASH_LOOP_WINDOW_MS / 1000} s; see ${first.stderrPath}`;
  }
}
