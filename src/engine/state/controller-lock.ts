/**
 * The lock a controller holds on its sweep directory (controller.lock): its pid, and its start time so
 * that a pid the system has since reused is never taken for it. Kept apart from read-sweep.ts so
 * that commands that only ask "does a live controller run this sweep?" (attach, ctl, stop) do not
 * load what reads a whole sweep.
 */
import { readFileSync } from 'node:fs';
import { isAlive } from '../../plugin-api/proc.js';
import { lockPath } from './layout.js';

export interface ControllerLock {
  pid: number;
  startTime: number | null;
  host: string;
}

export function readLock(sweepDir: string): ControllerLock | null {
  try {
    return JSON.parse(readFileSync(lockPath(sweepDir), 'utf8')) as ControllerLock;
  } catch {
    return null;
  }
}

export function liveController(sweepDir: string): ControllerLock | null {
  const lock = readLock(sweepDir);
  return lock && isAlive(lock.pid, lock.startTime) ? lock : null;
}
