/**
 * The sweep loop: suggest → launch → tail → parse → decide → record. It owns all sweep state and
 * is the SweepClient every front end talks to. Each step lives in its own module (commands,
 * launch spec, trial roster, trial observer, outcome, stop rules, restore, store); this file
 * holds the sweep's state and reads in the order in which the steps happen.
 */
import type { ExecutorHandle } from '../../plugin-api/executor.js';
import type { SweepClient } from '../client.js';
import type { CommandResult, EngineCommand } from '../commands.js';
import { EngineEmitter } from '../emitter.js';
import type { EngineEventName, EngineEvents, Intervention, SweepPhase, SweepSnapshot } from '../events.js';
import { isBetter } from '../metrics/trial-metrics.js';
import { createPruningStudy, type PruningStudy } from '../pruning/study.js';
import type { Params, SearchSpace } from '../../plugin-api/space.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { ActionSubject } from '../trial/actions.js';
import type { TrialEvent } from '../trial/lifecycle.js';
import { MetricLog } from '../state/metric-log.js';
import type { ReproducibilityRecord, SweepDocument, SweepMetadata } from '../state/records.js';
import { SweepStore } from '../state/sweep-store.js';
import { TrialRun, type RunOutcome } from '../trial/trial-run.js';
import { applyCommand, interventionFor, type CommandTarget } from './command-handler.js';
import { GpuPool } from './gpu-pool.js';
import { trialArgv, trialRunOptions } from './launch-spec.js';
import type { ResolvedSweep } from './resolved.js';
import type { RestoredTrial } from './restore.js';
import { StopRules } from './stop-rules.js';
import { TrialCommands } from './trial-commands.js';
import { TrialLifecycle } from './trial-lifecycle.js';
import { TrialObserver, type ObserverHost } from './trial-observer.js';
import type { TrialEntry } from './trial-entry.js';
import { prepareTrialFolder, writeTrialResult } from '../state/trial-files.js';
import { SamplerFailure, TrialRoster } from './trial-roster.js';

export interface SweepSetup {
  resolved: ResolvedSweep;
  /** Absolute path of the sweep directory, already created. */
  dir: string;
  reproducibility: ReproducibilityRecord;
  createdAt?: number;
}

/** A trial found running by a restarted controller, to be followed again instead of launched. */
export interface Adoption {
  handle: ExecutorHandle;
  /** Byte offsets up to which the trial's output was already recorded. */
  replayUntil: { stdout: number; stderr: number };
  /** The same for its `logs:` files, by absolute path. */
  logOffsets: Record<string, number>;
  /** Runtime as recorded, and when: a trial that ran on meanwhile has run since. */
  runtimeMs: number;
  recordedAt: number;
  /** Paused as recorded; the executor's word, when it has one, wins (TrialProcess.paused). */
  paused: boolean;
}

export class Sweep implements SweepClient, ObserverHost, CommandTarget {
  readonly dir: string;
  readonly resolved: ResolvedSweep;
  /** Every trial by id, for reading; trials change only through the lifecycle and the commands. */
  readonly entries: ReadonlyMap<number, TrialEntry>;
  readonly study: PruningStudy | null;
  readonly done: Promise<SweepSnapshot>;
  readonly emitter = new EngineEmitter();
  private parallel: number;
  private trialsTarget: number;
  private currentPhase: SweepPhase = 'running';
  private stopReason: string | null = null;
  /** False once a stop rule or the user stopped launching; running trials still finish. */
  private launchingTrials = true;
  /** Trial ids waiting to run before any new suggestion, in order. */
  private readonly queue: number[];
  private readonly gpuPool: GpuPool | null;
  private readonly lifecycle: TrialLifecycle;
  private readonly trialCommands: TrialCommands;
  private readonly roster: TrialRoster;
  private readonly active = new Set<number>();
  private readonly interventions: Intervention[] = [];
  private readonly store: SweepStore;
  private readonly stopRules: StopRules;
  private createdAt: number;
  private pendingAdoptions: Array<{ entry: TrialEntry; adoption: Adoption }> = [];
  private forceStop = false;
  private finishedAt: number | null = null;
  private bestId: number | null = null;
  private resolveDone!: (snapshot: SweepSnapshot) => void;

