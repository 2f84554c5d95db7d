/**
 * DIR/control.json, {"socket", "pid", "protocol", "startedAt"}: where a sweep's controller listens
 * (socket-path.ts chooses the place). Controllers write it; clients read it, and load nothing of
 * the choosing.
 */
import { readFileSync, rmSync } from 'node:fs';
import { permissionDenied, UserError } from '../errors.js';
import { writeJsonAtomic } from '../state/atomic.js';
import { sweepPaths } from '../state/layout.js';
import { PROTOCOL_VERSION } from './protocol.js';

export interface ControlInfo {
  socket: string;
  pid: number;
  protocol: number;
  startedAt: number;
}

export function controlInfoPath(sweepDir: string): string {
  return sweepPaths(sweepDir).controlInfo;
}

export function writeControlInfo(sweepDir: string, socket: string): void {
  const info: ControlInfo = { socket, pid: process.pid, protocol: PROTOCOL_VERSION, startedAt: Date.now() };
  writeJsonAtomic(controlInfoPath(sweepDir), info);
}

/** The socket a client should use, or a one-line UserError saying why there is none. */
export function readControlInfo(sweepDir: string): ControlInfo {
  const path = controlInfoPath(sweepDir);
  let info: Partial<ControlInfo>;
  try {
    info = JSON.parse(readFileSync(path, 'utf8')) as Partial<ControlInfo>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw permissionDenied(sweepDir, error);
    const why = code === 'ENOENT' ? 'no controller has listened here (no control.json)' : (code ?? 'control.json is damaged');
    throw new UserError(`${sweepDir}: ${why}`, { cause: error });
  }
  if (typeof info.socket !== 'string' || typeof info.pid !== 'number') throw new UserError(`${path}: expected {"socket", "pid"}`);
  return { socket: info.socket, pid: info.pid, protocol: info.protocol ?? PROTOCOL_VERSION, startedAt: info.startedAt ?? 0 };
}

/** Removes control.json unless a newer controller has written its own meanwhile. */
export function removeControlInfo(sweepDir: string, socket: string): void {
  try {
    const info = readControlInfo(sweepDir);
    if (info.pid === process.pid && info.socket === socket) rmSync(controlInfoPath(sweepDir), { force: true });
  } catch {
    // already gone or damaged: nothing of ours to remove
  }
}
