/**
 * Runs a sweep in this process until it ends, printing one line per event (headless). A killed CI
 * job therefore never orphans a controller. The sweep is still served on its control socket, so
 * `sweeptop attach` and `ctl` work on it.
 * First Ctrl-C: stop launching, SIGTERM running trials, SIGKILL after `grace`, record everything.
 * Second Ctrl-C: SIGKILL now. A sweep stopped by a signal exits 130, as shells expect; one whose
 * trials kept failing (crash loop, max_failures) exits 3, so that a script does not take it for
 * a sweep that ran.
 */
import type { Sweep } from '../engine/sweep/sweep.js';
import { attachHeadlessReporter, printSummary } from './headless-reporter.js';
import type { CommandIO } from './io.js';
import { serveSweep } from './serve.js';

export const EXIT_TRIALS_FAILING = 3;

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
    if (interrupts > 0) return 130;
    return sweep.stoppedOnFailures ? EXIT_TRIALS_FAILING : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    await served.close();
  }
}
