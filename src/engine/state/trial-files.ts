/**
 * A trial folder's files as the engine writes them: params and launch.json (its attempt and
 * token) before its process starts, launch.json again the moment the process exists,
 * result.json at the end (amended by `rescore`), and an earlier attempt's files moved aside.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { access, mkdir, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readJsonFile, syncFolder, syncToDisk, writeFileDurable, writeFileReplaced, writeJsonAtomic } from './atomic.js';
import { folderWritesSettled, queueFolderWrite } from './folder-writes.js';
import { ATTEMPT_FILES, attemptDir, trialFiles, type TrialPaths } from './layout.js';
import type { LaunchRecord, RunRecord, TrialRecord } from './records.js';
import type { Params } from '../../plugin-api/space.js';
import { settingsText, type TrialSettings } from './trial-settings.js';

/**
 * Makes the trial's folder with its params.json on disk, before its process may start: a
 * controller killed at any moment leaves either no folder, or one whose params.json is whole and
 * durable. A new folder is filled under a hidden name and renamed into place, so that the folder
 * never exists without its parameters; a re-run's params.json is replaced whole.
 */
export async function prepareTrialFolder(paths: TrialPaths, params: Params, attempt: number): Promise<ArchivedRun | null> {
  const text = JSON.stringify(params, null, 2) + '\n';
  // an earlier attempt's records are still being written: they are moved aside whole, or not at all
  await folderWritesSettled(paths.dir);
  if (!(await exists(paths.dir))) {
    await createTrialFolder(paths, text);
    return null;
  }
  const archived = attempt > 0 ? archiveAttempt(paths, attempt - 1) : null;
  await writeFileDurable(paths.params, text);
  return archived;
}

/**
 * A run's folder (a fold or repeat of a trial), its trial's folder with params.json (and the
 * trial's own settings, when it has some) made first, as for a trial of its own; an earlier
 * attempt of the run is moved aside as a trial's is.
 */
