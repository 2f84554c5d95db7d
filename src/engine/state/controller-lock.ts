/**
 * The lock a controller holds on its sweep directory, DIR/controller.lock: its host, pid, process
 * start time (so that a reused pid is never taken for it) and boot id. Kept apart from what reads
 * whole sweeps, and free of lowdb, so that the commands that only ask "who runs this sweep?"
 * (attach, ctl, stop) stay light.
 *
 * A lock is judged on the machine that wrote it only: there the pid and start time say whether
 * its controller lives. A lock written on another host (a sweep directory on a filesystem that
 * Slurm login nodes share) cannot be checked from here, so its controller refreshes the lock's
 * mtime every HEARTBEAT_MS; one not refreshed for STALE_AFTER_MS is taken to be gone (the hosts'
 * clocks are assumed to agree within a minute or so). Taking a lock is race-free: see lock-file.ts.
 */
import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { UserError } from '../errors.js';
import { bootId, isAlive, readStat } from '../../plugin-api/proc.js';
import { lockPath } from './layout.js';
import { acquireLockFile } from './lock-file.js';

export const HEARTBEAT_MS = 30_000;
export const STALE_AFTER_MS = 5 * 60_000;
const UNREADABLE_GRACE_MS = 2000;

export interface ControllerLock {
  host: string;
  pid: number;
  startTime: number | null;
  /** /proc/sys/kernel/random/boot_id: a lock from before this machine restarted is stale. */
  bootId?: string | null;
}

/**
 * Who runs a sweep: a live controller on this machine (`here`), one on another host that keeps
 * its lock fresh (`elsewhere`), or none — `gone` when a lock is left behind, with a notice for
 * the user when the judgement was not a plain dead pid.
 */
export type ControllerState =
  | { kind: 'none' }
  | { kind: 'here'; lock: ControllerLock }
  | { kind: 'elsewhere'; lock: ControllerLock; refreshedAt: number }
  | { kind: 'gone'; lock: ControllerLock; notice: string | null };

export function controllerState(sweepDir: string): ControllerState {
  const found = readLock(lockPath(sweepDir));
  return found ? judgeLock(found.lock, found.refreshedAt) : { kind: 'none' };
}

/** The controller running this sweep on this machine, if any. */
export function liveController(sweepDir: string): ControllerLock | null {
  const state = controllerState(sweepDir);
  return state.kind === 'here' ? state.lock : null;
}

export function judgeLock(lock: ControllerLock, refreshedAt: number, now = Date.now()): ControllerState {
  if (lock.host === hostname()) {
    if (lock.bootId && lock.bootId !== bootId()) return { kind: 'gone', lock, notice: null };
    return isAlive(lock.pid, lock.startTime) ? { kind: 'here', lock } : { kind: 'gone', lock, notice: null };
  }
  const silent = now - refreshedAt;
  if (silent < STALE_AFTER_MS) return { kind: 'elsewhere', lock, refreshedAt };
  return {
    kind: 'gone',
    lock,
    notice: `the controller on host ${lock.host} has not refreshed its lock for ${duration(silent)}; taken to be gone`,
  };
}

/** Why `sweepDir` cannot be taken over (to `verb` it), or null when it can. */
export function ownedElsewhere(sweepDir: string, state: ControllerState, verb = 'resume', now = Date.now()): UserError | null {
  if (state.kind === 'here') {
    return new UserError(`${sweepDir} is run by a live controller (pid ${state.lock.pid}); \`sweeptop attach ${sweepDir}\` watches it`);
  }
  if (state.kind === 'elsewhere') {
    const { host } = state.lock;
    return new UserError(
      `${sweepDir} is run by a controller on host ${host} (cannot be checked from here; its lock was refreshed ${duration(now - state.refreshedAt)} ago); ` +
        `${verb} it on ${host}, which can check it, or here once its lock has not been refreshed for ${duration(STALE_AFTER_MS)}`,
    );
  }
  return null;
}

export interface HeldLock {
  /** Stops the heartbeat and removes the lock, unless another controller has taken it meanwhile. */
  release(): void;
}

/**
 * Takes the sweep's lock for this process, or throws the one-line UserError of ownedElsewhere.
 * A stale lock is taken over; the heartbeat keeps the lock fresh for other hosts.
 */
export function holdLock(sweepDir: string): HeldLock {
  const mine: ControllerLock = {
    host: hostname(),
    pid: process.pid,
    startTime: readStat(process.pid)?.startTime ?? null,
    bootId: bootId(),
  };
  const file = acquireLockFile(lockPath(sweepDir), JSON.stringify(mine) + '\n', (text, refreshedAt) => {
    const lock = parseLock(text);
    // unreadable: being written without hard links (atomic.ts) if it is new, else damaged
    if (!lock) return Date.now() - refreshedAt < UNREADABLE_GRACE_MS ? 'held' : 'stale';
    if (lock.host === mine.host && lock.pid === mine.pid && lock.startTime === mine.startTime) return 'stale'; // ours already
    return judgeLock(lock, refreshedAt).kind === 'gone' ? 'stale' : 'held';
  });
  if (!file.held)
    throw (
      ownedElsewhere(sweepDir, controllerState(sweepDir)) ?? new UserError(`${sweepDir}: another controller is taking it over; try again`)
    );
  const heartbeat = setInterval(() => file.refresh(), HEARTBEAT_MS);
  heartbeat.unref();
  return {
    release() {
      clearInterval(heartbeat);
      file.release();
    },
  };
}

function readLock(path: string): { lock: ControllerLock; refreshedAt: number } | null {
  try {
    const lock = parseLock(readFileSync(path, 'utf8'));
    return lock && { lock, refreshedAt: statSync(path).mtimeMs };
  } catch {
    return null;
  }
}

function parseLock(text: string): ControllerLock | null {
  try {
    const lock = JSON.parse(text) as Partial<ControllerLock>;
    if (typeof lock?.pid !== 'number' || typeof lock.host !== 'string') return null;
    return {
      host: lock.host,
      pid: lock.pid,
      startTime: typeof lock.startTime === 'number' ? lock.startTime : null,
      bootId: lock.bootId ?? null,
    };
  } catch {
    return null;
  }
}

/** "20 s", "6 minutes", "3 hours", "2 days". */
function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 2 * 3600) return `${Math.round(s / 60)} minutes`;
  if (s < 2 * 86_400) return `${Math.round(s / 3600)} hours`;
  return `${Math.round(s / 86_400)} days`;
}
