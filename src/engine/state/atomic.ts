/** Write-then-rename, so a reader (or a crash) never sees half a file. */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

export function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

export function writeJsonAtomic(path: string, data: unknown): void {
  writeFileAtomic(path, JSON.stringify(data, null, 2) + '\n');
}

/**
 * Asks the kernel to put a file on disk, off the event loop: a synchronous fsync per finished
 * trial would cap the scheduler at the disk's flush rate. (The rename that published it is made
 * durable by the filesystem's next journal commit, within seconds on ext4/xfs.) Failures — the
 * file was moved meanwhile — are ignored: the data is written, only its durability waits.
 */
export async function syncToDisk(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // moved or gone
  }
}
