/** A trial folder's files as the engine writes them: params at launch, result at the end. */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syncToDisk, writeJsonAtomic } from '../state/atomic.js';
import { ATTEMPT_FILES, type TrialPaths } from '../state/layout.js';
import type { TrialRecord } from '../state/records.js';
import type { Params } from '../../plugin-api/space.js';

export function prepareTrialFolder(paths: TrialPaths, params: Params, attempt: number): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  if (attempt > 0) archiveAttempt(paths, attempt - 1);
  writeFileSync(paths.params, JSON.stringify(params, null, 2) + '\n');
}

/** The previous attempt's files move to attempt-<n>/ so that every result stays recoverable. */
function archiveAttempt(paths: TrialPaths, attempt: number): void {
  const archive = join(paths.dir, `attempt-${attempt}`);
  mkdirSync(archive, { recursive: true });
  for (const name of ATTEMPT_FILES) {
    const from = join(paths.dir, name);
    if (existsSync(from)) renameSync(from, join(archive, name));
  }
}

export function writeTrialResult(paths: TrialPaths, record: TrialRecord): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  writeJsonAtomic(paths.result, record);
  void syncToDisk(paths.result);
}
