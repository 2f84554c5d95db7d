/**
 * The format version of a sweep directory, and how a directory of an earlier version is read.
 *
 *   1  sweep.json (`schema: 1`), controller.lock, trials/<id>/… (layout.ts)
 *   2  adds sweeptop.json (this version, the sweep file's origin) and sweep.yaml (the sweep file's
 *      text), both written once at creation, so that a damaged sweep.json neither hides the
 *      version nor loses the config; launch.json names the pid to show.
 *
 * The version is read from sweeptop.json, else from sweep.json's `schema`; a directory with
 * neither is version 1. Earlier versions are read as they are — a reader never writes to a sweep
 * directory: UPGRADES[n] turns what the loader read from a version-n directory into what version
 * n+1 would hold. A controller that takes an older directory over (resume, stop) writes the files
 * of the current version as it goes, which makes it that version. A newer version is refused.
 *
 * To add version N+1:
 *   1. raise FORMAT_VERSION to N+1 and add its line above; write the new layout in the writers;
 *   2. add UPGRADES[N]: from what a version-N directory holds (StoredFiles) to N+1's shape. If a
 *      directory must be changed on disk instead, do it in writeSweepOrigin (sweep-origin.ts),
 *      which a controller runs when it takes a directory over, and keep a backup of every file
 *      it rewrites;
 *   3. commit a version-N directory under fixtures/sweep-dirs/vN/ for the format test to load.
 */
import { SWEEPTOP_VERSION } from '../version.js';
import { UserError } from '../errors.js';
import type { SweepDocument, SweepIdentity } from './records.js';

export const FORMAT_VERSION: number = 2;
export const OLDEST_FORMAT: number = 1;

/** What the loader reads from the top of a sweep directory, before its trials. */
export interface StoredFiles {
  identity: SweepIdentity | null;
  /** sweep.json; null when it is missing or damaged (then `documentError` says why). */
  document: SweepDocument | null;
  documentError: string | null;
  /** sweep.yaml's text; null when it is missing (every version-1 directory) or unreadable. */
  sweepFileText: string | null;
}

/** UPGRADES[n]: version n's files read as version n+1's. */
export const UPGRADES: Record<number, (files: StoredFiles) => StoredFiles> = {
  // 1 → 2: nothing to convert. Version 2 only adds files that back up what sweep.json holds;
  // the loader takes sweep.json first and those files only where it falls short.
  1: (files) => files,
};

export function formatVersion(files: Pick<StoredFiles, 'identity' | 'document'>): number {
  const version = files.identity?.format ?? files.document?.schema;
  return Number.isSafeInteger(version) && version! >= OLDEST_FORMAT ? version! : OLDEST_FORMAT;
}

/** The directory's files as the current version holds them; a one-line UserError for a newer version. */
export function upgradeToCurrent(dir: string, files: StoredFiles): StoredFiles {
  const version = formatVersion(files);
  if (version > FORMAT_VERSION) throw newerFormat(dir, version, files.identity?.reproducibility?.sweeptopVersion);
  let upgraded = files;
  for (let step = version; step < FORMAT_VERSION; step++) upgraded = UPGRADES[step](upgraded);
  return upgraded;
}

function newerFormat(dir: string, version: number, writtenBy: string | undefined): UserError {
  const readable = OLDEST_FORMAT === FORMAT_VERSION ? `version ${FORMAT_VERSION}` : `versions ${OLDEST_FORMAT}–${FORMAT_VERSION}`;
  const by = writtenBy ? ` (written by sweeptop ${writtenBy})` : '';
  const fix = writtenBy ? `use sweeptop ${writtenBy} or newer on it` : 'use a newer sweeptop on it';
  return new UserError(
    `${dir}: sweep directory format version ${version}${by}; this sweeptop (${SWEEPTOP_VERSION}) reads ${readable}: ${fix}`,
  );
}
