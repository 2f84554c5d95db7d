/**
 * Where a sweep's control socket lives; clients find it through control.json (control-info.ts).
 *
 *   DIR/control.sock                              when the path fits and the filesystem holds sockets
 *   /tmp/sweeptop-$UID/<hash of DIR>.sock         otherwise (0700 folder, owner checked)
 *   $XDG_RUNTIME_DIR/sweeptop/<hash of DIR>.sock  when the /tmp folder cannot be used (squatted)
 *   /tmp/sweeptop-$UID-XXXXXX/<hash of DIR>.sock  else: a fresh 0700 folder, removed on close
 *   DIR/control.json                              {"socket", "pid", "protocol", "startedAt"}: what clients read
 *
 * A socket path must fit sockaddr_un.sun_path (108 bytes with its NUL on Linux; some libuv
 * versions silently truncate a longer one), and NFS, SMB and some FUSE mounts cannot hold a socket.
 * /tmp comes before the runtime dir because the XDG spec has the runtime dir removed when the
 * user's last session ends: a controller left running after logout would lose its socket. Any
 * local user can create /tmp/sweeptop-$UID first; the last place, a folder mkdtemp makes for this
 * controller alone, cannot be squatted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { currentUid, ensurePrivateDir, makeSweepDirPrivate } from './ownership.js';
import { sweepPaths } from '../state/layout.js';

/** Below sun_path's 108 bytes, with room to spare. */
export const MAX_SOCKET_PATH_BYTES = 103;

/** listen() errors that mean "this filesystem or path cannot hold a socket": try the next place. */
const UNSUITABLE = new Set(['EINVAL', 'EOPNOTSUPP', 'ENOTSUP', 'ENAMETOOLONG', 'EPERM']);

export interface SocketCandidate {
  /** The socket's path; for a folder made on demand, final once prepare() has run. */
  path: string;
  /** Makes the socket's folder private; throws a UserError if it cannot be made so. */
  prepare: () => void;
  /** Removes what prepare() made for this controller alone, once the socket is gone. */
  release?: () => void;
}

/** Where to try, in order. `tmp` is where `sweeptop-$UID` is made. */
export function socketCandidates(sweepDir: string, env: NodeJS.ProcessEnv = process.env, tmp = '/tmp'): SocketCandidate[] {
  const dir = resolve(sweepDir);
  const candidates: SocketCandidate[] = [];
  const inSweep = sweepPaths(dir).controlSocket;
  if (fits(inSweep)) candidates.push({ path: inSweep, prepare: () => makeSweepDirPrivate(dir) });
  const name = `${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.sock`;
  for (const folder of [join(tmp, `sweeptop-${currentUid()}`), env.XDG_RUNTIME_DIR && join(env.XDG_RUNTIME_DIR, 'sweeptop')]) {
    if (!folder || !isDirectory(dirname(folder)) || !fits(join(folder, name))) continue;
    candidates.push({ path: join(folder, name), prepare: () => ensurePrivateDir(folder) });
  }
  if (isDirectory(tmp)) {
    const fresh = freshPrivateFolder(tmp, name);
    if (fits(fresh.path)) candidates.push(fresh);
  }
  return candidates;
}

/** A folder only this controller uses: mkdtemp makes it 0700 under a name nobody could guess. */
function freshPrivateFolder(tmp: string, name: string): SocketCandidate {
  const prefix = join(tmp, `sweeptop-${currentUid()}-`);
  let folder: string | null = null;
  const candidate: SocketCandidate = {
    path: join(`${prefix}XXXXXX`, name),
    prepare: () => {
      folder = mkdtempSync(prefix);
      candidate.path = join(folder, name);
    },
    release: () => {
      if (folder) rmSync(folder, { recursive: true, force: true });
      folder = null;
    },
  };
  return candidate;
}

/**
 * Listens on the first candidate that can be made private and whose filesystem takes a socket.
 * Any other listen() error (a live controller on the socket, EACCES…) stops the search.
 */
export async function listenWithFallback<T>(
  candidates: SocketCandidate[],
  listen: (path: string) => Promise<T>,
): Promise<{ path: string; listening: T; release: () => void }> {
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
      return { path: candidate.path, listening: await listen(candidate.path), release: () => candidate.release?.() };
    } catch (error) {
      candidate.release?.();
      const code = (error as NodeJS.ErrnoException).code;
      if (!code || !UNSUITABLE.has(code)) throw error;
      failures.push(`${candidate.path}: ${code}`);
    }
  }
  throw new UserError(`cannot create the control socket anywhere (${failures.join('; ') || 'no place fits'})`);
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
