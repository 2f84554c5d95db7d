/**
 * Everything the engine holds about one trial: its record (what is persisted and shown), the
 * in-memory metric summary, and, while it runs, its TrialRun. Snapshots and records are built
 * from here on demand; nothing else keeps a second copy.
 */
import type { ExecutorHandle } from '../../plugin-api/executor.js';
import type { SamplerTrial } from '../../plugin-api/sampler.js';
import type { EchoedValue } from '../../plugin-api/parser.js';
import type { MetricEvent, ObjectiveStanding, TrialSnapshot } from '../events.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import { encodeNullableNumber, encodeNumber, type JsonNumber } from '../../plugin-api/json-number.js';
import type { MetricLog } from '../state/metric-log.js';
import { MetricThinning } from '../state/metric-thinning.js';
import { TrialMetrics } from '../metrics/trial-metrics.js';
import { FurtherObjectives } from '../objectives/further-objectives.js';
import type { Params } from '../../plugin-api/space.js';
import type { TrialPaths } from '../state/layout.js';
import type { ProcessRecord, RescoredObjective, StoppedBy, TrialRecord } from '../state/records.js';
import { quoteArgv } from '../template/command.js';
import type { RunOutcome, TrialRun } from '../trial/trial-run.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { FinishedState } from '../trial/lifecycle.js';
import { finalState } from './outcome.js';
import type { OutputClock } from '../trial/output-clock.js';
import { ProgressRate } from '../trial/progress-rate.js';
import type { RunEntry } from './run-entry.js';

export const STDERR_TAIL_LINES = 20;

export class TrialEntry {
  attempt = 0;
  state: TrialState = 'queued';
  promoted = false;
  argv: string[] = [];
  handle: ExecutorHandle | null = null;
  pid: number | null = null;
  gpus: string[] | null = null;
  host: string | null = null;
  pendingReason: string | null = null;
  startedAt: number | null = null;
  endedAt: number | null = null;
  exitCode: number | null = null;
  signal: string | null = null;
  reason: string | null = null;
  /** Set when sweeptop or a person asks it to stop: decides whether `resume` runs it again. */
  stoppedBy: StoppedBy | null = null;
  pruneThreshold: number | null = null;
  /**
   * The step at which the pruner judged it (its objective is its value there): points printed
   * after are kept in the files, flagged, and are not its objective.
   */
  prunedAtStep: number | null = null;
  /** Configuration it echoed and values printed once before training: not metrics. */
  echoed: Record<string, EchoedValue> = {};
  stderrTail: string[] = [];
  /** What could not be read of this attempt's output as printed, each said once (TrialSnapshot.notes). */
  notes: string[] = [];
  /** Times it was found lost after a controller restart; survives re-runs. */
  lostCount = 0;
  /** Why its parameters could not be read back after a restart: it is never run again. */
  unreadableParams: string | null = null;
  /** Objectives `rescore` replaced: kept for good, through a resume and a re-run. */
  rescored: RescoredObjective[] = [];
  /** The first objective (the only one of most sweeps): what samplers, pruners and stop rules judge. */
  metrics: TrialMetrics;
  /** The objectives after the first, in a sweep of several; empty otherwise. */
  further: FurtherObjectives;
  /** A sweep with folds or repeats: its runs, each an entry of its own (run-entry.ts); null otherwise. */
  runs: RunEntry[] | null = null;
  /** A budget sweep's trial: its Hyperband bracket (null under asha) and the level it starts at; null otherwise. */
  ladder: { bracket: number | null; startLevel: number } | null = null;
  /** Its own number of repeats, when added with more than the sweep's (`rerun --repeats`); null: the sweep's. */
  repeats: number | null = null;
  run: TrialRun | null = null;
  /** When this attempt last printed anything, while it runs (see OutputClock). */
  clock: OutputClock | null = null;
  /** Unix ms of its last output, while it is flagged silent; null otherwise. */
  silentSince: number | null = null;
  progress = new ProgressRate();
  /** Unix ms of the last update sent for a change of progress alone (at most one per PROGRESS_UPDATE_MS). */
  progressShownAt = 0;
  metricLog: MetricLog | null = null;
  /** Which of this attempt's points metricLog stores (dense metrics are thinned). */
  metricThinning: MetricThinning;
  /** Kept up to date in place: the sampler's history is an array of these. */
  readonly samplerView: SamplerTrial;
  private storedRuntimeMs = 0;
  /** `argv` quoted for a shell, computed once per argv (snapshots are taken on every update). */
  private quoted: { argv: string[]; text: string } | null = null;

