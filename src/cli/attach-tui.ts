/**
 * The TUI as a client of a sweep's controller, over its control socket. Leaving the TUI detaches:
 * the sweep goes on, and `sweeptop attach` comes back to it.
 */
import { connectToSweep } from '../engine/control/client.js';
import type { SweepPhase } from '../engine/events.js';
import { printNotices, println, type CommandIO } from './io.js';

/**
 * `detachable: false` (the demo): `q` asks to stop the sweep instead of leaving it running.
 * `viewer` (`attach`): Ctrl-C leaves, as `q` does; the TUI that started the sweep asks instead.
 */
export async function attachTui(
  dir: string,
  io: CommandIO,
  { detachable = true, viewer = false, notice }: { detachable?: boolean; viewer?: boolean; notice?: string } = {},
): Promise<number> {
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
    const { reason } = await startTui(client, { detachable, viewer, notice });
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

/**
 * The TUI on a sweep nothing runs (finished, or its controller died), read-only: its trials,
 * curves and reasons as stored; keys that would act on it say how to run it again.
 */
export async function viewStoredSweep(dir: string, io: CommandIO): Promise<number> {
  const ui = import('../ui/start.js');
  ui.catch(() => {}); // awaited below; a sweep that cannot be read is the error to report
  // loaded only here: reading a whole sweep is what a live attach avoids
  const [{ loadSweep }, { ReadOnlySweep }] = await Promise.all([
    import('../engine/state/load-sweep.js'),
    import('../engine/state/read-only-client.js'),
  ]);
  const sweep = await loadSweep(dir, { lookAtProcesses: true });
  printNotices(sweep.notices, io);
  const client = new ReadOnlySweep(sweep);
  const { startTui } = await ui;
  // no trial process of its is watched: nothing to sample
  await startTui(client, { viewer: true, readOnly: client.notRunning, notice: `read-only: ${client.notRunning}`, resources: false });
  println(io.stdout, `${client.notRunning}. \`sweeptop status ${dir}\` shows its trials, \`sweeptop best ${dir}\` the best one.`);
  return 0;
}

/** What became of the sweep the TUI leaves, and the command that goes on from there. */
function farewell(dir: string, phase: SweepPhase, stopReason: string | null, lost: string | null): string {
  if (phase === 'finished') {
    return `the sweep has finished${stopReason ? `: ${stopReason}` : ''}. \`sweeptop status ${dir}\` shows its trials, \`sweeptop best ${dir}\` the best one.`;
  }
  if (lost !== null) {
    return `lost the controller (${lost}). \`sweeptop ls\` tells whether it still runs; if it died, \`sweeptop resume ${dir}\` continues the sweep.`;
  }
  if (phase === 'stopping') return `detached; the sweep is stopping. \`sweeptop status ${dir}\` shows its trials.`;
  return `detached; the sweep goes on. \`sweeptop attach ${dir}\` comes back to it, \`sweeptop stop ${dir}\` stops it.`;
}
