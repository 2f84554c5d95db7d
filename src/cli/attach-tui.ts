/**
 * The TUI as a client of a sweep's controller, over its control socket. Leaving the TUI detaches:
 * the sweep goes on, and `sweeptop attach` comes back to it.
 */
import { connectToSweep } from '../engine/control/client.js';
import { printSummary } from './headless-reporter.js';
import { println, type CommandIO } from './io.js';

/** `detachable: false` (the demo): `q` asks to stop the sweep instead of leaving it running. */
export async function attachTui(dir: string, io: CommandIO, { detachable = true } = {}): Promise<number> {
  const client = await connectToSweep(dir);
  const { startTui } = await import('../ui/start.js');
  try {
    const { reason } = await startTui(client, { detachable });
    if (reason === 'stopped') {
      printSummary(client.snapshot(), io.stdout);
      return 0;
    }
    println(io.stdout, `detached; the sweep goes on. \`sweeptop attach ${dir}\` comes back to it, \`sweeptop stop ${dir}\` stops it.`);
    return 0;
  } finally {
    client.close();
  }
}
