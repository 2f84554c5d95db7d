/**
 * Runs a sweep in this process until it ends, printing one line per event (headless). A cancelled
 * CI job therefore never orphans a controller. The sweep is still served on its control socket, so
 * `sweeptop attach` and `ctl` work on it.
 * SIGINT or SIGTERM: stop launching, SIGTERM running trials, SIGKILL after `grace`, record them
 * `killed`; a second signal: SIGKILL now. The exit status is then 128 + the signal's number (130,
 * 143), as shells expect. SIGHUP (the terminal closed) stops nothing: the sweep goes on, detached,
 * its output appended to DIR/controller.log. A sweep whose trials kept failing (crash loop,
 * max_failures) exits 3, so that a script does not take it for a sweep that ran.
 */
import { constants } from 'node:os';
import { sweepPaths } from '../engine/state/layout.js';
import type { Sweep } from '../engine/sweep/sweep.js';
import { attachHeadlessReporter, printSummary } from './headless-reporter.js';
import { println, type CommandIO } from './io.js';
import { serveSweep } from './serve.js';
import { HookRunner } from './hooks/hook-runner.js';
import { outliveTerminal, TerminalOrLog } from './terminal-loss.js';

export const EXIT_TRIALS_FAILING = 3;

const STOPPING_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export async function runSweepInForeground(sweep: Sweep, io: CommandIO): Promise<number> {
  const served = await serveSweep(sweep);
  const log = sweepPaths(sweep.dir).controllerLog;
  const out = new TerminalOrLog(io.stdout, log);
  const err = new TerminalOrLog(io.stderr, log);
  const keepTerminal = outliveTerminal(() => {
    out.lose();
    err.lose();
    println(
      out,
      `the terminal hung up; the sweep goes on detached. \`sweeptop attach ${sweep.dir}\` shows it, \`sweeptop stop ${sweep.dir}\` stops it.`,
    );
  });
  let firstSignal: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    const force = firstSignal !== null;
    firstSignal ??= signal;
    err.write(
      force ? '\nstopping now (SIGKILL)\n' : `\nstopping (${signal}): waiting for running trials to exit (Ctrl-C again to kill them now)\n`,
    );
    void sweep.execute({ type: 'stop', force }, signal);
  };
  for (const signal of STOPPING_SIGNALS) process.on(signal, onSignal);
  try {
    const detach = attachHeadlessReporter(sweep, out);
    const hooks = new HookRunner(sweep).start();
    sweep.start();
    const snapshot = await sweep.done;
    // its failure is reported while the reporter still listens
    await hooks.finish();
    await sweep.persist();
    detach();
    printSummary(snapshot, out);
    if (firstSignal !== null) return 128 + constants.signals[firstSignal];
    return sweep.stoppedOnFailures ? EXIT_TRIALS_FAILING : 0;
  } finally {
    for (const signal of STOPPING_SIGNALS) process.off(signal, onSignal);
    keepTerminal();
    await served.close();
  }
}
