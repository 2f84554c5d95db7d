/**
 * sweep.json through lowdb, metadata only (lowdb rewrites the whole file on every
 * write). Writes are coalesced: `touch()` asks for one within WRITE_INTERVAL_MS, so a sweep of
 * 10,000 trials × 1,000 metric points never rewrites sweep.json per metric line — and the interval
 * stretches so that writing never takes more than ~5% of the time, however large the sweep. The
 * document is built from the engine's state at write time and dropped once written, never kept
 * as a second copy. Trial results are safe meanwhile: each is in its own result.json, and a
 * write of sweep.json first waits for the results (and launch records) being written.
 * Readers read sweep.json through sweep-document.ts, which does not load lowdb.
 * `replaceSweepDocument` is the other writer: a command that changes a stopped sweep's records.
 * On a full disk the write waits in the sweep's DiskPressure, rebuilt when it is retried.
 */
import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { isDiskFull, type DiskPressure } from './disk-pressure.js';
import { allFolderWritesSettled } from './folder-writes.js';
import { FORMAT_VERSION } from './format.js';
import { sweepJsonPath } from './layout.js';
import type { SweepDocument } from './records.js';

export const WRITE_INTERVAL_MS = 500;
/** The interval is at least this many times the last write's duration. */
const WRITE_COST_FACTOR = 20;

export class SweepStore {
  private readonly db: Low<SweepDocument | null>;
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();
  private intervalMs = WRITE_INTERVAL_MS;

  constructor(
    readonly sweepDir: string,
    private readonly build: () => Omit<SweepDocument, 'schema'>,
    private readonly onError: (error: Error) => void = () => {},
    private readonly pressure?: DiskPressure,
  ) {
    // Not JSONFilePreset: under NODE_ENV=test it silently keeps everything in memory.
    this.db = new Low<SweepDocument | null>(new JSONFile(sweepJsonPath(sweepDir)), null);
  }

  /** Something changed: write within WRITE_INTERVAL_MS. */
  touch(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.intervalMs);
  }

  /** Write now if anything changed; resolves when it is on disk. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.dirty) return this.writing;
    this.dirty = false;
    this.writing = this.writing
      .then(() => (this.pressure ? this.pressure.write('sweep.json', () => this.writeNow()) : this.writeNow()))
      // a failed write is reported, and the next touch() tries again
      .catch((error: Error) => {
        this.dirty = true;
        this.onError(error);
      });
    return this.writing;
  }

  private async writeNow(): Promise<void> {
    // the trials' own records first, so that sweep.json does not run ahead of them
    await allFolderWritesSettled();
    const started = performance.now();
    this.db.data = { schema: FORMAT_VERSION, ...this.build() };
    try {
      await this.db.write();
    } catch (error) {
      // lowdb leaves its temporary file, empty or cut short, when the disk refuses the write
      if (isDiskFull(error)) rmSync(lowdbTempPath(sweepJsonPath(this.sweepDir)), { force: true });
      throw error;
    } finally {
      this.db.data = null;
    }
    this.intervalMs = Math.max(WRITE_INTERVAL_MS, (performance.now() - started) * WRITE_COST_FACTOR);
  }
}

/** Where lowdb (steno) writes a file before renaming it into place. */
function lowdbTempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp`);
}

/**
 * Replaces sweep.json with `document` as given, for a command that changes the records of a sweep
 * no controller runs (`rescore`, holding the lock meanwhile). Its `schema` is kept: rewriting the
 * summary does not give a directory of an earlier format the files of the current one.
 */
export async function replaceSweepDocument(sweepDir: string, document: SweepDocument): Promise<void> {
  const db = new Low<SweepDocument>(new JSONFile(sweepJsonPath(sweepDir)), document);
  await db.write();
}
