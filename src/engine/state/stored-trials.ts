/**
 * Every trial of a sweep directory, as recorded. Trial folders are the truth, sweep.json a
 * summary written at most twice a second: a trial's result.json wins over its record (when it is
 * of the same attempt or a later one); launch.json, written the moment the trial's process
 * existed, fills the gap a lagging sweep.json leaves (a trial it holds as queued, at an earlier
 * attempt, or not at all);
 * and a trial folder sweep.json never heard of is found all the same.
 */
import { readdirSync } from 'node:fs';
import { isActive, isFinished, isTrialState } from '../../plugin-api/trial-state.js';
import { readJsonFile } from './atomic.js';
import { trialPaths, trialsDir } from './layout.js';
import type { LaunchRecord, TrialRecord } from './records.js';
import { blankRecord } from './sweep-document.js';

/** `records`: sweep.json's, or none when it cannot be read. In ascending id. */
export function storedTrials(sweepDir: string, records: readonly TrialRecord[]): TrialRecord[] {
  const byId = new Map(records.map((t) => [t.id, t]));
  for (const id of folderIds(sweepDir)) if (!byId.has(id)) byId.set(id, unknownTrial(sweepDir, id));
  return [...byId.keys()].sort((a, b) => a - b).map((id) => fromFolder(sweepDir, byId.get(id)!));
}

function fromFolder(sweepDir: string, record: TrialRecord): TrialRecord {
  const paths = trialPaths(sweepDir, record.id);
  const result = readJsonFile<TrialRecord>(paths.result);
  if (result && isTrialState(result.state) && isFinished(result.state) && (result.attempt ?? 0) >= record.attempt) {
    return { ...blankRecord(record.id, result.state), ...result };
  }
  return withLaunch(record, readJsonFile<LaunchRecord>(paths.launch));
}

function withLaunch(record: TrialRecord, launch: LaunchRecord | null): TrialRecord {
  if (!launch || launch.attempt < record.attempt) return record;
  if (launch.attempt > record.attempt) {
    // sweep.json was written before this retry was launched: whatever it says of the earlier
    // attempt (ended, or still launching), this attempt's process exists and must be followed,
    // not launched again
    return launched({ ...blankRecord(record.id, 'running'), params: record.params, promoted: record.promoted, lostCount: record.lostCount }, launch);
  }
  if (record.handle && isActive(record.state)) return record;
  if (record.state !== 'queued' && !isActive(record.state)) return record;
  return launched(record, launch);
}

function launched(record: TrialRecord, launch: LaunchRecord): TrialRecord {
  return {
    ...record,
    attempt: launch.attempt,
    state: 'running',
    handle: launch.handle,
    pid: launch.pid ?? null,
    startedAt: launch.startedAt,
    gpus: launch.gpus,
    argv: launch.argv,
    cwd: launch.cwd,
  };
}

/** A folder with no record: its params are there; if it has no launch.json it never started. */
function unknownTrial(sweepDir: string, id: number): TrialRecord {
  return { ...blankRecord(id, 'running'), params: readJsonFile(trialPaths(sweepDir, id).params) ?? {} };
}

function folderIds(sweepDir: string): number[] {
  try {
    return readdirSync(trialsDir(sweepDir)).filter((n) => /^\d+$/.test(n)).map(Number);
  } catch {
    return [];
  }
}
