/**
 * `sweeptop resume DIR [--detach] [--headless] [--trials N]`: `run` on an existing sweep
 * directory — after a crash, a reboot, a stop, or to raise the trial budget. Refused while a live
 * controller owns the directory.
 */
import { resolve } from 'node:path';
import { UserError } from '../../engine/errors.js';
import { controllerState, ownedElsewhere } from '../../engine/state/controller-lock.js';
import { loadResumable, openStoredSweep } from '../../engine/sweep/open-stored.js';
import { integerFlag, parseCommandArgs } from '../args.js';
import { attachTui } from '../attach-tui.js';
import { runSweepInForeground } from '../foreground.js';
import { printNotices, println, type CommandIO } from '../io.js';
import { spawnController } from '../spawn-controller.js';

const USAGE = 'sweeptop resume DIR [--detach] [--headless] [--trials N]';

export async function runResume(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { detach: { type: 'boolean' }, headless: { type: 'boolean' }, trials: { type: 'string' } },
    USAGE,
  );
  if (positionals.length !== 1) throw new UserError(`expected one sweep directory\nusage: ${USAGE}`);
  const dir = resolve(positionals[0]);
  const trialsTarget = integerFlag(values.trials, 'trials');
  // a first look, for a clear refusal; the lock itself is what keeps two controllers apart
  const owner = controllerState(dir);
  const refusal = ownedElsewhere(dir, owner);
  if (refusal) throw refusal;
  const headless = !values.detach && (values.headless || !process.stdout.isTTY || !process.stdin.isTTY);
  if (headless) {
    const sweep = await openStoredSweep(dir, { trialsTarget, onNotice: (notice) => printNotices([notice], io) });
    for (const note of sweep.resolved.pluginNotes) io.stderr.write(`sweeptop: note: ${note}\n`);
    return runSweepInForeground(sweep, io);
  }
  printNotices((await loadResumable(dir)).notices, io);
  await spawnController(dir, trialsTarget === undefined ? [] : ['--trials', String(trialsTarget)]);
  if (values.detach) {
    println(io.stdout, dir);
    return 0;
  }
  return attachTui(dir, io);
}
