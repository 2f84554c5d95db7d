/**
 * What the sweep does with what one running trial reports: its process and status, its output
 * lines, its metric points (recorded, and shown to the pruner). Its end goes back to the sweep,
 * which decides what runs next.
 */
import type { ExecutorStatus, TrialProcess } from '../../plugin-api/executor.js';
import type { EngineEmitter } from '../emitter.js';
import type { MetricEvent } from '../events.js';
import { describeStandIn } from '../metrics/objective.js';
import type { EchoedValue, Progress } from '../../plugin-api/parser.js';
import { cleanLine } from '../logs/clean-line.js';
import { CUT_TAIL_BYTES, DEFAULT_MAX_LINE_BYTES, type Line, type LineCut } from '../logs/line-splitter.js';
import type { PruningStudy } from '../pruning/study.js';
import type { RunOutcome, RunPoint, TrialRunListener } from '../trial/trial-run.js';
import type { TrialEvent } from '../trial/lifecycle.js';
import type { TrialEntry } from './trial-entry.js';
import type { DiskPressure } from '../state/disk-pressure.js';
import { writeLaunchRecord } from '../state/trial-files.js';
import type { StoredPoint } from '../state/metric-log.js';
import { describeThinning } from '../state/metric-thinning.js';

/**
 * A trial's progress alone changes its snapshot (its time to go) at most this often: a tqdm bar
 * announces progress with every redraw, and the screen over SSH must not pay for each.
 */
export const PROGRESS_UPDATE_MS = 5000;

const CUT_NOTE = `was cut: metrics are read from its first ${DEFAULT_MAX_LINE_BYTES >> 20} MiB and last ${CUT_TAIL_BYTES >> 10} KiB only (said once, for every such line)`;

/** Parameters that, when the output gives no total, say how many epochs the training runs. */
const EPOCH_PARAMETERS = ['epochs', 'max_epochs', 'num_epochs', 'n_epochs'];

/** The parts of the sweep an observer reports to. */
export interface ObserverHost {
  readonly emitter: EngineEmitter;
  readonly study: PruningStudy | null;
  /** Where a write the full disk refuses waits (see disk-pressure.ts). */
  readonly diskPressure: DiskPressure;
  emitUpdate(entry: TrialEntry, previousState: TrialEntry['state'] | null): void;
  /** A move in the trial's lifecycle (trial/lifecycle.ts), announced by the sweep. */
  transition(entry: TrialEntry, event: TrialEvent): void;
  /** Something changed that sweep.json should hold. */
  touch(): void;
  onEnded(entry: TrialEntry, outcome: RunOutcome): void;
}

export class TrialObserver implements TrialRunListener {
  /** The output itself announced progress: an `epochs` parameter no longer stands in. */
  private parserProgress = false;
  /** A prune decision came after the trial had exited on its own: later points are not judged. */
  private exitedBeforePrune = false;

  constructor(
    private readonly host: ObserverHost,
    private readonly entry: TrialEntry,
  ) {}

  onStarted(process: TrialProcess): void {
    const entry = this.entry;
    entry.handle = process.handle;
    entry.pid = process.pid ?? null;
    // on disk soon, ahead of sweep.json, which lags; the intent record already on disk keeps a
    // controller killed meanwhile from launching it twice (resume finds it by its token)
    const launch = {
      attempt: entry.attempt,
      handle: process.handle,
      pid: entry.pid,
      startedAt: entry.startedAt ?? Date.now(),
      gpus: entry.gpus,
      argv: entry.argv,
      cwd: entry.cwd,
    };
    this.host.diskPressure.writeLater(`launch ${entry.id}`, () => writeLaunchRecord(entry.paths, launch));
    // an adopted trial: its executor says whether it is paused now (the record may be older)
    if (process.paused === true && entry.state === 'running') {
      this.host.transition(entry, { type: 'pause' });
      // pause acts on a whole trial: a run found paused was paused with its trial (the record lagged)
      if (entry.trial !== entry && entry.trial.state === 'running') this.host.transition(entry.trial, { type: 'pause' });
    } else if (process.paused === false && entry.state === 'paused') this.host.transition(entry, { type: 'resume' });
    else this.host.emitUpdate(entry, entry.state);
  }

