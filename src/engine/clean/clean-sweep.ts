/**
 * `sweeptop clean`: the chosen finished trials (clean-selection.ts) emptied of their logs and of
 * what their scripts wrote into their folders (removable-files.ts), their records kept, and how
 * much that freed. In steps: who runs the sweep → which trials → what each may lose → remove.
 *
 * A trial is touched only when it has ended for good, as far as anyone can tell:
 * - its result.json (written when a controller recorded its end) says it finished; a trial that
 *   ended while no controller ran is recorded by `resume` first (which reads its logs to do so);
 * - not killed by a stop of the sweep: `resume` runs such a trial again;
 * - with a live controller on this machine, the controller says it finished too (sweep.json may
 *   lag behind it); one on another host cannot be asked, so clean is refused there;
 * - its launch.json and result.json unchanged between looking and removing (re-queued meanwhile).
 * Without a live controller, clean holds the sweep's lock while it removes, so that no `resume`
 * starts meanwhile.
 */
import { lstat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isActive, isFinished, type TrialState } from '../../plugin-api/trial-state.js';
import { requestSnapshot } from '../control/client.js';
import { UserError } from '../errors.js';
import { controllerState, holdLock, ownedElsewhere, type HeldLock } from '../state/controller-lock.js';
import { readJsonFile } from '../state/atomic.js';
import { trialPaths, trialsDir, type TrialPaths } from '../state/layout.js';
import { loadSweep, UNRECORDED_OBJECTIVE } from '../state/load-sweep.js';
import type { TrialRecord } from '../state/records.js';
import { addCleanedRecord } from './cleaned-record.js';
import { cleanSelection, type CleanReason, type CleanRequest } from './clean-selection.js';
import { removableEntries, removeEntry, type Removable } from './removable-files.js';

/** How long to wait for a live controller's word on its trials' states. */
const LIVE_ANSWER_MS = 5000;

export interface TrialClean {
  id: number;
  state: TrialState;
  reason: CleanReason;
  /** What was removed (with a dry run: what would be). */
  entries: Removable[];
  bytes: number;
  files: number;
  /** Files with another hard link: removed, but their space is freed only when that link goes too. */
  linked: number;
}

/** A trial the request chose, or one still active, that clean left alone, and why. */
export interface LeftAlone {
  id: number;
  state: TrialState;
  why: string;
}

export interface SweepClean {
  dir: string;
  dryRun: boolean;
  /** The ids kept as the top (--keep-top), best first; empty without it. */
  top: number[];
  /** The trials cleaned (or that would be), by id; those with nothing to remove included. */
  trials: TrialClean[];
  left: LeftAlone[];
  bytes: number;
  files: number;
  linked: number;
  /** What the loader could not read, and what could not be removed. */
  notices: string[];
}

export async function cleanSweep(dir: string, request: CleanRequest, options: { dryRun: boolean; now?: number }): Promise<SweepClean> {
  const owner = controllerState(dir);
  if (owner.kind === 'elsewhere') throw ownedElsewhere(dir, owner, 'clean');
  // a dry run changes nothing, so it needs no lock; a live controller keeps its own
  const lock: HeldLock | null = options.dryRun || owner.kind === 'here' ? null : holdLock(dir);
  try {
    await refuseLinkedTrialsFolder(dir);
    const sweep = await loadSweep(dir);
    const live = owner.kind === 'here' ? await liveStates(dir) : null;
    const goals = (sweep.objectives ?? [sweep.metric ?? UNRECORDED_OBJECTIVE]).map((objective) => objective.goal);
    const { chosen, top } = cleanSelection(sweep.trials, goals, request);
    const left: LeftAlone[] = sweep.trials
      .filter((trial) => isActive(trial.state))
      .map((trial) => ({ id: trial.id, state: trial.state, why: 'not finished: never touched' }));
    const planned: Array<{ clean: TrialClean; paths: TrialPaths; seen: string }> = [];
    for (const trial of sweep.trials) {
      const reason = chosen.get(trial.id);
      if (reason === undefined) continue;
      const paths = trialPaths(dir, trial.id);
      const why = await whyLeftAlone(paths, live?.get(trial.id));
      if (why !== null) {
        left.push({ id: trial.id, state: trial.state, why });
        continue;
      }
      const entries = await removableEntries(paths.dir);
      planned.push({ clean: summed({ id: trial.id, state: trial.state, reason, entries }), paths, seen: recordsText(paths) });
    }
    const notices = [...sweep.notices];
    const trials = options.dryRun ? planned.map((p) => p.clean) : await removeAll(dir, planned, left, notices, options.now ?? Date.now());
    return {
      dir,
      dryRun: options.dryRun,
      top,
      trials,
      left: left.sort((a, b) => a.id - b.id),
      bytes: trials.reduce((sum, t) => sum + t.bytes, 0),
      files: trials.reduce((sum, t) => sum + t.files, 0),
      linked: trials.reduce((sum, t) => sum + t.linked, 0),
      notices,
    };
  } finally {
    lock?.release();
  }
}

