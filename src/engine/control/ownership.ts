/**
 * Who may reach a sweep's control socket: only the user who runs it. Two walls: the folder that
 * holds the socket is 0700 and ours, and the socket itself is 0600 and ours. A client checks the
 * same before it connects, so it never sends commands to (or believes a snapshot from) a socket
 * another user planted. Root ignores file modes, which is why owners are checked and not only modes.
 */
import { chmodSync, lstatSync, mkdirSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';

const GROUP_OTHER = 0o077;
const GROUP_OTHER_WRITE = 0o022;

export function currentUid(): number {
  return process.getuid?.() ?? 0;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

/** Creates `path` 0700 if missing; refuses a folder that is not a real folder of ours, or is open to others. */
export function ensurePrivateDir(path: string): void {
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stats = lstatSync(path);
  if (!stats.isDirectory()) throw new UserError(`refusing ${path} for the control socket: it is not a directory (a symlink?)`);
  refuseForeignOwner(path, stats, 'the control socket folder');
  if (stats.mode & GROUP_OTHER) {
    throw new UserError(`refusing ${path} for the control socket: its mode ${octal(stats.mode)} lets other users in; expected 0700`);
  }
}

/**
 * The sweep directory holds the socket and the sweep's files: make it 0700 if it is ours and
 * looser. Until the socket is chmod-ed 0600 (right after listen) this folder is the only wall.
 */
export function makeSweepDirPrivate(sweepDir: string): void {
  const stats = lstatSync(sweepDir);
  refuseForeignOwner(sweepDir, stats, 'the sweep directory');
  if (stats.mode & GROUP_OTHER) chmodSync(sweepDir, 0o700);
}

/** Throws a one-line UserError unless `path` is a socket only its owner — this user — can use. */
export function checkOwnedSocket(path: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    throw new UserError(
      `no control socket at ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}): is the controller running?`,
      { cause: error },
    );
  }
  if (!stats.isSocket()) throw new UserError(`refusing ${path}: it is not a socket`);
  refuseForeignOwner(path, stats, 'the control socket');
  if (stats.mode & GROUP_OTHER) {
    throw new UserError(`refusing ${path}: its mode ${octal(stats.mode)} lets other users connect; expected 0600`);
  }
  // a folder others may write could have the socket swapped between this check and connect()
  const folder = dirname(path);
  const parent = lstatSync(folder);
  if (parent.uid !== currentUid() || parent.mode & GROUP_OTHER_WRITE) {
    throw new UserError(`refusing ${path}: its folder ${folder} is not private to you (uid ${parent.uid}, mode ${octal(parent.mode)})`);
  }
}

function refuseForeignOwner(path: string, stats: Stats, what: string): void {
  const uid = currentUid();
  if (stats.uid !== uid) throw new UserError(`refusing ${path}: ${what} is owned by uid ${stats.uid}, not by you (uid ${uid})`);
}
