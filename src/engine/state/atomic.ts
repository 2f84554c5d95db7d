/** Write-then-rename, so a reader (or a crash) never sees half a file. */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

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
 * Asks the kernel to put a file and its folder entry on disk, off the event loop: a synchronous
 * fsync per finished trial would cap the scheduler at the disk's flush rate. Failures (the file
 * was moved meanwhile) are ignored: the data is already written, only its durability waits.
 */
export async function syncToDisk(path: string): Promise<void> {
  for (const target of [path, dirname(path)]) {
    try {
      const handle = await open(target, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // moved or gone
    }
  }
}
