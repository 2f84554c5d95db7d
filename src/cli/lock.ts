/**
 * controller.lock names the live controller of a sweep directory (pid and process start time, so
 * a reused pid is never mistaken for it). `status` reads it to tell a running sweep from a
 * stopped one; `resume` refuses a directory whose controller is alive.
 */
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { UserError } from '../engine/errors.js';
import { writeJsonAtomic } from '../engine/state/atomic.js';
import { lockPath } from '../engine/state/layout.js';
import { liveController, type ControllerLock } from '../engine/state/controller-lock.js';
import { readStat } from '../plugin-api/proc.js';

export function holdLock(sweepDir: string): () => void {
  const owner = liveController(sweepDir);
  if (owner && owner.pid !== process.pid) {
    throw new UserError(`${sweepDir} is run by a live controller (pid ${owner.pid}); \`sweeptop attach\` to watch it`);
  }
  const lock: ControllerLock = { pid: process.pid, startTime: readStat(process.pid)?.startTime ?? null, host: hostname() };
  writeJsonAtomic(lockPath(sweepDir), lock);
  return () => rmSync(lockPath(sweepDir), { force: true });
}
