/**
 * `sweeptop resume DIR [--detach] [--headless] [--trials N]`: `run` on an existing sweep
 * directory — after a crash, a reboot, a stop, or to raise the trial budget. Refused while a live
 * controller owns the directory.
 */
import { resolve } from 'node:path';
import { UserError } from '../../engine/errors.js';
import { liveController } from '../../engine/state/controller-lock.js';
import { readSweepDocument } from '../../engine/state/sweep-store.js';
import { openStoredSweep } from '../../engine/sweep/open-stored.js';
import { parseCommandArgs } from '../args/parse.js';
import { RESUME } from '../command-table.js';
import { attachTui } from '../attach-tui.js';
import { runSweepInForeground } from '../foreground.js';
import { println, type CommandIO } from '../io.js';
import { spawnController } from '../spawn-controller.js';

export async function runResume(args: string[], io: CommandIO): Promise<number> {
  const { options: values, args: { DIR } } = parseCommandArgs(RESUME, args);
  const dir = resolve(DIR);
  const trialsTarget = values.trials;
  const owner = liveController(dir);
  if (owner) throw new UserError(`${dir} is run by a live controller (pid ${owner.pid}); \`sweeptop attach ${dir}\` watches it`);
  const headless = !values.detach && (values.headless || !process.stdout.isTTY || !process.stdin.isTTY);
  if (headless) {
    const sweep = await openStoredSweep(dir, { trialsTarget });
    for (const note of sweep.resolved.pluginNotes) io.stderr.write(`sweeptop: note: ${note}\n`);
    return runSweepInForeground(sweep, io);
  }
  if (!(await readSweepDocument(dir))) throw new UserError(`${dir}: no sweep.json here; not a sweep directory`);
  await spawnController(dir, trialsTarget === undefined ? [] : ['--trials', String(trialsTarget)]);
  if (values.detach) {
    println(io.stdout, dir);
    return 0;
  }
  return attachTui(dir, io);
}
