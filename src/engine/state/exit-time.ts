/**
 * When a trial exited, as its exit_code file says: the wrapper (executors/wrapper.ts) writes the
 * file the moment the trial ends, and forks nothing to do it (no `date`), so the file's
 * modification time is the exit time. It counts when nobody watched the trial end: a controller
 * that was dead, or `status` reading a sweep whose controller is gone.
 */
import { statSync } from 'node:fs';

/** Milliseconds since the epoch, or null when the file is not there. */
export function exitTime(exitCodeFile: string): number | null {
  try {
    return statSync(exitCodeFile).mtimeMs;
  } catch {
    return null;
  }
}