/** trials/ itself a link would lead every path below out of the sweep directory. */
async function refuseLinkedTrialsFolder(dir: string): Promise<void> {
  const trials = trialsDir(dir);
  const stats = await lstat(trials).catch(() => null);
  if (stats?.isSymbolicLink()) {
    throw new UserError(`${trials}: a symbolic link; clean never follows one out of the sweep directory, so nothing was removed`);
  }
}

/** The live controller's state of each trial: sweep.json may not hold its latest word yet. */
async function liveStates(dir: string): Promise<Map<number, TrialState>> {
  const snapshot = await requestSnapshot(dir, LIVE_ANSWER_MS);
  return new Map(snapshot.trials.map((trial) => [trial.id, trial.state]));
}

/** Why a chosen trial must keep its files, or null when it may lose them. */
async function whyLeftAlone(paths: TrialPaths, liveState: TrialState | undefined): Promise<string | null> {
  const folder = await lstat(paths.dir).catch(() => null);
  if (folder === null) return null; // no folder: nothing to remove, nothing to keep
  if (!folder.isDirectory()) return 'its folder is a symbolic link (or not a folder): not followed';
  const result = readJsonFile<TrialRecord>(paths.result);
  if (result === null || !isFinished(result.state)) return 'its end is not recorded yet (`sweeptop resume` records it): left as it is';
  if (result.state === 'killed' && result.stoppedBy === 'sweep') return 'stopped with the sweep: `sweeptop resume` runs it again';
  if (liveState !== undefined && !isFinished(liveState)) return `${liveState} in the live controller: never touched`;
  return null;
}

/** launch.json and result.json as they are: a trial launched again changes both. */
function recordsText(paths: TrialPaths): string {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  return `${read(paths.launch)}\0${read(paths.result)}`;
}

async function removeAll(
  dir: string,
  planned: ReadonlyArray<{ clean: TrialClean; paths: TrialPaths; seen: string }>,
  left: LeftAlone[],
  notices: string[],
  now: number,
): Promise<TrialClean[]> {
  const done: TrialClean[] = [];
  for (const { clean, paths, seen } of planned) {
    if (recordsText(paths) !== seen) {
      left.push({ id: clean.id, state: clean.state, why: 'launched again while clean looked: left as it is' });
      continue;
    }
    const removed: Removable[] = [];
    for (const entry of clean.entries) {
      try {
        await removeEntry(paths.dir, entry);
        removed.push(entry);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        notices.push(`${relative(dir, paths.dir)}/${entry.path}: could not be removed (${code}); not counted as freed`);
      }
    }
    const cleaned = summed({ ...clean, entries: removed });
    if (removed.length > 0)
      addCleanedRecord(
        paths,
        removed.map((e) => e.path),
        cleaned.bytes,
        now,
      );
    done.push(cleaned);
  }
  return done;
}

function summed(trial: Omit<TrialClean, 'bytes' | 'files' | 'linked'>): TrialClean {
  return {
    ...trial,
    bytes: trial.entries.reduce((sum, e) => sum + e.bytes, 0),
    files: trial.entries.reduce((sum, e) => sum + e.files, 0),
    linked: trial.entries.reduce((sum, e) => sum + e.linked, 0),
  };
}