  constructor(
    readonly id: number,
    readonly params: Params,
    readonly cwd: string,
    readonly paths: TrialPaths,
    /** The sweep's objectives, in the sweep file's order (one for most sweeps). */
    objectives: readonly ObjectiveSpec[],
  ) {
    this.metric = objectives[0];
    this.metrics = new TrialMetrics(this.metric);
    this.further = new FurtherObjectives(objectives.slice(1));
    this.metricThinning = new MetricThinning(this.metric.name);
    this.samplerView = { id, params, state: 'queued', objective: null, lastStep: null, objectives: this.objectiveValues() };
  }

  protected readonly metric: ObjectiveSpec;

  /**
   * Records one metric point into every objective; says what it was to the first objective
   * (TrialMetrics.record), which is what pruning and the stand-in notice go by, or `further` when
   * only a later objective took it.
   */
  recordPoint(name: string, step: number, value: number, context?: string): 'objective' | 'stand-in' | 'further' | 'other' {
    const further = this.further.record(name, step, value, context);
    const report = this.metrics.record(name, step, value, context);
    return report === 'other' && further ? 'further' : report;
  }

  /** Every objective's value as it stands, in the sweep file's order. */
  objectiveValues(): Array<number | null> {
    return [this.metrics.objective, ...this.further.values()];
  }

  get objectiveName(): string {
    return this.metric.name;
  }

  /** With runs: the sum of theirs. */
  get runtimeMs(): number {
    if (this.runs) return this.runs.reduce((sum, run) => sum + run.runtimeMs, 0);
    return this.run ? this.run.runtimeMs : this.storedRuntimeMs;
  }

  /** The trial this entry is (a run's, its trial's): whose row an update changes. */
  get trial(): TrialEntry {
    return this;
  }

  /** The context a point printed by this entry's process belongs to (a run's puts its own first). */
  contextOf(context: string | undefined): string | undefined {
    return context;
  }

  /** Its own result as its end judges it (a run's: its context's). */
  protected ownObjective(): number | null {
    return this.metrics.objective;
  }

  /** A re-run's metrics start afresh (a trial with runs keeps its completed runs' results). */
  protected freshMetrics(): void {
    if (!this.runs) {
      this.metrics = new TrialMetrics(this.metric);
      this.further = this.further.fresh();
      return;
    }
    for (const run of this.runs) {
      if (run.state === 'completed') continue;
      this.metrics.forget(run.key);
      this.further.forget(run.key);
    }
  }

  set runtimeMs(ms: number) {
    this.storedRuntimeMs = ms;
  }

  /**
   * Only TrialLifecycle (every transition) and the restore of a recorded trial set the state, and
   * the sampler's view follows it here.
   */
  moveTo(state: TrialState): void {
    this.state = state;
    this.samplerView.state = state;
  }

  syncSamplerView(): void {
    this.samplerView.objective = this.metrics.objective;
    this.samplerView.lastStep = this.metrics.step;
    this.samplerView.objectives = this.objectiveValues();
  }

  /** The attempt is over: how it ended, in the closed set of states; its reason is recorded here. */
  recordEnd(outcome: RunOutcome, timeoutMs: number | null): FinishedState {
    this.run = null;
    this.clock = null;
    this.silentSince = null;
    this.metricLog?.close();
    this.metricLog = null;
    this.storedRuntimeMs = outcome.runtimeMs;
    this.endedAt = outcome.endedAt ?? Date.now();
    this.exitCode = outcome.exitCode;
    this.signal = outcome.signal;
    const { state, reason } = finalState(outcome, {
      metricName: this.metric.name,
      objective: this.ownObjective(),
      timeoutMs,
      stopReason: this.reason,
    });
    this.reason = reason;
    return state;
  }

  /** A new attempt of the same trial starts from a clean slate (the lifecycle's requeue). */
  resetForRerun(): void {
    this.attempt++;
    this.freshMetrics();
    this.metricThinning = new MetricThinning(this.metric.name);
    this.progress = new ProgressRate();
    this.progressShownAt = 0;
    this.prunedAtStep = null;
    this.echoed = {};
    this.syncSamplerView();
    this.exitCode = null;
    this.signal = null;
    this.reason = null;
    this.stoppedBy = null;
    this.endedAt = null;
    this.startedAt = null;
    this.pid = null;
    this.handle = null;
    this.pruneThreshold = null;
    this.stderrTail = [];
    this.notes = [];
    this.storedRuntimeMs = 0;
  }

