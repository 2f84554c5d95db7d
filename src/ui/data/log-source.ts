/** Where the log view gets a trial's earlier output: the CLI may pass its own reader. */
import type { RunSnapshot, TrialSnapshot } from '../../engine/events.js';
import { trialFiles } from '../../engine/state/layout.js';
import { readTail } from './read-tail.js';

export type ReadLog = (trialId: number, stream: 'stdout' | 'stderr') => Promise<string>;

/** Reads the end of the trial folder's stdout or stderr log (files on this machine). */
export function fileLogReader(dirOf: (trialId: number) => string | undefined): ReadLog {
  return async (trialId, stream) => {
    const dir = dirOf(trialId);
    return dir ? readTail(trialFiles(dir)[stream]) : '';
  };
}

/**
 * The run whose output a trial with runs (folds, repeats, budget levels) shows: the one running
 * now, else the last one that started. A run trial's own folder has no output.
 */
export function outputRunOf(trial: TrialSnapshot): RunSnapshot | undefined {
  if (!trial.runs) return undefined;
  const running = trial.runs.find((run) => run.pid !== null && run.state === 'running');
  return running ?? trial.runs.filter((run) => run.state !== 'queued').at(-1);
}

/** The folder whose output the trial's log shows. */
export function outputDirOf(trial: TrialSnapshot): string {
  return outputRunOf(trial)?.dir ?? trial.dir;
}
