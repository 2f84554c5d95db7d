/**
 * The runs of the trials of a sweep with folds or repeats: which run launches next (a trial's in
 * index order, at most `runs_parallel` at once, trials already started first), and what a run's
 * end means for its trial. A run that fails (its retries spent), is pruned, times out or is lost
 * for good decides its trial's end: the trial's other runs are stopped, and the trial ends in
 * the run's state once none runs, its reason naming the run (`fold 2 failed: exit code 1`). A
 * trial completes when all its runs have; after each run completed, pruning across runs may end
 * it early (runs-pruning.ts), as `pruned`, its later runs never launched. A run's state moves through the same lifecycle table
 * as a trial's; its trial's state only through the sweep's TrialLifecycle.
 *
 * In a budget sweep a trial's runs are its levels: one that completed a level below the top waits
 * (in progress, no process, no slot) until the ladder (budget-ladder.ts) promotes it, adding its
 * next level's run, or ends it `pruned`, not promoted; a free slot goes to a promotion before any
 * new trial.
 */
import type { SweepConfig } from '../config/sweep-config.js';
import type { SweepPhase } from '../events.js';
import type { DiskPressure } from '../state/disk-pressure.js';
import { writeRunResult } from '../state/trial-files.js';
import { IllegalTransition, nextState, type FinishedState, type TrialEvent } from '../trial/lifecycle.js';
import { runsAgain } from './outcome.js';
import { runEndReason } from './run-end-reason.js';
import type { RunEntry } from './run-entry.js';
import { decideTrialAcrossRuns, type RunsPruning } from './runs-pruning.js';
import { BudgetLadder } from './budget-ladder.js';
import { addLevelRun } from './run-entry.js';
import type { TrialEntry } from './trial-entry.js';

export interface RunsHost {
  readonly diskPressure: DiskPressure;
  readonly phase: SweepPhase;
  /** Every trial of the sweep: the others a trial is judged against across runs. */
  readonly entries: ReadonlyMap<number, TrialEntry>;
  emitUpdate(entry: TrialEntry, previousState: TrialEntry['state'] | null): void;
  /** Whether a new trial may still start (a budget sweep's rungs are final only once none will). */
  readonly hasMoreToLaunch: boolean;
  /** The trial's runs are over: it ends in `state` (its reason already set), as a trial without runs would. */
  trialEnded(trial: TrialEntry, state: FinishedState, stderrPath: string): void;
}

/** A run's end that decides its trial's: the state the trial ends in, and why. */
interface Verdict {
  state: FinishedState;
  reason: string | null;
  stderrPath: string;
}

export interface RunsSettings {
  retries: number;
  runsParallel: number;
  pruning: RunsPruning | null;
  ladder: BudgetLadder | null;
}

/** What the sweep file says about runs: retries, how many at once, pruning across them, a budget's levels. */
export function runsSettings(config: SweepConfig): RunsSettings {
  return {
    retries: config.retries,
    runsParallel: config.runsParallel,
    pruning: config.runsPruning && {
      goal: config.metric.goal,
      layout: { folds: config.folds ?? 1, repeats: config.repeats ?? 1 },
      settings: config.runsPruning,
    },
    ladder: config.budget && new BudgetLadder(config.budget, config.metric.goal),
  };
}

export class TrialRuns {
  /** Trials launched whose runs are not all over, in the order they were launched. */
  private readonly inProgress = new Set<TrialEntry>();
  private readonly verdicts = new Map<TrialEntry, Verdict>();

  constructor(
    private readonly host: RunsHost,
    private readonly settings: RunsSettings,
  ) {}

  /** A trial starts (or starts again: a promote, a resume): its runs not completed run (again). */
  start(trial: TrialEntry): void {
    for (const run of trial.runs ?? []) {
      if (run.state === 'completed' || run.state === 'queued' || run.run) continue;
      this.apply(run, { type: 'requeue' });
    }
    this.inProgress.add(trial);
  }

  /** Runs read back ended, whose end no controller judged yet. */
  private restoredEnds: RunEntry[] = [];

  /** A trial read back by a restarted controller, some of its runs started: its runs go on. */
  restore(trial: TrialEntry, ended: RunEntry[]): void {
    this.inProgress.add(trial);
    this.restoredEnds.push(...ended);
  }

  /** Once the runs still running are followed again: the ends read back are judged as if just seen. */
  judgeRestored(): void {
    for (const run of this.restoredEnds.splice(0)) this.judge(run, run.state as FinishedState);
    for (const trial of [...this.inProgress]) {
      // its last run may have completed just before the controller died, unjudged
      this.pruneAcrossRuns(trial, trial.paths.stderr);
      this.settle(trial);
    }
  }

  /** The next run to launch: of the trial started first that has one waiting and room for it. */
  next(): RunEntry | undefined {
    for (const trial of this.inProgress) {
      if (trial.state !== 'running' || this.verdicts.has(trial)) continue;
      const runs = trial.runs!;
      if (runs.filter((r) => r.run).length >= this.settings.runsParallel) continue;
      const waiting = runs.find((r) => r.state === 'queued');
      if (waiting) return waiting;
    }
    return this.settings.ladder ? this.promote(this.settings.ladder) : undefined;
  }

