/**
 * The detached controller: owns one sweep directory, runs its sweep to the end, and serves it to
 * clients. Started by `run`/`resume` in its own session, so a hang-up of the terminal reaches
 * neither it nor the trials. Its output goes to DIR/controller.log.
 */
import { openStoredSweep } from '../engine/sweep/open-stored.js';
import { attachHeadlessReporter } from './headless-reporter.js';
import { HeldLog } from './held-log.js';
import { printNotices, type CommandIO } from './io.js';
import { serveSweep } from './serve.js';
import { HookRunner } from './hooks/hook-runner.js';

export async function runController(dir: string, options: { trialsTarget?: number }, given: CommandIO): Promise<number> {
  // its stdout is DIR/controller.log: a full disk must hold its lines, not end the sweep
  const io: CommandIO = given.stdout === process.stdout ? { stdout: new HeldLog(1), stderr: new HeldLog(2) } : given;
  const sweep = await openStoredSweep(dir, { ...options, onNotice: (notice) => printNotices([notice], io) });
  const served = await serveSweep(sweep);
  const stop = (force: boolean) => () => void sweep.execute({ type: 'stop', force }, 'signal');
  process.on('SIGTERM', stop(false));
  process.on('SIGINT', stop(false));
  // it has no terminal; a stray SIGHUP must not end a sweep that is meant to outlive its user's session
  process.on('SIGHUP', () => {});
  attachHeadlessReporter(sweep, io.stdout);
  const hooks = new HookRunner(sweep).start();
  sweep.start();
  await sweep.done;
  // before the lock goes: `sweeptop stop` returns once on_sweep_end has run (or timed out)
  await hooks.finish();
  await sweep.persist();
  await served.close();
  return 0;
}
