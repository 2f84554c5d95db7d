/**
 * A trial folder's files as the engine writes them: params at launch, launch.json the moment its
 * process exists, result.json at the end (amended by `rescore`), and an earlier attempt's files
 * moved aside.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile, syncToDisk, writeJsonAtomic } from './atomic.js';
import { ATTEMPT_FILES, attemptDir, type TrialPaths } from './layout.js';
import type { LaunchRecord, TrialRecord } from './records.js';
import type { Params } from '../../plugin-api/space.js';

export function prepareTrialFolder(paths: TrialPaths, params: Params, attempt: number): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  if (attempt > 0) archiveAttempt(paths, attempt - 1);
  writeFileSync(paths.params, JSON.stringify(params, null, 2) + '\n');
}

/** The previous attempt's files move to attempt-<n>/ so that every result stays recoverable. */
function archiveAttempt(paths: TrialPaths, attempt: number): void {
  const archive = attemptDir(paths, attempt);
  mkdirSync(archive, { recursive: true });
  for (const name of ATTEMPT_FILES) {
    const from = join(paths.dir, name);
    if (existsSync(from)) renameSync(from, join(archive, name));
  }
}

/**
 * sweep.json is written at most a few times a second, so a controller killed just after
 * launching a trial may leave a sweep.json in which that trial is still queued, or absent.
 * launch.json closes that gap: whoever reads the sweep afterwards (status, resume) finds the
 * process and follows it instead of launching the trial a second time.
 */
export function writeLaunchRecord(paths: TrialPaths, record: LaunchRecord): void {
  writeJsonAtomic(paths.launch, record);
}

export function writeTrialResult(paths: TrialPaths, record: TrialRecord): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  writeJsonAtomic(paths.result, record);
  void syncToDisk(paths.result);
}

/**
 * Changes fields of a trial's result.json (a field set to undefined is removed), when it holds
 * `attempt`: result.json is the trial's own record and wins over sweep.json, so a change made to
 * one is made to both. False when there is none of that attempt (then sweep.json alone holds it).
 */
export function amendTrialResult(paths: TrialPaths, attempt: number, change: Partial<TrialRecord>): boolean {
  const result = readJsonFile<TrialRecord>(paths.result);
  if (result === null || (result.attempt ?? 0) !== attempt) return false;
  writeTrialResult(paths, { ...result, ...change });
  return true;
}
