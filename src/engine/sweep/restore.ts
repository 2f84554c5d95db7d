/**
 * Continues a sweep whose controller died (kill -9, OOM, reboot) or was stopped. Trial folders are
 * the truth (the loader reconciles them): finished results are never touched. Every trial the dead
 * controller had started is adopted again through its executor, which finds its process (and
 * tells whether it is paused): one still running is followed on; one that ended meanwhile is
 * finished from its exit_code file; either way its output is read again without recording a
 * metric twice. A trial whose launch was recorded (launch.json: its attempt and token, written
 * before the spawn) but whose process never was (the controller died in between) is adopted the
 * same way: the executor finds it by its token, or its end in its exit_code file. One whose
 * process is gone with no exit status is `lost`, and re-queued once under the same id (see
 * Sweep.onEnded). One whose parameters cannot be read back whole (the loader
 * says why) is `lost` for good: it is never run with values missing.
 */
import { decodeNumber } from '../../plugin-api/json-number.js';
import type { StoredSweep } from '../state/load-sweep.js';
import { trialPaths } from '../state/layout.js';
import type { StoredPoint } from '../state/metric-log.js';
import type { ProcessRecord, TrialRecord } from '../state/records.js';
import { isActive, isFinished } from '../../plugin-api/trial-state.js';
import type { RestoredTrial as StudyTrial } from '../pruning/study.js';
import type { Adoption } from './adoption.js';
import type { Sweep } from './sweep.js';
import { TrialEntry } from './trial-entry.js';
import { addLevelRun, attachRuns, type RunEntry } from './run-entry.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectiveSpec } from '../metrics/objective.js';
import type { TrialPaths } from '../state/layout.js';
import { storedRuns } from '../state/stored-runs.js';

export interface RestoredTrial {
  entry: TrialEntry;
  /** Set when the trial's process is still running and must be followed again. */
  adoption: Adoption | null;
  /** The trial ended while no controller ran: its end is recorded now. */
  endedMeanwhile: boolean;
  /** Lost now and not lost before, or killed by the sweep's stop: it runs again. */
  requeue: boolean;
  points: StoredPoint[];
  /** A trial with folds or repeats: its runs whose processes must be followed again. */
  runAdoptions?: Array<{ entry: RunEntry; adoption: Adoption }>;
  /** …and its runs that ended without their end being judged (retry, or end the trial). */
  runsEnded?: RunEntry[];
}

/** What the pruning study gets back of each trial: the objective's reports it judged (never those printed after its prune). */
export function studyTrials(trials: readonly RestoredTrial[], objective: string): StudyTrial[] {
  return trials.map(({ entry, points }) => ({
    id: entry.id,
    state: entry.state,
    promoted: entry.promoted,
    reports: points
      .filter((p) => p.name === objective && !p.afterPrune)
      .map((p) => ({ step: p.step, value: p.value, ...(p.context !== undefined && { context: p.context }) })),
  }));
}

/** The queue as it was: promoted trials first, then by id. */
export function restoredQueue(trials: readonly RestoredTrial[]): number[] {
  const queued = trials.filter((t) => t.entry.state === 'queued').map((t) => t.entry);
  queued.sort((a, b) => Number(b.promoted) - Number(a.promoted) || a.id - b.id);
  return queued.map((e) => e.id);
}

export async function restoreTrials(sweep: Sweep, stored: StoredSweep): Promise<RestoredTrial[]> {
  const restored: RestoredTrial[] = [];
  for (const record of stored.trials) {
    const points = isActive(record.state) || isFinished(record.state) ? await stored.points(record.id) : [];
    // runtime was recorded when sweep.json was last written, or is none at its launch when
    // sweep.json had not caught up with it (launch.json told of it)
    const recordedAt = Math.max(stored.document?.updatedAt ?? 0, record.startedAt ?? 0) || Date.now();
    restored.push(restoreTrial(sweep, record, points, recordedAt));
  }
  return restored;
}

function restoreTrial(sweep: Sweep, record: TrialRecord, points: StoredPoint[], recordedAt: number): RestoredTrial {
  const { config } = sweep.resolved;
  const entry = new TrialEntry(record.id, record.params, record.cwd || config.cwd, trialPaths(sweep.dir, record.id), config.objectives);
  entry.repeats = record.repeats ?? null;
  entry.ladder = record.ladder ?? null;
  attachRuns(entry, config);
  if (config.budget) restoreLevelRuns(entry, record, config.budget.levels, config.metric);
  copyRecord(entry, record);
  for (const point of points) if (!point.afterPrune) entry.recordPoint(point.name, point.step, point.value, point.context);
  entry.syncSamplerView();
  // stopped by the sweep (a stop, a shutdown), not by a person: the resumed sweep runs it again
  const stoppedBySweep = record.state === 'killed' && record.stoppedBy === 'sweep';
  const base = { entry, points, adoption: null, endedMeanwhile: false, requeue: stoppedBySweep };
  // its values are not known (the loader says why): never run again
  entry.unreadableParams = record.unreadableParams ?? null;
  if (record.unreadableParams && record.state === 'lost') {
    entry.endedAt ??= Date.now();
    return { ...base, endedMeanwhile: true, requeue: false };
  }
  if (entry.runs && !isFinished(record.state)) return restoreRuns(entry, record, base, recordedAt);
  if (entry.runs) {
    const records = storedRuns(
      entry.paths,
      entry.runs.map((r) => r.key),
      record.runs,
    );
    for (const run of entry.runs) copyProcess(run, records[run.index]);
  }
  if (!isActive(record.state)) return base;

  if (!record.handle) {
    // it was being launched when the controller died, before its launch was recorded: it never ran
    entry.lostCount++;
    entry.moveTo('lost');
    entry.endedAt = Date.now();
    entry.reason = 'the controller died while launching it';
    return { ...base, endedMeanwhile: true, requeue: entry.lostCount === 1 };
  }
  // Followed again whether or not its process still runs: the executor knows how it ended (its
  // exit_code file), and the output it printed while no controller ran is read and recorded now.
  // Paused as recorded until the executor, adopting it, says otherwise (TrialProcess.paused).
  const paused = record.state === 'paused';
  entry.moveTo(paused ? 'paused' : record.state === 'pending' ? 'pending' : 'running');
  return {
    ...base,
    adoption: { handle: record.handle, ...recordedOffsets(points), runtimeMs: record.runtimeMs, recordedAt, paused },
  };
}

