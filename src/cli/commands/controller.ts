/** `sweeptop __controller DIR [--trials N]`: the detached controller (started by run/resume, not by hand). */
import { resolve } from 'node:path';
import { UserError } from '../../engine/errors.js';
import { integerFlag, parseCommandArgs } from '../args.js';
import { runController } from '../controller.js';
import type { CommandIO } from '../io.js';

export async function runControllerCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { trials: { type: 'string' } }, 'sweeptop __controller DIR [--trials N]');
  if (positionals.length !== 1) throw new UserError('expected one sweep directory');
  return runController(resolve(positionals[0]), { trialsTarget: integerFlag(values.trials, 'trials') }, io);
}
