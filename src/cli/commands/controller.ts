/** `sweeptop __controller DIR [--trials N]`: the detached controller (started by run/resume, not by hand). */
import { resolve } from 'node:path';
import { parseCommandArgs } from '../args/parse.js';
import { CONTROLLER } from '../command-table.js';
import { runController } from '../controller.js';
import type { CommandIO } from '../io.js';

export async function runControllerCommand(args: string[], io: CommandIO): Promise<number> {
  const {
    options,
    args: { DIR },
  } = parseCommandArgs(CONTROLLER, args);
  return runController(resolve(DIR), { trialsTarget: options.trials }, io);
}
