/**
 * trials/<id>/cleaned.json: what `sweeptop clean` removed of a trial's files, so that a reader that
 * would have used them (rescore re-reading the logs, the log view) can say they were removed on
 * purpose rather than find nothing and say nothing. Cleaning a trial again adds to it.
 */
import { readJsonFile, writeJsonAtomic } from '../state/atomic.js';
import type { TrialPaths } from '../state/layout.js';

export interface CleanedRecord {
  /** Unix ms of the latest clean. */
  at: number;
  /** Every path removed, relative to the trial folder (a folder's ends in `/`), by every clean so far. */
  removed: string[];
  /** Bytes freed, by every clean so far. */
  bytes: number;
}

export function readCleanedRecord(paths: TrialPaths): CleanedRecord | null {
  const record = readJsonFile<Partial<CleanedRecord>>(paths.cleaned);
  if (!record || !Array.isArray(record.removed)) return null;
  return { at: Number(record.at) || 0, removed: record.removed.map(String), bytes: Number(record.bytes) || 0 };
}

export function addCleanedRecord(paths: TrialPaths, removed: readonly string[], bytes: number, at: number): void {
  const earlier = readCleanedRecord(paths);
  writeJsonAtomic(paths.cleaned, {
    at,
    removed: [...new Set([...(earlier?.removed ?? []), ...removed])],
    bytes: (earlier?.bytes ?? 0) + bytes,
  } satisfies CleanedRecord);
}

/** Whether `clean` removed the trial's stdout.log or stderr.log (the trial's own, not a run's). */
export function logsRemoved(record: CleanedRecord | null): boolean {
  return record !== null && record.removed.some((path) => path === 'stdout.log' || path === 'stderr.log');
}
