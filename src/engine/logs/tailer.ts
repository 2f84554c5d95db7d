/**
 * Follows a file that another process appends to, from a saved byte offset. `fs.watch` gives
 * low latency; a short poll covers what watch misses (network filesystems, a file that does not
 * exist yet, rotation); `stop()` reads once more to the end. chokidar throttles
 * change events and loses the last append, so it is not used here.
 */
import { watch, type FSWatcher } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';

export interface TailerOptions {
  /** Byte offset to start from (a restarted controller resumes where it stopped). */
  offset?: number;
  /** Poll interval in ms; 250 by default. */
  pollMs?: number;
  /** Called with each chunk read, in order, and the offset just after it. */
  onChunk(chunk: Buffer, endOffset: number): void;
  /** The file shrank (truncated, or replaced by a shorter one): reading restarts at 0. */
  onReset?(): void;
  /** Reported once per distinct failure, not per poll. */
  onError?(error: Error): void;
  /**
   * Check on each pass whether the path now names another file (log rotation). Off for a
   * trial's own stdout/stderr, which only grow: one stat less per pass, thousands of trials.
   * @default true
   */
  detectRotation?: boolean;
  /**
   * Create the file when it is missing (opened for reading and appending; nothing is written):
   * a trial's own output, which exists before the trial starts.
   * @default false
   */
  create?: boolean;
}

const READ_SIZE = 256 * 1024;

export class FileTailer {
  private handle: FileHandle | null = null;
  private inode: number | null = null;
  private offset: number;
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastError = '';

  constructor(
    readonly path: string,
    private readonly options: TailerOptions,
  ) {
    this.offset = options.offset ?? 0;
  }

  get position(): number {
    return this.offset;
  }

  /** Resolves after the first read: from then on a change of the file is watched, when it exists. */
  start(): Promise<void> {
    this.timer = setInterval(() => void this.readToEnd(), this.options.pollMs ?? 250);
    this.timer.unref();
    return this.readToEnd();
  }

  /** Reads whatever is there now; concurrent calls coalesce into one more pass. */
  readToEnd(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  /** Stops following after a last read to the end of the file. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.watcher?.close();
    this.watcher = null;
    await this.readToEnd();
    this.stopped = true;
    await this.handle?.close().catch(() => {});
    this.handle = null;
  }

  private async pass(): Promise<void> {
    try {
      if (!(await this.ensureOpen())) return;
      if (this.options.detectRotation !== false) await this.checkReplaced();
      const handle = this.handle!;
      const size = (await handle.stat()).size;
      if (size < this.offset) {
        this.offset = 0;
        this.options.onReset?.();
      }
      await this.readFrom(handle, size);
      this.lastError = '';
    } catch (error) {
      this.report(error as Error);
    }
  }

  private async ensureOpen(): Promise<boolean> {
    if (this.handle) return true;
    try {
      this.handle = await open(this.path, this.options.create ? 'a+' : 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    // the inode tells a rotated file apart: a file that is never rotated needs no stat for it
    if (this.options.detectRotation !== false) this.inode = (await this.handle.stat()).ino;
    if (!this.stopped && this.timer) this.startWatching();
    return true;
  }

  /** A rotated file: finish the old one, then continue with the new file from its start. */
  private async checkReplaced(): Promise<void> {
    let current;
    try {
      current = await stat(this.path);
    } catch {
      return;
    }
    if (current.ino === this.inode) return;
    const old = this.handle!;
    await this.readFrom(old, (await old.stat()).size);
    await old.close().catch(() => {});
    this.handle = await open(this.path, 'r');
    this.inode = (await this.handle.stat()).ino;
    this.offset = 0;
    this.options.onReset?.();
    this.watcher?.close();
    this.watcher = null;
    this.startWatching();
  }

  /**
   * Reads from the offset to the end. Each chunk gets a buffer of its own, sized to what is
   * there: a sweep follows thousands of small files, and a fixed 256 KB buffer per file would
   * dominate the controller's memory.
   */
  private async readFrom(handle: FileHandle, size: number): Promise<void> {
    let wanted = size - this.offset;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(READ_SIZE, wanted)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
      if (bytesRead === 0) return;
      this.offset += bytesRead;
      this.options.onChunk(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead), this.offset);
      // the file may still be growing: keep reading in full chunks until it stops
      wanted = READ_SIZE;
    }
  }

  private startWatching(): void {
    try {
      this.watcher = watch(this.path, { persistent: false }, () => void this.readToEnd());
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      // the poll still runs
    }
  }

  private report(error: Error): void {
    if (error.message === this.lastError) return;
    this.lastError = error.message;
    this.options.onError?.(error);
  }
}
