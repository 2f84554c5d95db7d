/**
 * Continues a sweep whose controller died (kill -9, OOM, reboot) or was stopped. Trial folders are
 * the truth: finished results are never touched; trials still running are re-adopted (pid AND
 * process start time, so a reused pid is never mistaken for a trial) and their output followed
 * again without recording a metric twice; trials that ended while no controller ran are finished
 * from their exit_code file; trials whose process is gone with no exit status are `lost` and
 * re-queued once under the same id.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readMetricLog, type StoredPoint } from '../metrics/metric-log.js';
import { decodeNumber } from '../metrics/json-number.js';
import { trialPaths } from '../state/layout.js';
import type { SweepDocument, TrialRecord } from '../state/records.js';
import { isAlive, readStat } from '../trial/proc.js';
import { isActive, isFinished, isTrialState } from '../trial/state.js';
import type { Adoption, Sweep } from './sweep.js';
import { TrialEntry } from './trial-entry.js';

export interface RestoredTrial {
  entry: TrialEntry;
  /** Set when the trial's process is still running and must be followed again. */
  adoption: Adoption | null;
  /** The trial ended while no controller ran: its end is recorded now. */
  endedMeanwhile: boolean;
  /** Lost now, and not lost before: it runs again. */
  requeue: boolean;
  points: StoredPoint[];
}

export async function restoreTrials(sweep: Sweep, document: SweepDocument): Promise<RestoredTrial[]> {
  const restored: RestoredTrial[] = [];
  for (const stored of document.trials) restored.push(await restoreTrial(sweep, stored, document.updatedAt));
  return restored;
}

async function restoreTrial(sweep: Sweep, stored: TrialRecord, savedAt: number): Promise<RestoredTrial> {
  const { config } = sweep.resolved;
  const paths = trialPaths(sweep.dir, stored.id);
  const result = readJson<TrialRecord>(paths.result);
  const record = result && isTrialState(result.state) && isFinished(result.state) && result.attempt >= stored.attempt ? result : stored;
  const entry = new TrialEntry(record.id, record.params, record.cwd || config.cwd, paths, config.metric);
  copyRecord(entry, record);
  const points = isActive(record.state) || isFinished(record.state) ? await readMetricLog(paths.metrics) : [];
  for (const point of points) entry.metrics.record(point.name, point.step, point.value);
  entry.syncSamplerView();
  const base = { entry, points, adoption: null, endedMeanwhile: false, requeue: false };
  if (!isActive(record.state)) return base;

  const pid = typeof record.handle?.pid === 'number' ? record.handle.pid : null;
  const startTime = typeof record.handle?.startTime === 'number' ? record.handle.startTime : null;
  if (record.handle && pid !== null && isAlive(pid, startTime)) {
    const paused = readStat(pid)?.state === 'T';
    entry.setState(paused ? 'paused' : 'running');
    const elapsed = paused ? 0 : Math.max(0, Date.now() - savedAt);
    return {
      ...base,
      adoption: { handle: record.handle, replayUntil: recordedOffsets(points), runtimeMs: record.runtimeMs + elapsed, paused },
    };
  }
  const exitText = existsSync(paths.exitCode) ? readFileSync(paths.exitCode, 'utf8').trim() : '';
  entry.endedAt = Date.now();
  if (/^\d+$/.test(exitText)) {
    entry.exitCode = Number(exitText);
    const completed = entry.exitCode === 0;
    entry.setState(completed ? 'completed' : 'failed');
    entry.reason = completed ? (entry.metrics.objective === null ? `no ${config.metric.name} reported` : null) : `exit code ${entry.exitCode}`;
    return { ...base, endedMeanwhile: true };
  }
  entry.lostCount++;
  entry.setState('lost');
  entry.reason = 'its process vanished without an exit status while no controller ran';
  return { ...base, endedMeanwhile: true, requeue: entry.lostCount === 1 };
}

function copyRecord(entry: TrialEntry, record: TrialRecord): void {
  entry.attempt = record.attempt;
  entry.setState(record.state);
  entry.promoted = record.promoted;
  entry.argv = record.argv;
  entry.handle = record.handle;
  entry.pid = record.pid;
  entry.gpus = record.gpus;
  entry.startedAt = record.startedAt;
  entry.endedAt = record.endedAt;
  entry.runtimeMs = record.runtimeMs;
  entry.exitCode = record.exitCode;
  entry.signal = record.signal;
  entry.reason = record.reason;
  entry.lostCount = record.lostCount ?? 0;
  entry.stderrTail = record.stderrTail ?? [];
  const objective = decodeNumber(record.objective);
  if (objective !== undefined) entry.samplerView.objective = objective;
}

/** Where the earlier controller stopped recording, per output stream. */
function recordedOffsets(points: readonly StoredPoint[]): { stdout: number; stderr: number } {
  const offsets = { stdout: 0, stderr: 0 };
  for (const point of points) {
    const stream = point.source === 'stderr' ? 'stderr' : point.source === undefined ? 'stdout' : null;
    if (stream) offsets[stream] = Math.max(offsets[stream], point.offset);
  }
  return offsets;
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}
