/**
 * `sweeptop resume DIR [--detach] [--headless] [--trials N]`: `run` on an existing sweep
 * directory — after a crash, a reboot, a stop, or to raise the trial budget. Refused while a live
 * controller owns the directory.
 */
import { resolve } from 'node:path';
import { controllerState, ownedElsewhere } from '../../engine/state/controller-lock.js';
import { assertRoomIn } from '../../engine/state/disk-pressure.js';
import { loadResumable, openStoredSweep } from '../../engine/sweep/open-stored.js';
import { parseCommandArgs } from '../args/parse.js';
import { RESUME } from '../command-table.js';
import { attachTui } from '../attach-tui.js';
import { runSweepInForeground } from '../foreground.js';
import { printNotices, println, type CommandIO } from '../io.js';
import { spawnController } from '../spawn-controller.js';

export async function runResume(args: string[], io: CommandIO): Promise<number> {
  const {
    options: values,
    args: { DIR },
  } = parseCommandArgs(RESUME, args);
  const dir = resolve(DIR);
  const trialsTarget = values.trials;
  // a first look, for a clear refusal; the lock itself is what keeps two controllers apart
  const owner = controllerState(dir);
  const refusal = ownedElsewhere(dir, owner);
  if (refusal) throw refusal;
  assertRoomIn(dir, `sweeptop resume ${dir}`);
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
