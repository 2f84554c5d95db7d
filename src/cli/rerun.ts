/** How a trial is run again by hand: the lines `best` and a finished sweep's summary end with. */
import { quoteArgv } from '../engine/template/command.js';

/** `cd` first: the command's relative paths are relative to the folder the trial ran in. */
export function rerunLines(cwd: string, command: string): string[] {
  return ['run it again:', `  cd ${quoteArgv([cwd])} && ${command}`];
}
