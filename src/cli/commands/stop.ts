/**
 * `sweeptop stop DIR [--now]`: stop a sweep (SIGTERM to trials, SIGKILL after `grace`; `--now`:
 * SIGKILL at once) and return when no trial process remains — through the live controller, or,
 * when the controller is dead, by adopting its recorded trials (pid and start time checked) and
 * stopping them here.
 */
import { resolve } from 'node:path';
import { sendCommand } from '../../engine/control/client.js';
import { UserError } from '../../engine/errors.js';
import { liveController } from '../../engine/state/controller-lock.js';
import { openStoredSweep } from '../../engine/sweep/open-stored.js';
import { holdLock } from '../lock.js';
import { parseCommandArgs } from '../args/parse.js';
import { STOP } from '../command-table.js';
import { println, type CommandIO } from '../io.js';

export async function runStop(args: string[], io: CommandIO): Promise<number> {
  const { options, args: { DIR } } = parseCommandArgs(STOP, args);
  const dir = resolve(DIR);
  const force = options.now;
  const owner = liveController(dir);
  if (owner) {
    const result = await sendCommand(dir, { type: 'stop', force }, 'sweeptop stop');
    if (!result.ok && !/already finished/.test(result.error)) throw new UserError(result.error);
    while (liveController(dir)) await new Promise((r) => setTimeout(r, 100));
    println(io.stdout, `stopped ${dir}`);
    return 0;
  }
  const sweep = await openStoredSweep(dir);
  const release = holdLock(dir);
  try {
    sweep.stopAll('stopped by `sweeptop stop` while no controller ran', force);
    sweep.start();
    const snapshot = await sweep.done;
    const killed = snapshot.trials.filter((t) => t.reason?.startsWith('the sweep was stopped')).length;
    println(io.stdout, `stopped ${dir}${killed ? ` (${killed} trial${killed > 1 ? 's' : ''} left running by the dead controller stopped)` : ''}`);
    return 0;
  } finally {
    release();
  }
}
