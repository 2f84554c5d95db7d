/**
 * Where a sweep keeps its files. A sweep directory can always be rebuilt from its trial folders:
 * sweep.json is a coalesced summary, result.json is written once, atomically, when a trial ends.
 *
 *   DIR/sweep.json               lowdb: config, seed, reproducibility record, trial summaries
 *   DIR/controller.lock          pid and start time of the live controller
 *   DIR/trials/<id>/params.json  exactly the values the trial ran with
 *   DIR/trials/<id>/stdout.log   the trial's own output, written by the trial itself
 *   DIR/trials/<id>/stderr.log
 *   DIR/trials/<id>/metrics.jsonl  {"name","step","value","time","offset"} per metric point
 *   DIR/trials/<id>/exit_code    written by the wrapper when the trial ends
 *   DIR/trials/<id>/launch.json  its process, written the moment it exists (sweep.json may lag)
 *   DIR/trials/<id>/result.json  how it ended
 *   DIR/trials/<id>/attempt-<n>/ an earlier attempt's files, kept when a trial is re-run
 */
import { join } from 'node:path';

export interface TrialPaths {
  dir: string;
  params: string;
  stdout: string;
  stderr: string;
  metrics: string;
  exitCode: string;
  result: string;
  launch: string;
}

export function sweepJsonPath(sweepDir: string): string {
  return join(sweepDir, 'sweep.json');
}

export function lockPath(sweepDir: string): string {
  return join(sweepDir, 'controller.lock');
}

export function trialsDir(sweepDir: string): string {
  return join(sweepDir, 'trials');
}

export function trialPaths(sweepDir: string, id: number): TrialPaths {
  const dir = join(sweepDir, 'trials', String(id));
  return {
    dir,
    params: join(dir, 'params.json'),
    stdout: join(dir, 'stdout.log'),
    stderr: join(dir, 'stderr.log'),
    metrics: join(dir, 'metrics.jsonl'),
    exitCode: join(dir, 'exit_code'),
    result: join(dir, 'result.json'),
    launch: join(dir, 'launch.json'),
  };
}

/** The files of one attempt, moved aside before the trial runs again. */
export const ATTEMPT_FILES = ['stdout.log', 'stderr.log', 'metrics.jsonl', 'exit_code', 'result.json', 'launch.json'] as const;