/**
 * A trial with folds or repeats that had not ended: each run as its folder says. A run whose
 * process was started is followed again (adopted, by its token); one being launched when the
 * controller died never ran (lost, so run again once); one that ended is judged again after the
 * start (retry, or end the trial). A finished run is never run again.
 */
function restoreRuns(entry: TrialEntry, record: TrialRecord, base: RestoredTrial, recordedAt: number): RestoredTrial {
  const runs = entry.runs!;
  const records = storedRuns(
    entry.paths,
    runs.map((r) => r.key),
    record.runs,
  );
  for (const run of runs) copyProcess(run, records[run.index]);
  if (runs.every((run) => run.state === 'queued')) {
    // none of its runs started: it waits in the queue as any trial not started
    entry.moveTo('queued');
    return { ...base, requeue: false };
  }
  entry.moveTo(record.state === 'paused' ? 'paused' : 'running');
  entry.startedAt ??= Math.min(...runs.flatMap((r) => (r.startedAt === null ? [] : [r.startedAt])));
  const runAdoptions: NonNullable<RestoredTrial['runAdoptions']> = [];
  const runsEnded: RunEntry[] = [];
  for (const run of runs) {
    if (isActive(run.state) && run.handle) {
      const paused = run.state === 'paused';
      run.moveTo(paused ? 'paused' : 'running');
      const own = base.points.filter((p) => p.context === run.key || p.context?.startsWith(`${run.key} `));
      runAdoptions.push({
        entry: run,
        adoption: { handle: run.handle, ...recordedOffsets(own), runtimeMs: run.runtimeMs, recordedAt, paused },
      });
    } else if (isActive(run.state)) {
      run.lostCount++;
      run.moveTo('lost');
      run.endedAt = Date.now();
      run.reason = 'the controller died while launching it';
      runsEnded.push(run);
    } else if (isFinished(run.state) && run.state !== 'completed') {
      runsEnded.push(run);
    }
  }
  return { ...base, requeue: false, runAdoptions, runsEnded };
}

/**
 * A budget trial's runs past its first, one per level it was promoted to: as many as sweep.json
 * lists or its folder holds (a promotion's run folder may be on disk before sweep.json caught up).
 */
function restoreLevelRuns(entry: TrialEntry, record: TrialRecord, levels: readonly number[], metric: ObjectiveSpec): void {
  const count = Math.max(record.runs?.length ?? 0, runFolderCount(entry.paths));
  const start = entry.ladder!.startLevel;
  for (let n = entry.runs!.length; n < count && start + n < levels.length; n++) addLevelRun(entry, levels, start + n, metric);
}

function runFolderCount(paths: TrialPaths): number {
  try {
    return readdirSync(join(paths.dir, 'runs')).filter((name) => /^\d+$/.test(name)).length;
  } catch {
    return 0;
  }
}

function copyRecord(entry: TrialEntry, record: TrialRecord): void {
  copyProcess(entry, record);
  entry.promoted = record.promoted;
  entry.notes = record.notes ?? [];
  entry.echoed = { ...record.echoed };
  entry.rescored = record.rescored ?? [];
  const objective = decodeNumber(record.objective);
  if (objective !== undefined) entry.samplerView.objective = objective;
}

/** What a trial and a run record alike: their attempt, process, and end. */
function copyProcess(entry: TrialEntry, record: ProcessRecord): void {
  entry.attempt = record.attempt;
  entry.moveTo(record.state);
  entry.argv = record.argv;
  entry.handle = record.handle;
  entry.pid = record.pid;
  entry.gpus = record.gpus;
  entry.host = record.host ?? null;
  entry.startedAt = record.startedAt;
  entry.endedAt = record.endedAt;
  entry.runtimeMs = record.runtimeMs;
  entry.exitCode = record.exitCode;
  entry.signal = record.signal;
  entry.reason = record.reason;
  entry.stoppedBy = record.stoppedBy ?? null;
  entry.lostCount = record.lostCount ?? 0;
  entry.prunedAtStep = record.prunedAtStep ?? null;
  entry.stderrTail = record.stderrTail ?? [];
}

/** Where the earlier controller stopped recording, per output stream and per `logs:` file. */
function recordedOffsets(points: readonly StoredPoint[]): Pick<Adoption, 'replayUntil' | 'logOffsets'> {
  const replayUntil = { stdout: 0, stderr: 0 };
  const logOffsets: Record<string, number> = {};
  for (const point of points) {
    const source = point.source ?? 'stdout';
    if (source === 'stdout' || source === 'stderr') replayUntil[source] = Math.max(replayUntil[source], point.offset);
    else logOffsets[source] = Math.max(logOffsets[source] ?? 0, point.offset);
  }
  return { replayUntil, logOffsets };
}
