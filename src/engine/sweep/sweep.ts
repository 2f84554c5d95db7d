/**
 * The sweep loop: suggest → launch → tail → parse → decide → record. It owns all sweep state and
 * is the SweepClient every front end talks to. Each step lives in its own module (commands,
 * launch spec, trial roster, lifecycle, trial observer, outcome, stop rules, restore, standing,
 * best trial, disk-full notice, store); this file holds the sweep's state and reads in the order
 * in which the steps happen.
 */
import type { SweepClient } from '../client.js';
import type { CommandResult, EngineCommand } from '../commands.js';
import { EngineEmitter } from '../emitter.js';
import type { EngineEventName, EngineEvents, HookFailure, SweepPhase, SweepSnapshot } from '../events.js';
import { createPruningStudy, type PruningStudy } from '../pruning/study.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { Params } from '../../plugin-api/space.js';
import type { FinishedState, TrialEvent } from '../trial/lifecycle.js';
import type { ReproducibilityRecord, SweepMetadata } from '../state/records.js';
import { SweepStore } from '../state/sweep-store.js';
import { DiskPressure, type DiskFullStanding } from '../state/disk-pressure.js';
import type { RunOutcome } from '../trial/trial-run.js';
import { type CommandsHost, SweepCommands } from './sweep-commands.js';
import { GpuPool } from './gpu-pool.js';
import type { Adoption } from './adoption.js';
import type { ResolvedSweep } from './resolved.js';
import { restoredQueue, studyTrials, type RestoredTrial } from './restore.js';
import { failedOfFullDisk, runsAgain } from './outcome.js';
import { StopRules } from './stop-rules.js';
import { SilenceWatch } from './silence-watch.js';
import { silenceFloorMs } from '../trial/output-clock.js';
import { initialStanding, sweepDocument, sweepSnapshot, type SweepStanding } from './sweep-standing.js';
import { type LaunchHost, ProcessLaunch } from './process-launch.js';
import { TrialCommands } from './trial-commands.js';
import { TrialLifecycle } from './trial-lifecycle.js';
import type { TrialEntry } from './trial-entry.js';
import { RunEntry, slotKey } from './run-entry.js';
import { stopRunningTrials } from './stop-running-trials.js';
import { announceDiskChange } from './disk-full-notice.js';
import { runsSettings, TrialRuns } from './trial-runs.js';
import { BestTrial } from './best-trial.js';
import { removeHalfBuiltFolders, writeTrialResult } from '../state/trial-files.js';
import { trialsDir } from '../state/layout.js';
import { SamplerFailure, TrialRoster } from './trial-roster.js';

export interface SweepSetup {
  resolved: ResolvedSweep;
  /** Absolute path of the sweep directory, already created. */
  dir: string;
  reproducibility: ReproducibilityRecord;
  createdAt?: number;
}

export class Sweep implements SweepClient, LaunchHost, CommandsHost {
  readonly dir: string;
  readonly resolved: ResolvedSweep;
  /** Every trial by id, for reading; trials change only through the lifecycle and the commands. */
  readonly entries: ReadonlyMap<number, TrialEntry>;
  readonly study: PruningStudy | null;
  readonly done: Promise<SweepSnapshot>;
  readonly emitter = new EngineEmitter();
  private readonly standing: SweepStanding;
  private readonly best: BestTrial;
  /** False once a stop rule or the user stopped launching; running trials still finish. */
  private launchingTrials = true;
  /** Trial ids waiting to run before any new suggestion, in order. */
  private readonly queue: number[];
  private readonly gpuPool: GpuPool | null;
  private readonly lifecycle: TrialLifecycle;
  /** What a person's commands reach (command-handler.ts). */
  private readonly commands: SweepCommands;
  private readonly roster: TrialRoster;
  /** What holds a slot (pending, running or paused): trials, or with folds or repeats their runs. */
  private readonly active = new Set<TrialEntry>();
  private readonly runs: TrialRuns;
  private readonly store: SweepStore;
  readonly diskPressure: DiskPressure;
  private readonly stopRules: StopRules;
  private readonly silenceWatch: SilenceWatch;
  private readonly silenceFloorMs = silenceFloorMs();
  private pendingAdoptions: Array<{ entry: TrialEntry; adoption: Adoption }> = [];
  private forceStop = false;
  private readonly processLaunch: ProcessLaunch;
  private resolveDone!: (snapshot: SweepSnapshot) => void;

