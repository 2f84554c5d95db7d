/**
 * The TUI as a client of a sweep's controller, over its control socket. Leaving the TUI detaches:
 * the sweep goes on, and `sweeptop attach` comes back to it.
 */
import { connectToSweep } from '../engine/control/client.js';
import type { SweepPhase } from '../engine/events.js';
import { println, type CommandIO } from './io.js';

/** `detachable: false` (the demo): `q` asks to stop the sweep instead of leaving it running. */
export async function attachTui(dir: string, io: CommandIO, { detachable = true, notice }: { detachable?: boolean; notice?: string } = {}): Promise<number> {
  // the UI's modules load while the snapshot travels; a failed connection leaves the load unused
  const ui = import('../ui/start.js').then((start) => {
    void start.loadInk().catch(() => {});
    return start;
  });
  ui.catch(() => {}); // awaited below; if connecting fails first, its error is the one to report
  // a big sweep's first trials are drawn while the rest travel (see ConnectOptions.progressive)
  const client = await connectToSweep(dir, { progressive: true });
  const { startTui } = await ui;
  try {
    const { reason } = await startTui(client, { detachable, notice });
    const { phase, stopReason } = client.snapshot();
    // a sweep that ended while watched ends as a headless one does: the best trials, the winner's command
    if (reason !== 'quit' || phase === 'finished') {
      // loaded only here: it brings the code that reads whole sweeps, which a fresh attach does not need
      const { printSummary } = await import('./headless-reporter.js');
      printSummary(client.snapshot(), io.stdout);
      if (reason !== 'quit') return reason === 'interrupted' ? 130 : 0;
    }
    println(io.stdout, farewell(dir, phase, stopReason, client.connected ? null : client.disconnectedBecause));
    return 0;
  } finally {
    client.close();
  }
}

/** What became of the sweep the TUI leaves, and the command that goes on from there. */
function farewell(dir: string, phase: SweepPhase, stopReason: string | null, lost: string | null): string {
  if (phase === 'finished') {
    return `the sweep has finished${stopReason ? `: ${stopReason}` : ''}. \`sweeptop status ${dir}\` shows its trials, \`sweeptop best ${dir}\` the best one.`;
  }
  if (lost !== null) {
    return `lost the controller (${lost}). \`sweeptop ls\` tells whether it still runs; if it died, \`sweeptop resume ${dir}\` continues the sweep.`;
  }
  return `detached; the sweep goes on. \`sweeptop attach ${dir}\` comes back to it, \`sweeptop stop ${dir}\` stops it.`;
}
