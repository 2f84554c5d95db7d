/**
 * Runs a sweep in this process until it ends, printing one line per event (headless). A killed CI
 * job therefore never orphans a controller. The sweep is still served on its control socket, so
 * `sweeptop attach` and `ctl` work on it.
 * First Ctrl-C: stop launching, SIGTERM running trials, SIGKILL after `grace`, record everything.
 * Second Ctrl-C: SIGKILL now. A sweep stopped by a signal exits 130, as shells expect.
 */
import type { Sweep } from '../engine/sweep/sweep.js';
import { attachHeadlessReporter, printSummary } from './headless-reporter.js';
import type { CommandIO } from './io.js';
import { serveSweep } from './serve.js';

export async function runSweepInForeground(sweep: Sweep, io: CommandIO): Promise<number> {
  const served = await serveSweep(sweep);
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    const force = interrupts > 1;
    io.stderr.write(force ? '\nstopping now (SIGKILL)\n' : '\nstopping: waiting for running trials to exit (Ctrl-C again to kill them now)\n');
    void sweep.execute({ type: 'stop', force }, 'headless');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    const detach = attachHeadlessReporter(sweep, io.stdout);
    sweep.start();
    const snapshot = await sweep.done;
    detach();
    printSummary(snapshot, io.stdout);
    return interrupts > 0 ? 130 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    await served.close();
  }
}
