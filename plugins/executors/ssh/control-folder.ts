/**
 * Where the ControlMaster sockets live: a short folder in the system's temp folder (a socket path
 * must fit in 104 bytes), private to this user. It is named after the sweep, so a controller
 * resumed after a crash finds the master connections its predecessor left (they persist for a
 * while) and removes the folder when it closes; without a sweep folder, a fresh one.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function controlFolder(sweepDir: string): string {
  const uid = process.getuid?.() ?? 0;
  if (sweepDir) {
    const path = join(tmpdir(), `sweeptop-ssh-${uid}-${createHash('sha1').update(sweepDir).digest('hex').slice(0, 12)}`);
    try {
      mkdirSync(path, { mode: 0o700 });
      return path;
    } catch {
      // there already: reused only if it is ours and private (not planted by another user)
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory() && stat.uid === uid && (stat.mode & 0o077) === 0) return path;
    }
  }
  return mkdtempSync(join(tmpdir(), `sweeptop-ssh-${uid}-`));
}
