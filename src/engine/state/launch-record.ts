/**
 * What the trial folder knows that sweep.json may not yet: sweep.json is written at most a few
 * times a second, so a controller killed just after launching a trial may leave a sweep.json in
 * which that trial is still queued, or absent. `launch.json`, written the moment a trial's process
 * exists, closes that gap: whoever reads the sweep afterwards (status, resume) finds the process
 * and follows it instead of launching the trial a second time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { ExecutorHandle } from '../../plugin-api/executor.js';
import { isActive } from '../../plugin-api/trial-state.js';
import { writeJsonAtomic } from './atomic.js';
import { trialPaths, trialsDir, type TrialPaths } from './layout.js';
import type { SweepDocument, TrialRecord } from './records.js';

export interface LaunchRecord {
  attempt: number;
  handle: ExecutorHandle;
  /** The pid to show; absent in launch records of earlier versions. */
  pid?: number | null;
  startedAt: number;
  gpus: string[] | null;
  argv: string[];
  cwd: string;
}

export function writeLaunchRecord(paths: TrialPaths, record: LaunchRecord): void {
  writeJsonAtomic(paths.launch, record);
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/**
 * Every trial of a sweep directory: sweep.json's records, each corrected by its folder's
 * launch.json, plus trials sweep.json never heard of (found through their folders).
 */
export function storedTrials(sweepDir: string, document: SweepDocument | null): TrialRecord[] {
  const records = new Map((document?.trials ?? []).map((t) => [t.id, t]));
  for (const id of folderIds(sweepDir)) if (!records.has(id)) records.set(id, unknownTrial(sweepDir, id));
  return [...records.keys()].sort((a, b) => a - b).map((id) => withLaunch(sweepDir, records.get(id)!));
}

function withLaunch(sweepDir: string, record: TrialRecord): TrialRecord {
  if (record.handle && isActive(record.state)) return record;
  if (record.state !== 'queued' && !isActive(record.state)) return record;
  const launch = readJson<LaunchRecord>(trialPaths(sweepDir, record.id).launch);
  if (!launch || launch.attempt !== record.attempt) return record;
  return {
    ...record,
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
  return {
    id, attempt: 0, params: readJson(trialPaths(sweepDir, id).params) ?? {}, argv: [], cwd: '', state: 'running',
    promoted: false, handle: null, pid: null, gpus: null, startedAt: null, endedAt: null, runtimeMs: 0,
    exitCode: null, signal: null, objective: null, best: null, step: null, steps: 0, reason: null,
  };
}

function folderIds(sweepDir: string): number[] {
  try {
    return readdirSync(trialsDir(sweepDir)).filter((n) => /^\d+$/.test(n)).map(Number);
  } catch {
    return [];
  }
}
