/**
 * `sweeptop stop [DIR] [--now]`: stop a sweep (SIGTERM to trials, SIGKILL after `grace`; `--now`:
 * SIGKILL at once) and return when no trial process remains — through the live controller, or,
 * when the controller is dead, by adopting its recorded trials (pid and start time checked) and
 * stopping them here. Without DIR: the one live sweep started from the current folder.
 */
import { resolve } from 'node:path';
import { sendCommand } from '../../engine/control/client.js';
import { UserError } from '../../engine/errors.js';
import { controllerState, holdLock, ownedElsewhere } from '../../engine/state/controller-lock.js';
import { openStoredSweep } from '../../engine/sweep/open-stored.js';
import { parseCommandArgs } from '../args/parse.js';
import { STOP } from '../command-table.js';
import { onlyLiveSweepHere } from '../default-sweep.js';
import { println, type CommandIO } from '../io.js';

export async function runStop(args: string[], io: CommandIO): Promise<number> {
  const { options, args: { DIR } } = parseCommandArgs(STOP, args);
  const dir = DIR === undefined ? await onlyLiveSweepHere() : resolve(DIR);
  const force = options.now;
  const owner = controllerState(dir);
  if (owner.kind === 'here') {
    const result = await sendCommand(dir, { type: 'stop', force }, 'sweeptop stop');
    if (!result.ok && !/already finished/.test(result.error)) throw new UserError(result.error);
    while (controllerState(dir).kind === 'here') await new Promise((r) => setTimeout(r, 100));
    println(io.stdout, `stopped ${dir}`);
    return 0;
  }
  const refusal = ownedElsewhere(dir, owner, 'stop');
  if (refusal) throw refusal;
  const sweep = await openStoredSweep(dir, { requeueStopped: false });
  const lock = holdLock(dir);
  try {
    // a recorded trial it could not find, or could not be sure of, is left alone: say which
    sweep.on('trial:ended', ({ trial }) => {
      if (trial.state === 'lost' && trial.reason) println(io.stderr, `sweeptop: trial ${trial.id}: ${trial.reason}`);
    });
    sweep.stopAll('stopped by `sweeptop stop` while no controller ran', force);
    sweep.start();
    const snapshot = await sweep.done;
    const killed = snapshot.trials.filter((t) => t.reason?.startsWith('the sweep was stopped')).length;
    println(io.stdout, `stopped ${dir}${killed ? ` (${killed} trial${killed > 1 ? 's' : ''} left running by the dead controller stopped)` : ''}`);
    return 0;
  } finally {
    lock.release();
  }
}
