/**
 * Starts the controller of a sweep directory as a separate process in its own session and waits
 * until it holds the directory's lock and its control socket answers.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../engine/errors.js';
import { readControlInfo } from '../engine/control/control-info.js';
import { liveController } from '../engine/state/controller-lock.js';
import { sweepPaths } from '../engine/state/layout.js';
import { CONTROLLER_COMMAND } from './controller-command.js';

const READY_TIMEOUT_MS = 20_000;

export function controllerLog(dir: string): string {
  return sweepPaths(dir).controllerLog;
}

export async function spawnController(dir: string, extraArgs: string[] = []): Promise<number> {
  const main = fileURLToPath(new URL('./main.js', import.meta.url));
  const log = openSync(controllerLog(dir), 'a');
  const child = spawn(process.execPath, [main, CONTROLLER_COMMAND, dir, ...extraArgs], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, SWEEPTOP_CONTROLLER: '1' },
  });
  closeSync(log);
  child.unref();
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== null) break;
    if (liveController(dir)?.pid === child.pid && listensFor(dir, child.pid)) return child.pid!;
    await new Promise((r) => setTimeout(r, 25));
  }
  const tail = existsSync(controllerLog(dir)) ? readFileSync(controllerLog(dir), 'utf8').trim().split('\n').slice(-5).join('\n') : '';
  throw new UserError(`the controller did not start${exited !== null ? ` (exit ${exited})` : ''}; ${controllerLog(dir)} says:\n${tail}`);
}

/**
 * control.json written by this controller — not the one a dead controller left behind, whose
 * socket nobody answers any more (`resume` after a kill -9).
 */
function listensFor(dir: string, pid: number | undefined): boolean {
  try {
    return readControlInfo(dir).pid === pid;
  } catch {
    return false;
  }
}
