/**
 * sweep.json through lowdb, metadata only (STACK-NOTES: lowdb rewrites the whole file on every
 * write). Writes are coalesced: `touch()` asks for one within WRITE_INTERVAL_MS, so a sweep of
 * 10,000 trials × 1,000 metric points never rewrites sweep.json per metric line. The document is
 * built from the engine's state at write time, never kept as a second copy.
 */
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { readFile } from 'node:fs/promises';
import { sweepJsonPath } from './layout.js';
import type { SweepDocument } from './records.js';

export const WRITE_INTERVAL_MS = 500;

export class SweepStore {
  private readonly db: Low<SweepDocument | null>;
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly sweepDir: string,
    private readonly build: () => SweepDocument,
    private readonly onError: (error: Error) => void = () => {},
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
    }, WRITE_INTERVAL_MS);
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
      .then(async () => {
        this.db.data = this.build();
        await this.db.write();
      })
      // a failed write is reported, and the next touch() tries again
      .catch((error: Error) => {
        this.dirty = true;
        this.onError(error);
      });
    return this.writing;
  }
}

export async function readSweepDocument(sweepDir: string): Promise<SweepDocument | null> {
  try {
    return JSON.parse(await readFile(sweepJsonPath(sweepDir), 'utf8')) as SweepDocument;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
