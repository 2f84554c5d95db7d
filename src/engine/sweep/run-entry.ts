/**
 * One run of a trial in a sweep with folds or repeats: one process of its own, with its own
 * folder (runs/<index>/), attempt, launch record, exit status and result, carried by the same
 * machinery as a trial (TrialRun, TrialObserver, the launch files, adoption). Its metric points
 * are a context of its trial's objective (`fold 2`), recorded into the trial's metrics, so the
 * trial's objective is the runs' results combined (mean by default, with their spread).
 */
import type { SweepConfig } from '../config/types.js';
import type { MetricEvent, RunSnapshot } from '../events.js';
import type { PromotionStanding } from '../budget/promotion.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import { encodeNullableNumber } from '../../plugin-api/json-number.js';
import { runFiles } from '../state/layout.js';
import type { RunRecord } from '../state/records.js';
import type { TrialRun } from '../trial/trial-run.js';
import { TrialEntry } from './trial-entry.js';
import { hyperbandBracket } from '../budget/hyperband-brackets.js';
import { formatBudget } from '../budget/levels.js';
import type { BudgetSettings } from '../config/sweep-config.js';

export class RunEntry extends TrialEntry {
  constructor(
    readonly parent: TrialEntry,
    readonly index: number,
    /** Its fold and repeat, null when the sweep has no folds (repeats). */
    readonly fold: number | null,
    readonly repeat: number | null,
    metric: ObjectiveSpec,
    /** A budget sweep's run: its level and that level's budget; null otherwise. */
    readonly level: { index: number; budget: number } | null = null,
    /** A level reached by promotion in this controller's life: how it ranked below (not kept on disk). */
    readonly promotion: PromotionStanding | null = null,
  ) {
    super(parent.id, parent.params, parent.cwd, runFiles(parent.paths, index), [metric]);
    // its points are its trial's, in every objective
    this.metrics = parent.metrics;
    this.further = parent.further;
  }

  /** The objective it reports, as its trial's. */
  get metricSpec(): ObjectiveSpec {
    return this.metric;
  }

  /** Its context in the trial's objective. */
  get key(): string {
    return this.level ? budgetKey(this.level.budget) : runKey(this.fold, this.repeat);
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
    this.further.forget(this.key);
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
      ...(this.level && { level: this.level.index }),
      ...(this.promotion && { promotion: this.promotion }),
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

/** `budget 0.333`: a level's context, brief and the same on every read. */
export function budgetKey(budget: number): string {
  return `budget ${formatBudget(budget)}`;
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
  if (config.budget) return attachLadder(trial, config.budget, config.metric);
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

/**
 * A budget sweep's trial: its first run at its start level (a Hyperband bracket's, or the lowest);
 * each promotion adds the next level's run (addLevelRun). Its objective is its result at the
 * highest level it reached, with that level as its step, so a sampler ranks a trial not promoted
 * as Optuna ranks a pruned one (by step reached, then value).
 */
function attachLadder(trial: TrialEntry, budget: BudgetSettings, metric: ObjectiveSpec): void {
  const { levels } = budget;
  trial.ladder ??=
    budget.schedule === 'hyperband' ? hyperbandBracket(trial.id, levels.length, budget.reductionFactor) : { bracket: null, startLevel: 0 };
  const levelOfKey = new Map(levels.map((b, index) => [budgetKey(b), index]));
  trial.metrics.rankContexts((context) => levelOfKey.get(context));
  trial.runs = [];
  addLevelRun(trial, levels, trial.ladder.startLevel, metric);
}

/** The run of `trial` at level `index` (the next folder of its runs). */
export function addLevelRun(
  trial: TrialEntry,
  levels: readonly number[],
  index: number,
  metric: ObjectiveSpec,
  promotion: PromotionStanding | null = null,
): RunEntry {
  const run = new RunEntry(trial, trial.runs!.length, null, null, metric, { index, budget: levels[index] }, promotion);
  trial.runs!.push(run);
  return run;
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
