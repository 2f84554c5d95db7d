/**
 * Where a sweep's control socket lives, and how clients find it.
 *
 *   DIR/control.sock                              when the path fits and the filesystem holds sockets
 *   /tmp/sweeptop-$UID/<hash of DIR>.sock         otherwise (0700 folder, owner checked)
 *   $XDG_RUNTIME_DIR/sweeptop/<hash of DIR>.sock  when the /tmp folder cannot be used (squatted)
 *   DIR/control.json                              {"socket", "pid", "protocol", "startedAt"}: what clients read
 *
 * A socket path must fit sockaddr_un.sun_path (108 bytes with its NUL on Linux; some libuv
 * versions silently truncate a longer one), and NFS, SMB and some FUSE mounts cannot hold a socket.
 * /tmp comes before the runtime dir because the XDG spec has the runtime dir removed when the
 * user's last session ends: a controller left running after logout would lose its socket.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { permissionDenied, UserError } from '../errors.js';
import { writeJsonAtomic } from '../state/atomic.js';
import { currentUid, ensurePrivateDir, makeSweepDirPrivate } from './ownership.js';
import { PROTOCOL_VERSION } from './protocol.js';

/** Below sun_path's 108 bytes, with room to spare. */
export const MAX_SOCKET_PATH_BYTES = 103;

/** listen() errors that mean "this filesystem or path cannot hold a socket": try the next place. */
const UNSUITABLE = new Set(['EINVAL', 'EOPNOTSUPP', 'ENOTSUP', 'ENAMETOOLONG', 'EPERM']);

export interface ControlInfo {
  socket: string;
  pid: number;
  protocol: number;
  startedAt: number;
}

export interface SocketCandidate {
  path: string;
  /** Makes the socket's folder private; throws a UserError if it cannot be made so. */
  prepare: () => void;
}

export function controlInfoPath(sweepDir: string): string {
  return join(sweepDir, 'control.json');
}

/** Where to try, in order. `tmp` is where `sweeptop-$UID` is made. */
export function socketCandidates(sweepDir: string, env: NodeJS.ProcessEnv = process.env, tmp = '/tmp'): SocketCandidate[] {
  const dir = resolve(sweepDir);
  const candidates: SocketCandidate[] = [];
  const inSweep = join(dir, 'control.sock');
  if (fits(inSweep)) candidates.push({ path: inSweep, prepare: () => makeSweepDirPrivate(dir) });
  const name = `${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.sock`;
  for (const folder of [join(tmp, `sweeptop-${currentUid()}`), env.XDG_RUNTIME_DIR && join(env.XDG_RUNTIME_DIR, 'sweeptop')]) {
    if (!folder || !isDirectory(dirname(folder)) || !fits(join(folder, name))) continue;
    candidates.push({ path: join(folder, name), prepare: () => ensurePrivateDir(folder) });
  }
  return candidates;
}

/**
 * Listens on the first candidate that can be made private and whose filesystem takes a socket.
 * Any other listen() error (a live controller on the socket, EACCES…) stops the search.
 */
export async function listenWithFallback<T>(candidates: SocketCandidate[], listen: (path: string) => Promise<T>): Promise<{ path: string; listening: T }> {
  const failures: string[] = [];
  for (const candidate of candidates) {
    try {
      candidate.prepare();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      failures.push(error.message);
      continue;
    }
    try {
      return { path: candidate.path, listening: await listen(candidate.path) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!code || !UNSUITABLE.has(code)) throw error;
      failures.push(`${candidate.path}: ${code}`);
    }
  }
  throw new UserError(`cannot create the control socket anywhere (${failures.join('; ') || 'no place fits'})`);
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
    const why = code === 'ENOENT' ? 'no controller has listened here (no control.json)' : code ?? 'control.json is damaged';
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

function fits(path: string): boolean {
  return Buffer.byteLength(path) <= MAX_SOCKET_PATH_BYTES;
}

function isDirectory(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}
