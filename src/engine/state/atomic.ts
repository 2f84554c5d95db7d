/**
 * Whole files only: a reader (or a crash) never sees half of one. Write-then-rename replaces a
 * file; write-then-link creates one only if it does not exist yet.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const temp = tempName(path);
  writeNew(temp, text);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function writeJsonAtomic(path: string, data: unknown): void {
  writeFileAtomic(path, JSON.stringify(data, null, 2) + '\n');
}

/**
 * Replaces `path` with `text` so that it survives a crash of this process or of the machine:
 * written to a temporary file that is flushed to disk before it is renamed into place, and the
 * rename flushed with its folder. Every step runs off the event loop (fs.promises), so a slow
 * disk delays only this file, never the sweep's other trials.
 */
export async function writeFileDurable(path: string, text: string): Promise<void> {
  const temp = tempName(path);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(text);
    await handle.datasync();
  } catch (error) {
    await handle.close();
    rmSync(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  await syncFolder(dirname(path));
}

/** Puts a folder's entries (a rename, a new name) on disk. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates `path` with `text` unless it exists; false when it does. link(2) of a complete
 * temporary file is atomic and fails if the name is taken, also on NFS — where an exclusive
 * open would let a reader see the file empty before its text is written. Filesystems without
 * hard links fall back to that exclusive open.
 */
export function createFileExclusive(path: string, text: string | Uint8Array): boolean {
  const temp = tempName(path);
  writeNew(temp, text);
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    return createWithOpen(path, text);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The parsed JSON of a file, or null when it is missing or not JSON. */
export function readJsonFile<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
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

function tempName(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** A file that could not be written whole (the disk is full) is removed, not left empty. */
function writeNew(path: string, text: string | Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    // a write short of room returns short: the next one then says why, rather than a file cut off
    const data = Buffer.from(text);
    for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset);
  } catch (error) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw error;
  }
  closeSync(fd);
}

function createWithOpen(path: string, text: string | Uint8Array): boolean {
  try {
    writeNew(path, text);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