  constructor(setup: SweepSetup) {
    this.dir = setup.dir;
    this.resolved = setup.resolved;
    const { config } = this.resolved;
    this.standing = initialStanding(config.parallel, this.resolved.trialsTarget, setup.createdAt);
    this.gpuPool = config.gpus ? new GpuPool(config.gpus, config.gpusPerTrial) : null;
    this.study = this.resolved.pruner
      ? createPruningStudy(this.resolved.pruner, { metricName: config.metric.name, goal: config.metric.goal })
      : null;
    this.stopRules = new StopRules(config, (index) => [...this.entries.values()].some((e) => e.objectiveValues()[index] !== null));
    this.roster = new TrialRoster(this.resolved, this.dir);
    this.entries = this.roster.entries;
    this.best = new BestTrial(this.standing, this.entries, config, this.emitter);
    this.queue = this.roster.queue;
    this.lifecycle = new TrialLifecycle(this.study, this.queue, {
      transitioned: (entry, previous, ended) => (ended ? this.recordEnded(entry, previous) : this.emitUpdate(entry, previous)),
    });
    this.runs = new TrialRuns(this, runsSettings(config));
    this.diskPressure = new DiskPressure(this.dir, {
      onChange: (diskFull) => this.diskChanged(diskFull),
      onError: (error) => this.emitter.emit('sweep:message', { level: 'error', text: `cannot write: ${error.message}` }),
    });
    this.store = new SweepStore(
      this.dir,
      () => sweepDocument(this.resolved, setup.reproducibility, this.standing, this.entries.values()),
      (error) => this.emitter.emit('sweep:message', { level: 'error', text: `cannot write sweep.json: ${error.message}` }),
      this.diskPressure,
    );
    const trialCommands = new TrialCommands(
      { apply: (entry, event) => this.transition(entry, event) },
      this.queue,
      this.study,
      (entry, previous) => this.emitUpdate(entry, previous),
      this.runs,
    );
    this.commands = new SweepCommands(this, this.standing, this.roster, trialCommands, this.store);
    this.processLaunch = new ProcessLaunch(this, this.active, this.gpuPool, this.silenceFloorMs);
    this.silenceWatch = new SilenceWatch(
      {
        units: this.active,
        emitUpdate: (entry, previous) => this.emitUpdate(entry, previous),
        warn: (text) => this.emitter.emit('sweep:message', { level: 'warn', text }),
        flagged: (entry, silentForMs) =>
          this.emitter.emit('trial:silent', {
            trialId: entry.trial.id,
            run: entry instanceof RunEntry ? entry.index : null,
            silentSince: entry.silentSince ?? Date.now() - silentForMs,
            silentForMs,
          }),
      },
      this.silenceFloorMs,
      config.stallTimeoutMs,
    );
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get phase(): SweepPhase {
    return this.standing.phase;
  }

  get forcingStop(): boolean {
    return this.forceStop;
  }

  get launching(): boolean {
    return this.launchingTrials;
  }

  // ---------------------------------------------------------------- SweepClient

  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  snapshot(): SweepSnapshot {
    this.standing.diskFull = this.diskPressure.standing();
    return sweepSnapshot(this.resolved, this.dir, this.standing, this.entries.values());
  }

  execute(command: EngineCommand, by: string): Promise<CommandResult> {
    return this.commands.execute(command, by);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Writes sweep.json now (a new sweep handed to a controller process before it starts). */
  persist(): Promise<void> {
    this.store.touch();
    return this.store.flush();
  }

  /** Takes over a stored sweep before start(): see restore.ts. */
  restore(document: SweepMetadata, trials: RestoredTrial[], options: { trialsTarget?: number; requeueStopped?: boolean } = {}): void {
    this.standing.createdAt = document.createdAt;
    this.standing.parallel = document.parallel;
    this.standing.trialsTarget = Math.max(document.trialsTarget, options.trialsTarget ?? 0, trials.length);
    this.standing.interventions.push(...document.interventions);
    this.standing.hookFailure = document.hookFailure ?? null;
    for (const { entry } of trials) this.roster.restore(entry);
    this.study?.restore(studyTrials(trials, this.resolved.config.metric.name));
    this.queue.push(...restoredQueue(trials));
    for (const { entry, endedMeanwhile, requeue, adoption, runAdoptions, runsEnded } of trials) {
      if (runAdoptions) this.runs.restore(entry, runsEnded ?? []);
      this.pendingAdoptions.push(...(runAdoptions ?? []));
      if (endedMeanwhile) this.recordEnded(entry, 'running');
      this.best.consider(entry);
      this.stopRules.restoreAttempt(entry.state, !failedOfFullDisk(entry.state, entry.reason));
      if (requeue && options.requeueStopped !== false) this.lifecycle.apply(entry, { type: 'requeue' });
      if (adoption) this.pendingAdoptions.push({ entry, adoption });
    }
    this.best.restoreWinner();
  }

  /**
   * The sweep file's `enqueue:` rows, checked against the space (config/enqueue-file.ts), before
   * start(): the first trials, in file order, added as any hand-added trial is.
   */
  enqueue(rows: readonly Params[]): void {
    let previous: number | null = null;
    for (const params of rows) previous = this.commands.addTrial(params, null, previous);
  }

  start(): void {
    removeHalfBuiltFolders(trialsDir(this.dir));
    for (const { entry, adoption } of this.pendingAdoptions.splice(0)) this.processLaunch.adopt(entry, adoption);
    this.runs.judgeRestored();
    this.emitter.emit('sweep:started', { snapshot: this.snapshot() });
    this.stopRules.startClock((reason) => this.stopLaunching(reason));
    this.silenceWatch.start();
    this.store.touch();
    this.pump();
  }

  /** Launches trials while there are free slots and trials to run; finishes the sweep when all are done. */
  pump(): void {
    while (this.phase === 'running' && (this.launchingTrials || this.runs.pending) && this.activeCount() < this.standing.parallel) {
      if (this.gpuPool && !this.gpuPool.canAllocate()) break;
      // a full disk pauses launching (a trial could not even write its parameters); see diskChanged
      if (this.diskPressure.checkFull()) break;
      // a trial's runs go on once it started, also after launching stopped
      const entry = this.runs.next() ?? (this.launchingTrials ? this.nextToLaunch() : undefined);
      if (!entry) break;
      this.launch(entry);
    }
    if (this.activeCount() === 0 && !this.runs.pending && !this.hasMoreToLaunch) void this.finish();
  }

  stopLaunching(reason: string): void {
    if (!this.launchingTrials) return;
    this.launchingTrials = false;
    this.standing.stopReason = reason;
    this.emitter.emit('sweep:message', { level: 'warn', text: reason });
    this.emitter.emit('sweep:stopping', { reason, phase: this.phase });
    this.store.touch();
    this.pump();
  }

  /** Stop launching, stop every running trial (SIGTERM, SIGKILL after grace; or SIGKILL now). */
  stopAll(reason: string, force: boolean): void {
    if (this.phase === 'finished') return;
    this.standing.phase = 'stopping';
    this.forceStop ||= force;
    this.launchingTrials = false;
    this.standing.stopReason ??= reason;
    this.emitter.emit('sweep:stopping', { reason: this.standing.stopReason, phase: this.phase });
    stopRunningTrials(this.entries.values(), reason, force);
    this.runs.stopWaiting(`the sweep was ${reason}`);
    this.store.touch();
    this.pump();
  }

  /**
   * A hook failed (the hooks run outside the engine, as a listener of its events): kept as the
   * sweep's last hook failure, in sweep.json and the snapshot, and said once where messages go.
   */
  recordHookFailure(failure: HookFailure, message: string): void {
    this.standing.hookFailure = failure;
    this.emitter.emit('sweep:message', { level: 'error', text: message });
    this.emitter.emit('sweep:hook', { failure });
    this.store.touch();
  }

  /** A crash loop or max_failures stopped launching (the exit status says so). */
  get stoppedOnFailures(): boolean {
    return this.stopRules.stoppedOnFailures;
  }

  /** Trials holding a slot: pending, running or paused. */
  activeCount(): number {
    return this.active.size;
  }

  // ---------------------------------------------------------------- what the parts report (ObserverHost)

  /** A run's change is its trial's: the trial's row is what is shown. */
  emitUpdate(entry: TrialEntry, previousState: TrialState | null): void {
    const { trial } = entry;
    this.emitter.emit('trial:updated', { trial: trial.snapshot(), previousState: trial === entry ? previousState : trial.state });
    this.store.touch();
  }

  touch(): void {
    this.store.touch();
  }

  /** A move of a trial (TrialLifecycle), or of a run of one (TrialRuns). */
  transition(entry: TrialEntry, event: TrialEvent): void {
    if (entry instanceof RunEntry) this.runs.apply(entry, event);
    else this.lifecycle.apply(entry, event);
  }

  /** A trial reached a final state (it ended, or left the queue without running): written to result.json. */
  private recordEnded(entry: TrialEntry, previous: TrialState): void {
    entry.endedAt ??= Date.now();
    const record = entry.record(true);
    this.diskPressure.writeLater(`result ${entry.id}`, () => writeTrialResult(entry.paths, record));
    this.emitUpdate(entry, previous);
    this.emitter.emit('trial:ended', { trial: entry.snapshot() });
  }

  get hasMoreToLaunch(): boolean {
    return this.phase === 'running' && this.launchingTrials && this.roster.hasMore(this.standing.trialsTarget);
  }

  private nextToLaunch(): TrialEntry | undefined {
    try {
      const next = this.roster.next(this.standing.trialsTarget);
      if (next?.created) this.emitUpdate(next.entry, null);
      return next?.entry;
    } catch (error) {
      if (!(error instanceof SamplerFailure)) throw error;
      this.stopLaunching(error.message);
      return undefined;
    }
  }

  /** Launches a trial's process; a trial with runs is started and its first run launched. */
  private launch(next: TrialEntry): void {
    let entry = next;
    if (next.runs) {
      next.startedAt = Date.now();
      this.lifecycle.apply(next, { type: 'launch' });
      this.runs.start(next);
      entry = next.runs.find((run) => run.state === 'queued') ?? next.runs[0];
    }
    this.processLaunch.launch(entry);
  }

  /** A trial ended (see TrialObserver): free its slot, record it, decide what runs next. */
  onEnded(entry: TrialEntry, outcome: RunOutcome): void {
    const { config } = this.resolved;
    const state = entry.recordEnd(outcome, config.timeoutMs);
    // its own output may have been refused room: not the trial's fault, so no stop rule counts it
    const ofFullDisk = state === 'failed' && this.diskPressure.checkFull();
    if (ofFullDisk) entry.reason = `disk full${entry.reason ? `: ${entry.reason}` : ''}`;
    this.active.delete(entry);
    this.gpuPool?.release(slotKey(entry));
    if (entry instanceof RunEntry) {
      this.runs.ended(entry, state);
      if (state === 'completed') this.best.judgeWinner();
    } else this.trialEnded(entry, state, entry.paths.stderr);
    this.pump();
  }

  /** A trial is over (its process ended, or its runs did): record it, count it, run it again if it may. */
  trialEnded(entry: TrialEntry, state: FinishedState, stderrPath: string): void {
    const { config } = this.resolved;
    const ofFullDisk = failedOfFullDisk(state, entry.reason);
    this.lifecycle.apply(entry, { type: 'end', state });
    this.best.consider(entry);
    const stopReason = ofFullDisk
      ? null
      : this.stopRules.afterAttempt({
          id: entry.id,
          state,
          runtimeMs: entry.runtimeMs,
          objective: entry.metrics.objective,
          objectives: entry.objectiveValues(),
          lastMetrics: entry.metrics.last,
          stderrPath,
        });
    if (state === 'lost') entry.lostCount++;
    // a trial with runs is never re-run whole: each run has its retries (trial-runs.ts)
    const retry = !entry.runs && entry.unreadableParams === null && runsAgain(state, entry.lostCount, entry.attempt, config.retries);
    if (retry && this.launchingTrials && !stopReason) this.lifecycle.apply(entry, { type: 'requeue' });
    if (stopReason) this.stopLaunching(stopReason);
  }

  /** The disk became full (launching pauses) or has room again (launching resumes, held state is on disk). */
  private diskChanged(diskFull: DiskFullStanding | null): void {
    this.standing.diskFull = diskFull;
    announceDiskChange(this.emitter, this.dir, this.entries.values(), diskFull);
    if (diskFull) return;
    this.store.touch();
    this.pump();
  }

  private async finish(): Promise<void> {
    if (this.phase === 'finished') return;
    this.standing.phase = 'finished';
    this.standing.finishedAt = Date.now();
    this.stopRules.stopClock();
    this.silenceWatch.stop();
    this.standing.stopReason ??= this.roster.samplerExhausted
      ? 'the search space is exhausted'
      : `all ${this.standing.trialsTarget} trials done`;
    for (const id of [...this.queue]) {
      const entry = this.entries.get(id)!;
      entry.reason = 'the sweep ended before it ran';
      entry.stoppedBy = 'sweep';
      this.lifecycle.apply(entry, { type: 'dequeue' });
    }
    this.store.touch();
    await this.store.flush();
    // the controller's end must not lose what a full disk still holds
    await this.diskPressure.drained();
    await this.resolved.executor.close();
    const snapshot = this.snapshot();
    this.emitter.emit('sweep:finished', { snapshot });
    this.resolveDone(snapshot);
  }
}