  constructor(private readonly setup: SweepSetup) {
    this.dir = setup.dir;
    this.resolved = setup.resolved;
    const { config } = this.resolved;
    this.parallel = config.parallel;
    this.trialsTarget = this.resolved.trialsTarget;
    this.createdAt = setup.createdAt ?? Date.now();
    this.gpuPool = config.gpus ? new GpuPool(config.gpus, config.gpusPerTrial) : null;
    this.study = this.resolved.pruner ? createPruningStudy(this.resolved.pruner, { metricName: config.metric.name, goal: config.metric.goal }) : null;
    this.stopRules = new StopRules(config);
    this.roster = new TrialRoster(this.resolved, this.dir);
    this.entries = this.roster.entries;
    this.queue = this.roster.queue;
    this.lifecycle = new TrialLifecycle(this.study, this.queue, {
      transitioned: (entry, previous, ended) => (ended ? this.recordEnded(entry, previous) : this.emitUpdate(entry, previous)),
    });
    this.trialCommands = new TrialCommands(this.lifecycle, this.queue, this.study, (entry, previous) => this.emitUpdate(entry, previous));
    this.store = new SweepStore(this.dir, () => this.document(), (error) =>
      this.emitter.emit('sweep:message', { level: 'error', text: `cannot write sweep.json: ${error.message}` }),
    );
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get phase(): SweepPhase {
    return this.currentPhase;
  }

  get launching(): boolean {
    return this.launchingTrials;
  }

  // ---------------------------------------------------------------- SweepClient

  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  snapshot(): SweepSnapshot {
    const { config } = this.resolved;
    return {
      name: config.name,
      dir: this.dir,
      metric: config.metric,
      parameters: config.parameters,
      sampler: config.sampler.type,
      pruner: config.pruner.type,
      executor: config.executor.type,
      parallel: this.parallel,
      trialsTarget: this.trialsTarget,
      gpus: config.gpus,
      gpusPerTrial: config.gpusPerTrial,
      // the sweep's start, kept across resumes: its clock does not restart with a new controller
      startedAt: this.createdAt,
      finishedAt: this.finishedAt,
      phase: this.phase,
      stopReason: this.stopReason,
      bestTrialId: this.bestId,
      trials: [...this.entries.values()].map((e) => e.snapshot()),
    };
  }

  async execute(command: EngineCommand, by: string): Promise<CommandResult> {
    const result = await applyCommand(this, command, by);
    if (result.ok) {
      const intervention = interventionFor(command, result, by);
      this.interventions.push(intervention);
      this.emitter.emit('sweep:intervention', intervention);
      this.store.touch();
      this.pump();
    }
    return result;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Writes sweep.json now (a new sweep handed to a controller process before it starts). */
  persist(): Promise<void> {
    this.store.touch();
    return this.store.flush();
  }

  /** Takes over a stored sweep before start(): see restore.ts. */
  restore(document: SweepMetadata, trials: RestoredTrial[], options: { trialsTarget?: number } = {}): void {
    this.createdAt = document.createdAt;
    this.parallel = document.parallel;
    this.trialsTarget = Math.max(document.trialsTarget, options.trialsTarget ?? 0, trials.length);
    this.interventions.push(...document.interventions);
    for (const { entry } of trials) this.roster.restore(entry);
    const objective = this.resolved.config.metric.name;
    this.study?.restore(trials.map(({ entry, points }) => ({
      id: entry.id,
      state: entry.state,
      promoted: entry.promoted,
      reports: points.filter((p) => p.name === objective).map((p) => ({ step: p.step, value: p.value })),
    })));
    const queued = trials.filter((t) => t.entry.state === 'queued').map((t) => t.entry);
    queued.sort((a, b) => Number(b.promoted) - Number(a.promoted) || a.id - b.id);
    this.queue.push(...queued.map((e) => e.id));
    for (const { entry, endedMeanwhile, requeue, adoption } of trials) {
      if (endedMeanwhile) this.recordEnded(entry, 'running');
      this.updateBest(entry);
      this.stopRules.restoreAttempt(entry.state);
      if (requeue) this.lifecycle.apply(entry, { type: 'requeue' });
      if (adoption) this.pendingAdoptions.push({ entry, adoption });
    }
  }

  start(): void {
    for (const { entry, adoption } of this.pendingAdoptions.splice(0)) {
      this.active.add(entry.id);
      if (entry.gpus) this.gpuPool?.claim(entry.id, entry.gpus);
      this.startRun(entry, adoption);
    }
    this.emitter.emit('sweep:started', { snapshot: this.snapshot() });
    this.stopRules.startClock((reason) => this.stopLaunching(reason));
    this.store.touch();
    this.pump();
  }

  /** Launches trials while there are free slots and trials to run; finishes the sweep when all are done. */
  pump(): void {
    while (this.phase === 'running' && this.launchingTrials && this.activeCount() < this.parallel) {
      if (this.gpuPool && !this.gpuPool.canAllocate()) break;
      const entry = this.nextToLaunch();
      if (!entry) break;
      this.launch(entry);
    }
    if (this.activeCount() === 0 && !this.hasMoreToLaunch()) void this.finish();
  }

  stopLaunching(reason: string): void {
    if (!this.launchingTrials) return;
    this.launchingTrials = false;
    this.stopReason = reason;
    this.emitter.emit('sweep:message', { level: 'warn', text: reason });
    this.emitter.emit('sweep:stopping', { reason, phase: this.phase });
    this.store.touch();
    this.pump();
  }

  /** Stop launching, stop every running trial (SIGTERM, SIGKILL after grace; or SIGKILL now). */
  stopAll(reason: string, force: boolean): void {
    if (this.phase === 'finished') return;
    this.currentPhase = 'stopping';
    this.forceStop ||= force;
    this.launchingTrials = false;
    this.stopReason ??= reason;
    this.emitter.emit('sweep:stopping', { reason: this.stopReason, phase: this.phase });
    for (const entry of this.entries.values()) {
      if (entry.run) {
        entry.reason ??= 'the sweep was stopped';
        void entry.run.stop('stopped', force);
      }
    }
    this.store.touch();
    this.pump();
  }

  /** A crash loop or max_failures stopped launching (the exit status says so). */
  get stoppedOnFailures(): boolean {
    return this.stopRules.stoppedOnFailures;
  }

  /** Trials holding a slot: pending, running or paused. */
  activeCount(): number {
    return this.active.size;
  }

  // ---------------------------------------------------------------- trials

  // ---------------------------------------------------------------- commands (see command-handler.ts)

  get space(): SearchSpace {
    return this.resolved.config.parameters;
  }

  get trialCount(): number {
    return this.entries.size;
  }

  trial(id: number): ActionSubject | undefined {
    return this.entries.get(id);
  }

  pauseTrial(id: number): Promise<void> {
    return this.trialCommands.pause(this.entries.get(id)!);
  }

  resumeTrial(id: number): Promise<void> {
    return this.trialCommands.resume(this.entries.get(id)!);
  }

  killTrial(id: number, by: string): Promise<void> {
    return this.trialCommands.kill(this.entries.get(id)!, by);
  }

  promoteTrial(id: number): Promise<void> {
    return this.trialCommands.promote(this.entries.get(id)!);
  }

  setParallel(value: number): void {
    this.parallel = value;
    this.emitSettings();
  }

  setTrialsTarget(value: number): void {
    this.trialsTarget = value;
    this.emitSettings();
  }

  /** A trial typed by hand (or added by `ctl add`): it runs next. */
  addTrial(params: Params): number {
    const entry = this.roster.create(params);
    this.queue.unshift(entry.id);
    this.trialsTarget++;
    this.emitUpdate(entry, null);
    this.emitter.emit('sweep:settings', { parallel: this.parallel, trialsTarget: this.trialsTarget });
    return entry.id;
  }

  // ---------------------------------------------------------------- what the parts report (ObserverHost)

  emitUpdate(entry: TrialEntry, previousState: TrialState | null): void {
    this.emitter.emit('trial:updated', { trial: entry.snapshot(), previousState });
    this.store.touch();
  }

  touch(): void {
    this.store.touch();
  }

  transition(entry: TrialEntry, event: TrialEvent): void {
    this.lifecycle.apply(entry, event);
  }

  private emitSettings(): void {
    this.emitter.emit('sweep:settings', { parallel: this.parallel, trialsTarget: this.trialsTarget });
    this.store.touch();
  }

  /** A trial reached a final state (it ended, or left the queue without running): written to result.json. */
  private recordEnded(entry: TrialEntry, previous: TrialState): void {
    entry.endedAt ??= Date.now();
    writeTrialResult(entry.paths, entry.record(true));
    this.emitUpdate(entry, previous);
    this.emitter.emit('trial:ended', { trial: entry.snapshot() });
  }

  private hasMoreToLaunch(): boolean {
    return this.phase === 'running' && this.launchingTrials && this.roster.hasMore(this.trialsTarget);
  }

  private nextToLaunch(): TrialEntry | undefined {
    try {
      const next = this.roster.next(this.trialsTarget);
      if (next?.created) this.emitUpdate(next.entry, null);
      return next?.entry;
    } catch (error) {
      if (!(error instanceof SamplerFailure)) throw error;
      this.stopLaunching(error.message);
      return undefined;
    }
  }

  private launch(entry: TrialEntry): void {
    const { config } = this.resolved;
    entry.gpus = this.gpuPool?.allocate(entry.id) ?? null;
    this.active.add(entry.id);
    entry.startedAt = Date.now();
    entry.argv = trialArgv(entry, this.resolved.command, config, this.dir);
    prepareTrialFolder(entry.paths, entry.params, entry.attempt);
    entry.metricLog = new MetricLog(entry.paths.metrics);
    this.lifecycle.apply(entry, { type: 'launch' });
    this.startRun(entry);
  }

  /** Starts (or, with `adoption`, re-attaches to) the trial's process and follows it. */
  startRun(entry: TrialEntry, adoption?: Adoption): void {
    entry.metricLog ??= new MetricLog(entry.paths.metrics);
    const run = new TrialRun(trialRunOptions(entry, this.resolved, this.dir, adoption), new TrialObserver(this, entry));
    entry.run = run;
    void run.start(adoption?.handle).then(() => {
      // a trial adopted by `sweeptop stop` (or started as the sweep stops) is stopped at once
      if (this.phase === 'stopping') void run.stop('stopped', this.forceStop);
    });
  }

  /** A trial ended (see TrialObserver): free its slot, record it, decide what runs next. */
  onEnded(entry: TrialEntry, outcome: RunOutcome): void {
    const { config } = this.resolved;
    const state = entry.recordEnd(outcome, config.timeoutMs);
    this.active.delete(entry.id);
    this.gpuPool?.release(entry.id);
    this.lifecycle.apply(entry, { type: 'end', state });
    this.updateBest(entry);
    const stopReason = this.stopRules.afterAttempt({
      id: entry.id,
      state,
      runtimeMs: outcome.runtimeMs,
      lastMetrics: entry.metrics.last,
      stderrPath: entry.paths.stderr,
    });
    if (state === 'lost') entry.lostCount++;
    const retry = runsAgain(state, entry, config.retries);
    if (retry && this.launchingTrials && !stopReason) this.lifecycle.apply(entry, { type: 'requeue' });
    if (stopReason) this.stopLaunching(stopReason);
    this.pump();
  }

  private updateBest(entry: TrialEntry): void {
    if (entry.state !== 'completed' || entry.metrics.objective === null) return;
    const best = this.bestId === null ? undefined : this.entries.get(this.bestId);
    const value = entry.metrics.objective;
    const better = !best || isBetter(value, best.metrics.objective, this.resolved.config.metric.goal) ||
      (value === best.metrics.objective && entry.id < best.id);
    if (!better) return;
    this.bestId = entry.id;
    this.emitter.emit('sweep:best', { trialId: entry.id, objective: value });
  }

  private async finish(): Promise<void> {
    if (this.phase === 'finished') return;
    this.currentPhase = 'finished';
    this.finishedAt = Date.now();
    this.stopRules.stopClock();
    this.stopReason ??= this.roster.samplerExhausted ? 'the search space is exhausted' : `all ${this.trialsTarget} trials done`;
    for (const id of [...this.queue]) {
      const entry = this.entries.get(id)!;
      entry.reason = 'the sweep ended before it ran';
      this.lifecycle.apply(entry, { type: 'dequeue' });
    }
    this.store.touch();
    await this.store.flush();
    await this.resolved.executor.close();
    const snapshot = this.snapshot();
    this.emitter.emit('sweep:finished', { snapshot });
    this.resolveDone(snapshot);
  }

  private document(): Omit<SweepDocument, 'schema'> {
    const { config, configText } = this.resolved;
    return {
      name: config.name,
      config: config as unknown as Record<string, unknown>,
      configText,
      seed: config.seed,
      createdAt: this.createdAt,
      updatedAt: Date.now(),
      phase: this.phase,
      stopReason: this.stopReason,
      parallel: this.parallel,
      trialsTarget: this.trialsTarget,
      reproducibility: this.setup.reproducibility,
      interventions: this.interventions,
      trials: [...this.entries.values()].map((e) => e.record()),
    };
  }
}

/** A failed trial runs again while `retries` allows; a lost one once anyway (its loss is rarely its fault). */
function runsAgain(state: TrialEntry['state'], entry: TrialEntry, retries: number): boolean {
  if (state === 'lost' && entry.lostCount === 1) return true;
  return (state === 'failed' || state === 'lost') && entry.attempt < retries;
}
