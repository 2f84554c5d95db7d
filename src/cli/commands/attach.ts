/**
 * `sweeptop attach [DIR]`: the TUI on a running sweep, from any terminal; several may attach at
 * once. A sweep nothing runs (finished, or its controller died) opens read-only.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { permissionDenied, UserError } from '../../engine/errors.js';
import { canRead } from '../../engine/state/access.js';
import { controllerState } from '../../engine/state/controller-lock.js';
import { parseCommandArgs } from '../args/parse.js';
import { ATTACH } from '../command-table.js';
import { attachTui, viewStoredSweep } from '../attach-tui.js';
import { liveSweepToAttach, type SweepToAttach } from '../default-sweep.js';
import type { CommandIO } from '../io.js';

export async function runAttach(args: string[], io: CommandIO): Promise<number> {
  const {
    args: { DIR: given },
  } = parseCommandArgs(ATTACH, args);
  // the newest was chosen for the person: the notice says that it was a choice
  const { dir, notice }: SweepToAttach = given ? { dir: resolve(given) } : await liveSweepToAttach();
  const controller = controllerState(dir);
  if (controller.kind === 'elsewhere')
    throw new UserError(`${dir} is run by a controller on host ${controller.lock.host}; attach from there`);
  if (controller.kind !== 'here') {
    if (!existsSync(dir)) throw new UserError(`${dir}: no such sweep directory`);
    if (!canRead(dir)) throw permissionDenied(dir);
    return viewStoredSweep(dir, io);
  }
  return attachTui(dir, io, { viewer: true, notice });
}
