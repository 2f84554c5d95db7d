/** How a trial is run again by hand: the lines `best` and a finished sweep's summary end with. */
import { quoteArgv } from '../engine/template/command.js';

/**
 * `cd` first: the command's relative paths are relative to the folder the trial ran in. A trial
 * with folds or repeats is all of its runs, each its own command: one line each, in run order.
 */
export function rerunLines(cwd: string, command: string, runs: ReadonlyArray<{ key: string; command: string }> = []): string[] {
  const cd = `cd ${quoteArgv([cwd])} && `;
  if (runs.length === 0) return ['run it again:', `  ${cd}${command}`];
  return [`run it again (its ${runs.length} runs, one command each):`, ...runs.map((run) => `  ${cd}${run.command}   # ${run.key}`)];
}
