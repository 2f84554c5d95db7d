/**
 * When to stop launching trials, other than running out of them: a crash loop (the first three
 * trials all failed fast — an import error should not burn 200 trials), an objective never
 * reported (two trials exited 0 without it and none reported it — a misspelled `metric:` should
 * not burn the budget either), too many failures, `stop_when` met by a completed trial, or
 * `max_duration` reached. Running trials finish.
 */
import { formatDuration } from '../../plugin-api/duration.js';
import { stopConditionMet } from '../config/stop-when.js';
import type { SweepConfig } from '../config/types.js';
import { isFinished, type TrialState } from '../../plugin-api/trial-state.js';
import { missingMetricMessage } from '../metrics/suggest-metric.js';
import { fireAfter, type DeadlineTimer } from '../time/deadline-timer.js';

export const CRASH_LOOP_TRIALS = 3;
export const CRASH_LOOP_WINDOW_MS = 60_000;
/** Trials that exit 0 without the objective, none reporting it, before the sweep stops. */
export const SILENT_TRIALS = 2;

export interface FinishedAttempt {
  id: number;
  state: TrialState;
  runtimeMs: number;
  /** Its objective (metrics/objective.ts), null when it never reported it. */
  objective: number | null;
  /** Every objective's value, in the sweep file's order (the first is `objective`). */
  objectives: ReadonlyArray<number | null>;
  lastMetrics: Record<string, number>;
  stderrPath: string;
}

export class StopRules {
  private readonly firstFinished: FinishedAttempt[] = [];
  private judgingCrashLoop = true;
  private failures = 0;
  /** Trials that exited 0 without the objective, while no trial had reported it. */
  private silent = 0;
  /** Names the silent trials reported, by how often, for the suggestion. */
  private readonly seen: string[] = [];

  private clock: DeadlineTimer | null = null;
  /** A crash loop or max_failures stopped the sweep: its trials kept failing. */
  stoppedOnFailures = false;

  /** `objectiveReported(i)`: whether any trial, running or not, has reported objective `i` (0: the first). */
  constructor(
    private readonly config: SweepConfig,
    private readonly objectiveReported: (index: number) => boolean,
  ) {}

  /** A reason to stop launching, or null. */
  afterAttempt(attempt: FinishedAttempt): string | null {
    if (this.judgingCrashLoop && this.firstFinished.length < CRASH_LOOP_TRIALS) {
      this.firstFinished.push(attempt);
      const crashLoop = this.crashLoop();
      if (crashLoop) return this.failed(crashLoop);
    }
    const neverReported = this.neverReported(attempt);
    if (neverReported) return this.failed(neverReported);
    if (attempt.state === 'failed') this.failures++;
    const { maxFailures, stopWhen } = this.config;
    if (maxFailures !== null && this.failures >= maxFailures) {
      return this.failed(`max_failures reached: ${this.failures} trials failed`);
    }
    if (!stopWhen || attempt.state !== 'completed') return null;
    // stop_when on an objective means that objective (a fold mean), not its last report; in a sweep
    // of several it names one of them, and a trial reaching it there stops the sweep (docs/objectives.md)
    const objectiveIndex = this.config.objectives.findIndex((objective) => objective.name === stopWhen.metric);
    const value = objectiveIndex >= 0 ? (attempt.objectives[objectiveIndex] ?? undefined) : attempt.lastMetrics[stopWhen.metric];
    return stopConditionMet(stopWhen, value)
      ? `stop_when "${stopWhen.text}" met by trial ${attempt.id} (${stopWhen.metric} = ${value})`
      : null;
  }

  /** Each objective of several is judged so: a misspelt second objective would leave every trial off the front. */
  private neverReported(attempt: FinishedAttempt): string | null {
    if (attempt.state !== 'completed') return null;
    const missing = this.config.objectives.findIndex((_, i) => (attempt.objectives[i] ?? null) === null && !this.objectiveReported(i));
    if (missing < 0) return null;
    this.silent++;
    this.seen.push(...Object.keys(attempt.lastMetrics));
    return this.silent >= SILENT_TRIALS ? missingMetricMessage(this.config.objectives[missing].name, this.seen) : null;
  }

  /**
   * A trial that finished before a restart counts toward max_failures (unless `countsAsFailure`
   * says it failed of a full disk); a crash loop is judged on a fresh sweep only.
   */
  restoreAttempt(state: TrialState, countsAsFailure = true): void {
    if (state === 'failed' && countsAsFailure) this.failures++;
    if (isFinished(state)) this.judgingCrashLoop = false;
  }

  /** Calls `reached` with the reason once `max_duration` has passed, if the sweep file sets one. */
  startClock(reached: (reason: string) => void): void {
    const limit = this.config.maxDurationMs;
    if (limit === null) return;
    this.clock = fireAfter(limit, () => reached(`max_duration of ${formatDuration(limit)} reached`));
  }

  stopClock(): void {
    this.clock?.cancel();
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