  /** The ladder's verdicts carried out; the run of the best promotion, if any. */
  private promote(ladder: BudgetLadder): RunEntry | undefined {
    const { promote, notPromoted } = ladder.decide(this.host.entries.values(), !this.host.hasMoreToLaunch, (t) => this.verdicts.has(t));
    for (const { id, reason } of notPromoted) {
      const trial = this.host.entries.get(id)!;
      if (!this.inProgress.has(trial)) continue;
      this.decide(trial, { state: 'pruned', reason, stderrPath: trial.paths.stderr });
      this.settle(trial);
    }
    for (const { id, level, standing } of promote) {
      const trial = this.host.entries.get(id)!;
      if (!this.inProgress.has(trial) || trial.state !== 'running') continue;
      const run = addLevelRun(trial, ladder.budget.levels, level, trial.runs![0].metricSpec, standing);
      this.host.emitUpdate(trial, trial.state);
      return run;
    }
    return undefined;
  }

  /** Trials whose runs are not all over: the sweep is not finished while there are any. */
  get pending(): boolean {
    return this.inProgress.size > 0;
  }

  /** A move of a run through the lifecycle table; its trial's row shows it. */
  apply(run: RunEntry, event: TrialEvent): void {
    const next = nextState(run.state, event);
    if (next === undefined) throw new IllegalTransition(run.id, run.state, event);
    if (event.type === 'requeue') run.resetForRerun();
    run.moveTo(next);
    this.host.emitUpdate(run.parent, run.parent.state);
  }

  /** Run `run` ended in `state` (its process is gone and its slot free). */
  ended(run: RunEntry, state: FinishedState): void {
    this.apply(run, { type: 'end', state });
    const record = run.runRecord(true);
    this.host.diskPressure.writeLater(`result ${run.id} ${run.key}`, () => writeRunResult(run.paths, record));
    if (state === 'lost') run.lostCount++;
    this.judge(run, state);
  }

  /** Whether the run's end runs it again or decides its trial's end. */
  private judge(run: RunEntry, state: FinishedState): void {
    const trial = run.parent;
    if (state !== 'completed' && !this.verdicts.has(trial)) {
      const retry =
        this.host.phase === 'running' && trial.stoppedBy === null && runsAgain(state, run.lostCount, run.attempt, this.settings.retries);
      if (retry) {
        this.apply(run, { type: 'requeue' });
        return;
      }
      this.decide(trial, { state, reason: trial.reason ?? describeEnd(run, state), stderrPath: run.paths.stderr });
    }
    if (state === 'completed') this.pruneAcrossRuns(trial, run.paths.stderr);
    this.settle(trial);
  }

  /** After a run completed, before the next launches: the trial may be pruned across its runs. */
  private pruneAcrossRuns(trial: TrialEntry, stderrPath: string): void {
    const { pruning } = this.settings;
    if (!pruning || this.verdicts.has(trial) || trial.stoppedBy !== null) return;
    const decision = decideTrialAcrossRuns(trial, this.host.entries.values(), pruning);
    if (decision.action === 'prune') this.decide(trial, { state: 'pruned', reason: decision.reason, stderrPath });
  }

  /** Ends the trials started whose runs are not running now (waiting for a slot), as the sweep stops. */
  stopWaiting(reason: string): void {
    for (const trial of [...this.inProgress]) {
      if (trial.runs!.some((r) => r.run)) continue;
      trial.stoppedBy ??= 'sweep';
      trial.reason ??= reason;
      this.decide(trial, { state: 'killed', reason: trial.reason, stderrPath: trial.paths.stderr });
      this.settle(trial);
    }
  }

  /** A person killed a trial between its runs (none running): it ends now. */
  killWaiting(trial: TrialEntry): void {
    this.decide(trial, { state: 'killed', reason: trial.reason, stderrPath: trial.paths.stderr });
    this.settle(trial);
  }

  /** The trial's end is decided: its other runs are stopped. */
  private decide(trial: TrialEntry, verdict: Verdict): void {
    this.verdicts.set(trial, verdict);
    for (const other of trial.runs!) {
      if (!other.run || other.run.stopIntent) continue;
      other.reason = `stopped: ${verdict.reason}`;
      other.stoppedBy = trial.stoppedBy ?? 'sweep';
      void other.run.stop('stopped');
    }
  }

  /** Ends the trial once none of its runs runs and its end is decided or all its runs completed. */
  private settle(trial: TrialEntry): void {
    const runs = trial.runs!;
    if (runs.some((r) => r.run)) return;
    const { ladder } = this.settings;
    // it completed a level below the top: it waits for the ladder's verdict
    if (ladder && !this.verdicts.has(trial) && BudgetLadder.levelOf(trial) < ladder.topLevel) return;
    const verdict = this.verdicts.get(trial) ?? (runs.every((r) => r.state === 'completed') ? completed(trial) : undefined);
    if (!verdict) return;
    this.inProgress.delete(trial);
    this.verdicts.delete(trial);
    trial.reason = verdict.reason;
    trial.endedAt = Math.max(...runs.map((r) => r.endedAt ?? 0)) || Date.now();
    this.host.trialEnded(trial, verdict.state, verdict.stderrPath);
  }
}

function completed(trial: TrialEntry): Verdict {
  return {
    state: 'completed',
    reason: trial.metrics.objective === null ? `no ${trial.objectiveName} reported` : null,
    stderrPath: trial.paths.stderr,
  };
}

function describeEnd(run: RunEntry, state: FinishedState): string {
  return runEndReason(run.key, state, run.reason);
}
