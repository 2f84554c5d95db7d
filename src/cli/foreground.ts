/**
 * Runs a sweep in this process until it ends: the TUI on a terminal, line output otherwise.
 * First Ctrl-C: stop launching, SIGTERM running trials, SIGKILL after `grace`, record everything.
 * Second Ctrl-C: SIGKILL now. A sweep stopped by a signal exits 130, as shells expect.
 */
import type { Sweep } from '../engine/sweep/sweep.js';
import { attachHeadlessReporter, printSummary } from './headless-reporter.js';
import type { CommandIO } from './io.js';
import { holdLock } from './lock.js';

export async function runSweepInForeground(sweep: Sweep, options: { headless: boolean }, io: CommandIO): Promise<number> {
  const releaseLock = holdLock(sweep.dir);
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts++;
    const force = interrupts > 1 || signal !== 'SIGINT';
    if (options.headless) {
      io.stderr.write(force ? '\nstopping now (SIGKILL)\n' : '\nstopping: waiting for running trials to exit (Ctrl-C again to kill them now)\n');
    }
    void sweep.execute({ type: 'stop', force: interrupts > 1 }, options.headless ? 'headless' : 'tui');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    if (options.headless) {
      const detach = attachHeadlessReporter(sweep, io.stdout);
      sweep.start();
      const snapshot = await sweep.done;
      detach();
      printSummary(snapshot, io.stdout);
    } else {
      const { startTui } = await import('../ui/start.js');
      sweep.start();
      await startTui(sweep, {});
      const snapshot = await sweep.done;
      printSummary(snapshot, io.stdout);
    }
    return interrupts > 0 ? 130 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    releaseLock();
  }
}
