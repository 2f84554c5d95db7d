/**
 * One run of a trial in a sweep with folds or repeats: one process of its own, with its own
 * folder (runs/<index>/), attempt, launch record, exit status and result, carried by the same
 * machinery as a trial (TrialRun, TrialObserver, the launch files, adoption). Its metric points
 * are a context of its trial's objective (`fold 2`), recorded into the trial's metrics, so the
 * trial's objective is the runs' results combined (mean by default, with their spread).
 */
import type { SweepConfig } from '../config/types.js';
import type { MetricEvent, RunSnapshot } from '../events.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import { encodeNullableNumber } from '../../plugin-api/json-number.js';
import { runFiles } from '../state/layout.js';
import type { RunRecord } from '../state/records.js';
import type { TrialRun } from '../trial/trial-run.js';
import { TrialEntry } from './trial-entry.js';

export class RunEntry extends TrialEntry {
  constructor(
    readonly parent: TrialEntry,
    readonly index: number,
    /** Its fold and repeat, null when the sweep has no folds (repeats). */
    readonly fold: number | null,
    readonly repeat: number | null,
    metric: ObjectiveSpec,
  ) {
    super(parent.id, parent.params, parent.cwd, runFiles(parent.paths, index), metric);
    this.metrics = parent.metrics;
  }

  /** Its context in the trial's objective. */
  get key(): string {
    return runKey(this.fold, this.repeat);
  }

  override get trial(): TrialEntry {
    return this.parent;
  }

  override contextOf(context: string | undefined): string {
    return context === undefined || context === '' ? this.key : `${this.key} ${context}`;
  }

  override syncSamplerView(): void {
    this.parent.syncSamplerView();
  }

  /** Its own result, which the trial's objective combines. */
  result(): number | null {
    return this.metrics.resultOf(this.key);
  }

  override runStanding(): MetricEvent['run'] {
    return { index: this.index, objective: this.result() };
  }

  protected override ownObjective(): number | null {
    return this.result();
  }

  protected override freshMetrics(): void {
    this.metrics.forget(this.key);
  }

  runSnapshot(): RunSnapshot {
    return {
      index: this.index,
      key: this.key,
      state: this.state,
      attempt: this.attempt,
      objective: this.result(),
      pid: this.pid,
      exitCode: this.exitCode,
      reason: this.reason,
      runtimeMs: this.runtimeMs,
      dir: this.paths.dir,
      command: this.command(),
    };
  }

  runRecord(full = false): RunRecord {
    return { index: this.index, key: this.key, ...this.processRecord(encodeNullableNumber(this.result()), full) };
  }
}

/** `fold 2`, `repeat 1`, `fold 2 repeat 1`. */
export function runKey(fold: number | null, repeat: number | null): string {
  return [fold !== null && `fold ${fold}`, repeat !== null && `repeat ${repeat}`].filter(Boolean).join(' ');
}

/** How many runs each trial has: folds × repeats; 0 for a sweep with neither (a trial is its own process). */
export function runsPerTrial(config: Pick<SweepConfig, 'folds' | 'repeats'>): number {
  return config.folds === null && config.repeats === null ? 0 : (config.folds ?? 1) * (config.repeats ?? 1);
}

/**
 * Gives a new trial of a sweep with folds or repeats its runs, in index order: the folds of
 * repeat 0 first; its own `repeats` (a trial added by `rerun --repeats`) over the sweep's.
 */
export function attachRuns(trial: TrialEntry, config: SweepConfig): void {
  if (trial.repeats !== null) config = { ...config, repeats: trial.repeats };
  const total = runsPerTrial(config);
  if (total === 0) return;
  const folds = config.folds ?? 1;
  trial.runs = Array.from(
    { length: total },
    (_, index) =>
      new RunEntry(
        trial,
        index,
        config.folds === null ? null : index % folds,
        config.repeats === null ? null : Math.floor(index / folds),
        config.metric,
      ),
  );
}

/** The processes of a trial now: its own, or its live runs'. */
export function liveProcesses(entry: TrialEntry): TrialRun[] {
  if (!entry.runs) return entry.run ? [entry.run] : [];
  return entry.runs.flatMap((run) => (run.run ? [run.run] : []));
}

/** The slot a trial, or a run of one, holds in the GPU pool. */
export function slotKey(entry: TrialEntry): string | number {
  return entry instanceof RunEntry ? `${entry.id}/${entry.index}` : entry.id;
}
