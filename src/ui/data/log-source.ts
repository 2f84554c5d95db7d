/** Where the log view gets a trial's earlier output: the CLI may pass its own reader. */
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
