/**
 * Where a sweep keeps its files: the one place that names them. Everything else asks for paths
 * here and reads and writes through this folder's loader (load-sweep.ts) and writers; format.ts
 * says which version of this layout a directory has.
 *
 *   DIR/sweeptop.json            what the folder is: its format version, the sweep file it came
 *                                from, when, the reproducibility record (written once, at creation)
 *   DIR/sweep.yaml               the sweep file's text as it was run (written at creation; its
 *                                objective replaced by `rescore`)
 *   DIR/sweep.json               lowdb: config, seed, reproducibility record, trial summaries
 *   DIR/sweep.json.damaged       a damaged sweep.json, kept when a resumed controller replaced it
 *   DIR/controller.lock          host, pid and start time of the live controller (refreshed)
 *   DIR/controller.log           a detached controller's output
 *   DIR/control.json             where the controller's control socket is
 *   DIR/control.sock             the control socket, when its path is short enough
 *   DIR/trials/<id>/params.json  exactly the values the trial ran with, on disk before it starts
 *   DIR/trials/<id>/settings.json  the trial's own settings over the sweep's ({"repeats": R} of a
 *                                trial added by `rerun --repeats R`), made with params.json; absent: none
 *   DIR/trials/<id>/stdout.log   the trial's own output, written by the trial itself
 *   DIR/trials/<id>/stderr.log
 *   DIR/trials/<id>/metrics.jsonl  {"name","step","value","time","offset"} per metric point
 *   DIR/trials/<id>/exit_code    written by the wrapper when the trial ends
 *   DIR/trials/<id>/launch.json  its launch: attempt + token, on disk before its process starts;
 *                                then its process (locally pid + start time + boot id), written the
 *                                moment it exists (sweep.json may lag)
 *   DIR/trials/<id>/result.json  how it ended (its objective replaced by `rescore`, the old one kept)
 *   DIR/trials/<id>/runs/<k>/    with folds or repeats, run k of the trial (its stdout.log, stderr.log,
 *                                metrics.jsonl, exit_code, launch.json, result.json and attempt-<n>/,
 *                                as a trial's); params.json and the trial's result.json stay above
 *   DIR/trials/<id>/attempt-<n>/ an earlier attempt's files, kept when a trial is re-run (never
 *                                overwritten: another run of it goes to attempt-<n>.<k>/)
 *   DIR/trials/<id>/cleaned.json what `sweeptop clean` removed of the trial's files, when, and how much
 *
 * A sweep directory can always be rebuilt from its trial folders: sweep.json is a coalesced
 * summary, result.json is written atomically when a trial ends (and only then, but for `rescore`).
 */
import { join } from 'node:path';

export interface TrialPaths {
  dir: string;
  params: string;
  /** The trial's own settings over the sweep's (trial-settings.ts); a run's are its trial's. */
  settings: string;
  stdout: string;
  stderr: string;
  metrics: string;
  exitCode: string;
  result: string;
  launch: string;
  /** What `sweeptop clean` removed of this folder's files (clean/cleaned-record.ts). */
  cleaned: string;
}

export interface SweepPaths {
  identity: string;
  sweepFile: string;
  document: string;
  /** A damaged sweep.json, kept when a resumed controller writes a new one. */
  damagedDocument: string;
  lock: string;
  controllerLog: string;
  controlInfo: string;
  controlSocket: string;
  trials: string;
}

export function sweepPaths(sweepDir: string): SweepPaths {
  return {
    identity: join(sweepDir, 'sweeptop.json'),
    sweepFile: join(sweepDir, 'sweep.yaml'),
    document: join(sweepDir, 'sweep.json'),
    damagedDocument: join(sweepDir, 'sweep.json.damaged'),
    lock: join(sweepDir, 'controller.lock'),
    controllerLog: join(sweepDir, 'controller.log'),
    controlInfo: join(sweepDir, 'control.json'),
    controlSocket: join(sweepDir, 'control.sock'),
    trials: join(sweepDir, 'trials'),
  };
}

export function sweepJsonPath(sweepDir: string): string {
  return sweepPaths(sweepDir).document;
}

export function lockPath(sweepDir: string): string {
  return sweepPaths(sweepDir).lock;
}

export function trialsDir(sweepDir: string): string {
  return sweepPaths(sweepDir).trials;
}

export function trialPaths(sweepDir: string, id: number): TrialPaths {
  return trialFiles(join(trialsDir(sweepDir), String(id)));
}

/** The files of the trial folder `dir` (a trial snapshot's `dir`). */
export function trialFiles(dir: string): TrialPaths {
  return {
    dir,
    params: join(dir, 'params.json'),
    settings: join(dir, 'settings.json'),
    stdout: join(dir, 'stdout.log'),
    stderr: join(dir, 'stderr.log'),
    metrics: join(dir, 'metrics.jsonl'),
    exitCode: join(dir, 'exit_code'),
    result: join(dir, 'result.json'),
    launch: join(dir, 'launch.json'),
    cleaned: join(dir, 'cleaned.json'),
  };
}

/** The files of run `index` of a trial: its own folder, the trial's parameters. */
export function runFiles(trial: TrialPaths, index: number): TrialPaths {
  return { ...trialFiles(join(trial.dir, 'runs', String(index))), params: trial.params, settings: trial.settings };
}

/** Where an attempt's files go when the trial runs again. */
export function attemptDir(paths: TrialPaths, attempt: number): string {
  return join(paths.dir, `attempt-${attempt}`);
}

/** The files of one attempt, moved aside before the trial runs again. */
export const ATTEMPT_FILES = [
  'stdout.log',
  'stderr.log',
  'metrics.jsonl',
  'exit_code',
  'result.json',
  'launch.json',
  'cleaned.json',
] as const;

/**
 * What sweeptop reads back of a trial's, a run's or an attempt's folder (status, best, export,
 * replay, analyze, rescore, resume): `clean` never removes these. The two logs are not among them:
 * once a trial has ended, its metric points are in metrics.jsonl and how it ended in result.json.
 */
export const RECORD_FILES: ReadonlySet<string> = new Set([
  'params.json',
  'settings.json',
  'metrics.jsonl',
  'exit_code',
  'result.json',
  'launch.json',
  'cleaned.json',
]);

/** A trial folder's folder of runs (runs/<k>/), and an attempt's folder name (attempt-<n>, attempt-<n>.<k>). */
export const RUNS_FOLDER = 'runs';
export const ATTEMPT_FOLDER = /^attempt-\d+(\.\d+)?$/;