export async function prepareRunFolder(
  trial: TrialPaths,
  run: TrialPaths,
  params: Params,
  attempt: number,
  settings: TrialSettings | null = null,
): Promise<ArchivedRun | null> {
  await folderWritesSettled(run.dir);
  if (!(await exists(trial.dir))) await trialFolderOnce(trial, JSON.stringify(params, null, 2) + '\n', settings);
  if (!(await exists(run.dir))) {
    await mkdir(run.dir, { recursive: true, mode: 0o700 });
    await syncFolder(dirname(run.dir));
    return null;
  }
  return attempt > 0 ? archiveAttempt(run, attempt - 1) : null;
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Trial folders being made for their runs, by path: the controller is their one writer. */
const trialFoldersInProgress = new Map<string, Promise<void>>();

/**
 * Runs launched together (runs_parallel) share one making of their trial's folder: a second
 * rename onto the folder the first made fails (ENOTEMPTY), and its run would be lost for nothing.
 */
function trialFolderOnce(trial: TrialPaths, text: string, settings: TrialSettings | null): Promise<void> {
  let making = trialFoldersInProgress.get(trial.dir);
  if (!making) {
    making = createTrialFolder(trial, text, settings).finally(() => trialFoldersInProgress.delete(trial.dir));
    trialFoldersInProgress.set(trial.dir, making);
  }
  return making;
}

/** Where a run's files went because its attempt's folder was already taken (names relative to the trial folder). */
export interface ArchivedRun {
  occupied: string;
  folder: string;
}

const HALF_BUILT = /^\.\d+\.[0-9a-f]{8}\.tmp$/;

async function createTrialFolder(paths: TrialPaths, text: string, settings: TrialSettings | null = null): Promise<void> {
  const parent = dirname(paths.dir);
  await mkdir(parent, { recursive: true, mode: 0o700 });
  const building = join(parent, `.${basename(paths.dir)}.${randomBytes(4).toString('hex')}.tmp`);
  await mkdir(building, { mode: 0o700 });
  try {
    await writeFileDurable(trialFiles(building).params, text);
    if (settings) await writeFileDurable(trialFiles(building).settings, settingsText(settings));
    await rename(building, paths.dir);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
  await syncFolder(parent);
}

/**
 * Removes the folders a controller killed while building them left under their hidden names: no
 * process ever started in one (its trial's id is free again, see TrialRoster). Only the
 * controller that holds the sweep may call it, as another could be building one right now.
 */
export function removeHalfBuiltFolders(trialsDir: string): void {
  let names: string[];
  try {
    names = readdirSync(trialsDir);
  } catch {
    return;
  }
  for (const name of names) if (HALF_BUILT.test(name)) rmSync(join(trialsDir, name), { recursive: true, force: true });
}

/**
 * The previous attempt's files move to attempt-<n>/ so that every result stays recoverable. An
 * archive is never overwritten: when attempt-<n>/ already holds files (a run nobody recorded
 * before the trial ran again), these go beside it, to attempt-<n>.<k>/ — returned, to be said.
 */
function archiveAttempt(paths: TrialPaths, attempt: number): ArchivedRun | null {
  const present = ATTEMPT_FILES.filter((name) => existsSync(join(paths.dir, name)));
  if (present.length === 0) return null;
  const wanted = attemptDir(paths, attempt);
  let archive = wanted;
  for (let k = 2; holdsFiles(archive); k++) archive = `${wanted}.${k}`;
  mkdirSync(archive, { recursive: true });
  for (const name of present) renameSync(join(paths.dir, name), join(archive, name));
  return archive === wanted ? null : { occupied: `${basename(wanted)}/`, folder: `${basename(archive)}/` };
}

function holdsFiles(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/**
 * sweep.json is written at most a few times a second, so a controller killed just after
 * launching a trial may leave a sweep.json in which that trial is still queued, or absent.
 * launch.json closes that gap: whoever reads the sweep afterwards (status, resume) finds the
 * process and follows it instead of launching the trial a second time.
 */
/**
 * The launch record written before the trial's process is started: this attempt and the token
 * its processes will carry, no pid yet — on disk (flushed) before the spawn, so that a controller
 * killed between the spawn and writeLaunchRecord leaves a trial resume knows may have started.
 */
export async function writeLaunchIntent(paths: TrialPaths, record: LaunchRecord): Promise<void> {
  await writeFileDurable(paths.launch, JSON.stringify(record, null, 2) + '\n');
}

/**
 * The launch record with the process (pid, start time): whole at once for this machine's other
 * processes, on disk (for a power cut) soon after. Written off the event loop: the intent record
 * before it already tells `resume` that the trial may have started.
 */
export function writeLaunchRecord(paths: TrialPaths, record: LaunchRecord): Promise<void> {
  return queueFolderWrite(paths.dir, async () => {
    await writeFileReplaced(paths.launch, JSON.stringify(record, null, 2) + '\n');
    void syncToDisk(paths.launch)
      .then(() => syncFolder(paths.dir))
      .catch(() => {});
  });
}

/** A trial's result.json, written off the event loop after the trial's earlier records. */
export function writeTrialResult(paths: TrialPaths, record: TrialRecord): Promise<void> {
  return queueFolderWrite(paths.dir, () => writeResult(paths, record));
}

/**
 * Changes fields of a trial's result.json (a field set to undefined is removed), when it holds
 * `attempt`: result.json is the trial's own record and wins over sweep.json, so a change made to
 * one is made to both. False when there is none of that attempt (then sweep.json alone holds it).
 */
export function amendTrialResult(paths: TrialPaths, attempt: number, change: Partial<TrialRecord>): boolean {
  const result = readJsonFile<TrialRecord>(paths.result);
  if (result === null || (result.attempt ?? 0) !== attempt) return false;
  writeJsonAtomic(paths.result, { ...result, ...change });
  void syncToDisk(paths.result);
  return true;
}

/** A run's result.json (a fold or repeat of a trial), written when the run ends. */
export function writeRunResult(paths: TrialPaths, record: RunRecord): Promise<void> {
  return queueFolderWrite(paths.dir, () => writeResult(paths, record));
}

/** A trial that never ran (it left the queue at the sweep's end) has no folder yet: its result makes one. */
async function writeResult(paths: TrialPaths, record: TrialRecord | RunRecord): Promise<void> {
  const text = JSON.stringify(record, null, 2) + '\n';
  try {
    await writeFileReplaced(paths.result, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(paths.dir, { recursive: true, mode: 0o700 });
    await writeFileReplaced(paths.result, text);
  }
  void syncToDisk(paths.result);
}