  onStatus(status: ExecutorStatus): void {
    const entry = this.entry;
    entry.pendingReason = status.state === 'pending' ? (status.reason ?? null) : null;
    if (status.gpus) entry.gpus = status.gpus;
    if (status.host) entry.host = status.host;
    if (status.state === 'pending' && entry.state === 'running') this.host.transition(entry, { type: 'executorQueued' });
    else if (status.state === 'running' && entry.state === 'pending') this.host.transition(entry, { type: 'executorStarted' });
    else this.host.emitUpdate(entry, entry.state);
  }

  onOutput(stream: 'stdout' | 'stderr', line: Line): void {
    if (line.cut !== undefined) this.noteCut(stream, line.cut);
    if (stream === 'stderr') this.entry.addStderrLine(cleanLine(line.text));
    this.host.emitter.emit('trial:output', { trialId: this.entry.id, stream, line: line.text });
  }

  onHeard(): void {
    const { entry } = this;
    if (!entry.run || !entry.clock) return;
    entry.clock.heard(entry.run.runtimeMs);
    if (entry.silentSince !== null) {
      entry.silentSince = null;
      this.host.emitUpdate(entry, entry.state);
    }
  }

  onProgress(progress: Progress): void {
    this.parserProgress = true;
    this.takeProgress(progress);
  }

  private takeProgress(progress: Progress): void {
    const { entry } = this;
    if (!entry.run) return;
    entry.progress.update(progress, entry.run.runtimeMs);
    const now = Date.now();
    if (now - entry.progressShownAt < PROGRESS_UPDATE_MS) return;
    entry.progressShownAt = now;
    this.host.emitUpdate(entry, entry.state);
  }

  onPoints(points: RunPoint[], provisional: boolean, source: string, offset: number): void {
    const { entry, host } = this;
    const time = Date.now();
    for (const point of points) {
      const step = point.step ?? entry.metrics.steps;
      const { name, value } = point;
      // a run's points are its context of its trial's objective (`fold 2`)
      const context = entry.contextOf(point.context);
      const event: MetricEvent = { trialId: entry.id, name, step, value, time, provisional, ...(context !== undefined && { context }) };
      if (provisional) {
        host.emitter.emit('trial:metric', event);
        continue;
      }
      const afterPrune = entry.prunedAtStep !== null;
      this.store(storedPoint({ ...point, context }, step, time, source, offset, afterPrune));
      if (afterPrune) {
        // judged at its decision step: what it printed while being stopped is kept, not counted
        host.emitter.emit('trial:metric', { ...event, afterPrune: true });
        continue;
      }
      const report = entry.recordPoint(name, step, value, context);
      if (report !== 'other') {
        entry.syncSamplerView();
        event.standing = entry.standing();
        const run = entry.runStanding();
        if (run) event.run = run;
        // a summary stands in for the objective: never silently
        const source = entry.metrics.source;
        if (source !== null) host.emitter.warnOnce(`objective: ${describeStandIn(source, entry.objectiveName)}`);
        for (const standIn of entry.further.standIns())
          host.emitter.warnOnce(`objective: ${describeStandIn(standIn.source, standIn.name)}`);
      }
      host.emitter.emit('trial:metric', event);
      if (report === 'objective') {
        this.progressFromParameters(step);
        this.decidePruning(step, value, context);
      }
    }
    host.touch();
  }

  onReplayed(points: RunPoint[], source: 'stdout' | 'stderr', offset: number): void {
    const { entry } = this;
    const afterPrune = entry.prunedAtStep !== null;
    for (const point of points)
      entry.metricThinning.replay(
        storedPoint(
          { ...point, context: entry.contextOf(point.context) },
          point.step ?? entry.metrics.steps,
          Date.now(),
          source,
          offset,
          afterPrune,
        ),
      );
  }

