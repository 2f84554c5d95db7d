/**
 * `sweeptop stop [DIR] [--now]`: stop a sweep (SIGTERM to trials, SIGKILL after `grace`; `--now`:
 * SIGKILL at once) and return when no trial process remains — through the live controller, or,
 * when the controller is dead, by adopting its recorded trials (pid and start time checked) and
 * stopping them here. Without DIR: the one live sweep started from the current folder. It says
 * "stopped" only once it has looked: a process of a trial that is still there (one the kill could
 * not reach or end) is named, and stop exits 1.
 */
import { resolve } from 'node:path';
import { sendCommand } from '../../engine/control/client.js';
import { UserError } from '../../engine/errors.js';
import { controllerState, holdLock, ownedElsewhere } from '../../engine/state/controller-lock.js';
import { leftoverProcesses } from '../../engine/state/leftover-processes.js';
import { openStoredSweep } from '../../engine/sweep/open-stored.js';
import { parseCommandArgs } from '../args/parse.js';
import { STOP } from '../command-table.js';
import { onlyLiveSweepHere } from '../default-sweep.js';
import { println, type CommandIO } from '../io.js';

export async function runStop(args: string[], io: CommandIO): Promise<number> {
  const {
    options,
    args: { DIR },
  } = parseCommandArgs(STOP, args);
  const dir = DIR === undefined ? await onlyLiveSweepHere() : resolve(DIR);
  const force = options.now;
  const owner = controllerState(dir);
  if (owner.kind === 'here') {
    const result = await sendCommand(dir, { type: 'stop', force }, 'sweeptop stop');
    if (!result.ok && !/already finished/.test(result.error)) throw new UserError(result.error);
    while (controllerState(dir).kind === 'here') await new Promise((r) => setTimeout(r, 100));
    const survivors = await survivorsOf(dir);
    if (survivors) return fail(io, survivors);
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
    const survivors = await survivorsOf(dir);
    if (survivors) return fail(io, survivors);
    const killed = snapshot.trials.filter((t) => t.reason?.startsWith('the sweep was stopped')).length;
    println(
      io.stdout,
      `stopped ${dir}${killed ? ` (${killed} trial${killed > 1 ? 's' : ''} left running by the dead controller stopped)` : ''}`,
    );
    return 0;
  } finally {
    lock.release();
  }
}

/** How long processes SIGKILLed a moment ago may take to be gone. */
const LEFTOVER_WAIT_MS = 3000;

/** What survived, in one line; null when nothing of the trials is left. */
async function survivorsOf(dir: string): Promise<string | null> {
  const deadline = Date.now() + LEFTOVER_WAIT_MS;
  let left = await leftoverProcesses(dir);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = await leftoverProcesses(dir);
  }
  if (left.length === 0) return null;
  const named = left.map((p) => `${p.pid} (${p.command.length > 80 ? `${p.command.slice(0, 79)}…` : p.command})`).join(', ');
  return `${dir}: not stopped: ${left.length} process${left.length > 1 ? 'es' : ''} of its trials survived the kill: ${named}`;
}

function fail(io: CommandIO, message: string): number {
  println(io.stderr, `sweeptop: ${message}`);
  return 1;
}
