/**
 * The controller's log (its stdout, a file in the sweep directory) on a disk that may fill up: a
 * line the disk refuses is held, with the ones after it, and written before the next line once
 * there is room — so `disk full: launching paused; …` reaches the log when space allows. At most
 * MAX_HELD_LOG_BYTES are held; past that the oldest go, and the log says how many.
 */
import { writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { isDiskFull } from '../engine/state/disk-pressure.js';

export const MAX_HELD_LOG_BYTES = 1 << 20;
const RETRY_MS = 5000;

export class HeldLog extends Writable {
  private readonly held: Buffer[] = [];
  private heldBytes = 0;
  private dropped = 0;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly fd: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    while (this.heldBytes > MAX_HELD_LOG_BYTES && this.held.length > 1) {
      this.heldBytes -= this.held.shift()!.length;
      this.dropped++;
    }
    try {
      this.writeHeld();
      done();
    } catch (error) {
      if (!isDiskFull(error)) return done(error as Error);
      // quiet meanwhile: a retry (or the next line) writes what is held
      this.retry ??= setTimeout(() => {
        this.retry = null;
        this.write(Buffer.alloc(0));
      }, RETRY_MS).unref();
      done();
    }
  }

  private writeHeld(): void {
    if (this.dropped > 0) {
      const note = Buffer.from(`(${this.dropped} lines of this log were dropped while the disk was full)\n`);
      writeAll(this.fd, note);
      this.dropped = 0;
    }
    while (this.held.length > 0) {
      const chunk = this.held[0]!;
      const written = writeSync(this.fd, chunk);
      this.heldBytes -= written;
      if (written < chunk.length) this.held[0] = chunk.subarray(written);
      else this.held.shift();
    }
  }
}

function writeAll(fd: number, data: Buffer): void {
  for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset);
}