  onEchoed(echoed: Record<string, EchoedValue>): void {
    Object.assign(this.entry.echoed, echoed);
    this.host.emitUpdate(this.entry, this.entry.state);
    this.host.touch();
  }

  onProblem(message: string): void {
    this.host.emitter.emit('sweep:message', { level: 'warn', text: `trial ${this.entry.id}: ${message}` });
  }

  onEnded(outcome: RunOutcome): void {
    for (const point of this.entry.metricThinning.flush()) this.entry.metricLog?.append(point);
    this.host.onEnded(this.entry, outcome);
  }

  /** Appends what the thinning rule keeps of `point` (state/metric-thinning.ts); says once per metric that it thins. */
  private store(point: StoredPoint): void {
    const { entry } = this;
    const thinning = entry.metricThinning;
    const wasThinned = thinning.thinned.has(point.name);
    for (const kept of thinning.admit(point)) entry.metricLog?.append(kept);
    // once per metric for the whole sweep: every trial of a dense script would say the same
    if (!wasThinned && thinning.thinned.has(point.name)) this.host.emitter.warnOnce(`${point.name}: ${describeThinning()}`);
  }

  /** The first line cut for its length, said once per attempt: later ones are cut the same way. */
  private noteCut(stream: 'stdout' | 'stderr', cut: LineCut): void {
    const { entry } = this;
    if (entry.notes.some((note) => note.includes(CUT_NOTE))) return;
    entry.notes.push(`${stream}: a line of ${(cut.bytes / 1e6).toFixed(1)} MB ${CUT_NOTE}`);
    this.host.emitter.emit('sweep:message', { level: 'warn', text: `trial ${entry.id}: ${entry.notes.at(-1)}` });
    this.host.emitUpdate(entry, entry.state);
    this.host.touch();
  }

  /** Without a total in its output, an `epochs` parameter (or constant) gives one, while the step stays within it. */
  private progressFromParameters(step: number): void {
    if (this.parserProgress || !this.entry.run) return;
    const params = this.entry.params as Record<string, unknown>;
    const epochs = EPOCH_PARAMETERS.map((name) => params[name]).find((value) => typeof value === 'number');
    if (typeof epochs !== 'number' || !(epochs > 0) || step > epochs) return;
    this.takeProgress({ done: step, total: epochs });
  }

  private decidePruning(step: number, value: number, context: string | undefined): void {
    const { entry, host } = this;
    if (!host.study || !entry.run) return;
    if (entry.run.stopIntent || this.exitedBeforePrune) {
      // no decision can be carried out any more; the point still counts, as a restart reads it back
      host.study.record(entry.id, step, value, context);
      return;
    }
    const decision = host.study.report(entry.id, step, value, context);
    if (decision.threshold !== undefined) entry.pruneThreshold = decision.threshold;
    if (decision.action !== 'prune' || entry.trial.promoted) return;
    if (!entry.run.stoppable) {
      // it exited on its own before its line was read (a loaded machine reads late): its exit
      // status says how it ended, and nothing of the prune is kept, lest it be half pruned
      this.exitedBeforePrune = true;
      host.emitter.emit('sweep:message', {
        level: 'info',
        text: `trial ${entry.id} had exited before it could be ${decision.reason}; its exit status says how it ended`,
      });
      return;
    }
    entry.prunedAtStep = step;
    entry.reason = decision.reason;
    void entry.run.stop('pruned');
    host.emitter.emit('sweep:message', { level: 'info', text: `trial ${entry.id} ${decision.reason}` });
  }
}

/** A point as metrics.jsonl stores it. */
function storedPoint(point: RunPoint, step: number, time: number, source: string, offset: number, afterPrune: boolean): StoredPoint {
  const { name, value, context } = point;
  return {
    name,
    step,
    value,
    time,
    offset,
    ...(source !== 'stdout' && { source }),
    ...(context !== undefined && { context }),
    ...(afterPrune && { afterPrune: true as const }),
  };
}
