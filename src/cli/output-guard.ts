/**
 * No write to stdout or stderr may end sweeptop badly. A reader that left (`sweeptop export DIR |
 * head`: EPIPE) or a terminal that disappeared (EIO on every write) means the viewer left: the
 * command ends quietly, or, if it outlives its terminal (a headless sweep), goes on without it.
 * Any other write error (stdout redirected to a full disk) ends the command with one line.
 */
import { describeError } from '../engine/errors.js';
import { isDiskFull } from '../engine/state/disk-pressure.js';
import { isTerminalLoss, outlivesTerminal, releaseLostTerminal } from './terminal-loss.js';

let installed = false;

/** Installs the error handlers on process.stdout and process.stderr; main calls it once. */
export function guardProcessOutput(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (isTerminalLoss(error)) {
        releaseLostTerminal();
        // a headless sweep goes on without its terminal (terminal-loss.ts moves its output to its log)
        if (outlivesTerminal()) return;
        process.exit(0);
      }
      // a sweep's output to a file on a full disk: the sweep matters more than the line lost
      if (isDiskFull(error) && outlivesTerminal()) return;
      if (stream === process.stdout) process.stderr.write(`sweeptop: cannot write the output: ${describeError(error)}\n`);
      process.exit(1);
    });
  }
}