  /** The objective as it stands, for a metric event. */
  standing(): ObjectiveStanding {
    const m = this.metrics;
    return {
      objective: m.objective,
      best: m.best,
      step: m.step,
      steps: m.steps,
      spread: m.spread,
      contexts: m.contexts,
      objectiveSource: m.source,
      ...(this.further.size > 0 && { objectives: this.objectiveValues() }),
    };
  }

  /** A run's result as it stands, for a metric event; a trial is no run. */
  runStanding(): MetricEvent['run'] {
    return undefined;
  }

  /** Running time still to go, from its pace, while it runs or is paused. */
  etaMs(): number | null {
    return this.state === 'running' || this.state === 'paused' ? this.progress.remainingMs(this.runtimeMs) : null;
  }

  addStderrLine(line: string): void {
    this.stderrTail.push(line.length > 500 ? line.slice(0, 500) + '…' : line);
    if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
  }

  command(): string {
    if (this.quoted?.argv !== this.argv) this.quoted = { argv: this.argv, text: quoteArgv(this.argv) };
    return this.quoted.text;
  }

  snapshot(): TrialSnapshot {
    const m = this.metrics;
    return {
      id: this.id,
      attempt: this.attempt,
      params: this.params,
      state: this.state,
      promoted: this.promoted,
      argv: this.argv,
      command: this.command(),
      cwd: this.cwd,
      dir: this.paths.dir,
      gpus: this.gpus,
      host: this.host,
      pid: this.pid,
      pendingReason: this.pendingReason,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
      runtimeMs: this.runtimeMs,
      exitCode: this.exitCode,
      signal: this.signal,
      reason: this.reason,
      ...this.standing(),
      echoed: { ...this.echoed },
      lastMetrics: { ...m.last },
      stderrTail: [...this.stderrTail],
      ...(this.notes.length > 0 && { notes: [...this.notes] }),
      pruneThreshold: this.pruneThreshold,
      ...(this.runs && { runs: this.runs.map((run) => run.runSnapshot()) }),
      silentSince: this.silentSince,
      progress: this.progress.current,
      etaMs: this.etaMs(),
    };
  }

  record(full = false): TrialRecord {
    const m = this.metrics;
    const eta = this.etaMs();
    const record: TrialRecord = {
      id: this.id,
      params: this.params,
      cwd: this.cwd,
      promoted: this.promoted,
      ...this.processRecord(encodeNullableNumber(m.objective), full),
      best: encodeNullableNumber(m.best),
      step: m.step,
      steps: m.steps,
      ...(m.contexts > 1 && { contexts: m.contexts, spread: encodeNullableNumber(m.spread) }),
      ...(m.source !== null && { objectiveSource: m.source }),
      ...(this.further.size > 0 && { objectives: this.objectiveValues().map(encodeNullableNumber) }),
      ...(Object.keys(this.echoed).length > 0 && { echoed: this.echoed }),
      ...(this.rescored.length > 0 && { rescored: this.rescored }),
      ...(this.silentSince !== null && { silentSince: this.silentSince }),
      ...(eta !== null && { etaMs: eta }),
      ...(this.notes.length > 0 && { notes: this.notes }),
      ...(this.runs && { runs: this.runs.map((run) => run.runRecord()) }),
      ...(this.repeats !== null && { repeats: this.repeats }),
      ...(this.ladder !== null && { ladder: this.ladder }),
    };
    if (full) record.lastMetrics = Object.fromEntries(Object.entries(m.last).map(([k, v]) => [k, encodeNumber(v)]));
    return record;
  }

  /** What a trial and a run record alike: their attempt, process, and end (`full`: with the stderr tail, for result.json). */
  protected processRecord(objective: JsonNumber | null, full: boolean): ProcessRecord {
    return {
      attempt: this.attempt,
      state: this.state,
      argv: this.argv,
      handle: this.handle,
      pid: this.pid,
      gpus: this.gpus,
      ...(this.host !== null && { host: this.host }),
      startedAt: this.startedAt,
      endedAt: this.endedAt,
      runtimeMs: Math.round(this.runtimeMs),
      exitCode: this.exitCode,
      signal: this.signal,
      objective,
      reason: this.reason,
      ...(this.state === 'killed' && this.stoppedBy !== null && { stoppedBy: this.stoppedBy }),
      ...(this.lostCount > 0 && { lostCount: this.lostCount }),
      ...(this.prunedAtStep !== null && { prunedAtStep: this.prunedAtStep }),
      ...(full && { stderrTail: this.stderrTail }),
    };
  }
}
