/**
 * Whole files only: a reader (or a crash) never sees half of one. Write-then-rename replaces a
 * file; write-then-link creates one only if it does not exist yet.
 */
import { close, closeSync, fdatasync, fsync, linkSync, open, openSync, readFileSync, renameSync, rmSync, write, writeSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

// Descriptors, not fs.promises' FileHandles: a FileHandle is a JS object with its own close
// machinery, and a sweep of short trials opens ten files a trial on the event loop's thread.
const openFd = promisify(open);
const closeFd = promisify(close);
const writeFd = promisify(write);
const datasyncFd = promisify(fdatasync);
const syncFd = promisify(fsync);

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
 * rename flushed with its folder. Every step runs off the event loop, so a slow disk delays
 * only this file, never the sweep's other trials.
 */
export async function writeFileDurable(path: string, text: string): Promise<void> {
  await replaceWhole(path, text, true);
  await syncFolder(dirname(path));
}

/**
 * Replaces `path` with `text` whole, off the event loop, without waiting for the disk: other
 * processes see the old file or the new one, never half of one (syncToDisk flushes it later).
 */
export async function writeFileReplaced(path: string, text: string): Promise<void> {
  await replaceWhole(path, text, false);
}

async function replaceWhole(path: string, text: string, flush: boolean): Promise<void> {
  const temp = tempName(path);
  const fd = await openFd(temp, 'wx');
  try {
    const data = Buffer.from(text);
    // a write short of room returns short: the next one then says why, rather than a file cut off
    for (let offset = 0; offset < data.length; ) offset += (await writeFd(fd, data, offset, data.length - offset)).bytesWritten;
    if (flush) await datasyncFd(fd);
  } catch (error) {
    await closeFd(fd);
    await rm(temp, { force: true });
    throw error;
  }
  await closeFd(fd);
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Puts a folder's entries (a rename, a new name) on disk. */
export async function syncFolder(dir: string): Promise<void> {
  const fd = await openFd(dir, 'r');
  try {
    await syncFd(fd);
  } finally {
    await closeFd(fd);
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
    const fd = await openFd(path, 'r');
    try {
      await syncFd(fd);
    } finally {
      await closeFd(fd);
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
