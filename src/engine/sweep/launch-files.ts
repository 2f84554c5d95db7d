/**
 * What must be on disk before a trial's process starts: its parameters, then a launch record of
 * this attempt and the token its processes will carry. A controller that dies before the spawn
 * leaves a trial that can be run again with its parameters, never one run without them; one that
 * dies after it leaves a record from which `resume` finds the process (by its token) or its end
 * (exit_code), instead of running it twice.
 */
import type { ExecutorHandle } from '../../plugin-api/executor.js';
import { prepareRunFolder, prepareTrialFolder, writeLaunchIntent } from '../state/trial-files.js';
import { RunEntry } from './run-entry.js';
import type { TrialEntry } from './trial-entry.js';

/** A launch file that could not be written: which one, and why. */
export class LaunchFileError extends Error {
  constructor(
    readonly path: string,
    override readonly cause: Error,
  ) {
    super(`could not write ${path}: ${cause.message}`);
  }
}

/**
 * `handle`: what stands for the process until it exists (the token its processes will carry);
 * `warn`: told when an unrecorded run's files were found where an earlier attempt's archive was.
 */
export async function writeLaunchFiles(entry: TrialEntry, handle: ExecutorHandle, warn: (text: string) => void): Promise<void> {
  const record = {
    attempt: entry.attempt,
    handle,
    pid: null,
    startedAt: entry.startedAt ?? Date.now(),
    gpus: entry.gpus,
    argv: entry.argv,
    cwd: entry.cwd,
  };
  let writing = entry.paths.params;
  try {
    const archived =
      entry instanceof RunEntry
        ? await prepareRunFolder(
            entry.parent.paths,
            entry.paths,
            entry.params,
            entry.attempt,
            entry.parent.repeats === null ? null : { repeats: entry.parent.repeats },
          )
        : await prepareTrialFolder(entry.paths, entry.params, entry.attempt);
    if (archived) {
      warn(
        `trial ${entry.id}${entry instanceof RunEntry ? ` ${entry.key}` : ''}: ${archived.occupied} already held an earlier run's files; ` +
          `the files of the run before attempt ${entry.attempt} were kept in ${archived.folder}`,
      );
    }
    writing = entry.paths.launch;
    await writeLaunchIntent(entry.paths, record);
  } catch (error) {
    throw new LaunchFileError(writing, error as Error);
  }
}
