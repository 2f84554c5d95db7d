/**
 * A full disk (ENOSPC, EDQUOT) is a pause, not an end: a write the disk refuses is held in memory
 * and retried with backoff, launching waits (the sweep asks `full`), and once every held write is
 * on disk and there is room again the sweep carries on by itself. Nothing on disk is harmed
 * meanwhile: each file is replaced whole (atomic.ts), so a refused write leaves the previous one.
 *
 * What is held: sweep.json (one write, rebuilt from the engine's state when it is retried),
 * launch records and trial results (small, never dropped), and each trial's unwritten metric
 * points (metric-log.ts), which alone are bounded: past MAX_HELD_POINT_BYTES per trial the
 * oldest held points are dropped, and counted, so that a trial printing fast cannot exhaust the
 * controller's memory while the disk stays full.
 */
import { statfsSync } from 'node:fs';
import { UserError } from '../errors.js';

/** Below this much free space the disk counts as full: a launch would fail at its first write. */
export const LOW_SPACE_BYTES = 1 << 20;
/** Unwritten metric points one trial may hold before its oldest are dropped. */
export const MAX_HELD_POINT_BYTES = 8 << 20;
export const FIRST_RETRY_MS = 1000;
export const MAX_RETRY_MS = 30_000;

export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** The full disk as clients see it (snapshot, `status`, the TUI's header). */
export interface DiskFullStanding {
  /** Unix ms when a write was first refused. */
  since: number;
  /** The sweep directory, whose filesystem needs room. */
  dir: string;
  /** Writes waiting in memory. */
  heldWrites: number;
  /** Metric points dropped because a trial held more than MAX_HELD_POINT_BYTES of them. */
  droppedPoints: number;
}

/** A write waiting for room; the latest one held under a key replaces an earlier one. */
export type HeldWrite = () => void | Promise<void>;

export interface DiskPressureOptions {
  /** The disk became full (a standing) or clear again (null). */
  onChange: (standing: DiskFullStanding | null) => void;
  /** A held write failed otherwise than for room: it is reported and given up. */
  onError: (error: Error) => void;
  /** @default setTimeout */
  schedule?: (retry: () => void, ms: number) => void;
  /** @default free bytes of the sweep directory's filesystem, by statfs */
  freeBytes?: () => number;
}

export class DiskPressure {
  private readonly held = new Map<string, HeldWrite>();
  private since: number | null = null;
  private droppedPoints = 0;
  private retryMs = FIRST_RETRY_MS;
  private retrying = false;
  private readonly waiting: Array<() => void> = [];
  private readonly schedule: (retry: () => void, ms: number) => void;
  private readonly freeBytes: () => number;

  constructor(
    readonly dir: string,
    private readonly options: DiskPressureOptions,
  ) {
    this.schedule = options.schedule ?? ((retry, ms) => void setTimeout(retry, ms));
    this.freeBytes = options.freeBytes ?? (() => freeBytesIn(dir));
  }

  get full(): boolean {
    return this.since !== null;
  }

  standing(): DiskFullStanding | null {
    if (this.since === null) return null;
    return { since: this.since, dir: this.dir, heldWrites: this.held.size, droppedPoints: this.droppedPoints };
  }

  /**
   * Runs `write` now, unless the disk is full; a write the disk refuses, or one that must wait
   * behind others, is held under `key` and true is returned meanwhile. Any other failure throws.
   */
  writeSync(key: string, write: () => void): void {
    if (this.full) return this.hold(key, write);
    try {
      write();
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      this.hold(key, write);
    }
  }

  async write(key: string, write: () => Promise<void>): Promise<void> {
    if (this.full) return this.hold(key, write);
    try {
      await write();
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      this.hold(key, write);
    }
  }

  /** write(), for a caller that goes on meanwhile: a failure other than a full disk goes to onError. */
  writeLater(key: string, write: () => Promise<void>): void {
    this.write(key, write).catch((error: Error) => this.options.onError(error));
  }

  /** Holds `write` for the next retry, marking the disk full. */
  hold(key: string, write: HeldWrite): void {
    this.held.delete(key);
    this.held.set(key, write);
    this.becomeFull();
  }

  /**
   * Whether the disk is full now, asking the filesystem when no write has said so yet (a trial
   * that failed may have been refused room for its own output). A full disk pauses launching.
   */
  checkFull(): boolean {
    if (this.full) return true;
    if (this.freeBytes() >= LOW_SPACE_BYTES) return false;
    this.becomeFull();
    return true;
  }

  countDropped(points: number): void {
    this.droppedPoints += points;
  }

  /** Resolves once nothing is held (at once when nothing is). */
  drained(): Promise<void> {
    if (!this.full) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A write outside this pressure was refused room: pause as for a held one. */
  markFull(): void {
    this.becomeFull();
  }

  private becomeFull(): void {
    if (this.since !== null) return;
    this.since = Date.now();
    this.retryMs = FIRST_RETRY_MS;
    this.options.onChange(this.standing());
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retrying) return;
    this.retrying = true;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.schedule(() => void this.retry(), delay);
  }

  /** Writes what is held, in the order it was first held, until the disk refuses one. */
  private async retry(): Promise<void> {
    this.retrying = false;
    for (const [key, write] of [...this.held]) {
      try {
        await write();
        // a newer write may have replaced this one while it ran
        if (this.held.get(key) === write) this.held.delete(key);
      } catch (error) {
        if (isDiskFull(error)) return this.scheduleRetry();
        this.held.delete(key);
        this.options.onError(error as Error);
      }
    }
    if (this.held.size > 0 || this.freeBytes() < LOW_SPACE_BYTES) return this.scheduleRetry();
    this.since = null;
    this.options.onChange(null);
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** Free bytes for an unprivileged writer on the filesystem of `dir`; Infinity when unknown. */
export function freeBytesIn(dir: string): number {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return Infinity;
  }
}

/** A command that needs room in a sweep directory and finds none: one line, exit 1. */
export class DiskFullError extends UserError {
  override readonly exitCode = 1;
}

/** Refuses to start work in `dir` when its disk is full (a controller could not even take its lock). */
export function assertRoomIn(dir: string, command: string): void {
  const free = freeBytesIn(dir);
  if (free >= LOW_SPACE_BYTES) return;
  throw new DiskFullError(
    `disk full: ${dir} has ${Math.max(0, Math.floor(free / 1024))} KiB free; free some space there and run \`${command}\` again`,
  );
}
