/**
 * A trial's metric points, trials/<id>/metrics.jsonl: one JSON line each, appended as they are
 * recorded (~3.5 µs a point), so nothing is lost if the controller dies. `offset`
 * is the byte offset in the source log just after the line the point came from: a restarted
 * controller resumes tailing there.
 */
import { appendFileSync, closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { MAX_HELD_POINT_BYTES, type DiskPressure } from './disk-pressure.js';
import { decodeNumber, encodeNumber } from '../../plugin-api/json-number.js';

export interface StoredPoint {
  name: string;
  step: number;
  value: number;
  /** Unix ms. */
  time: number;
  offset: number;
  /** 'stderr' or a log file's path; absent for stdout. */
  source?: string;
  /** The fold, split or seed it belongs to (`fold 3`). */
  context?: string;
  /** Printed after the trial was judged pruned: kept, never its objective. */
  afterPrune?: true;
}

export class MetricLog {
  private fd: number | null;
  /** Lines the disk refused (see disk-pressure.ts), oldest first from `first`; the first may be a line's tail. */
  private held: Buffer[] = [];
  private first = 0;
  private heldBytes = 0;
  /** The first held line's head is on disk already: it must be finished, never dropped. */
  private headBegun = false;
  private closing = false;

  constructor(
    readonly path: string,
    private readonly pressure?: DiskPressure,
    private readonly maxHeldBytes = MAX_HELD_POINT_BYTES,
  ) {
    this.fd = openSync(path, 'a');
  }

  append(point: StoredPoint): void {
    if (this.fd === null) return;
    const line = Buffer.from(pointLine(point));
    if (!this.pressure) {
      writeSync(this.fd, line);
      return;
    }
    this.held.push(line);
    this.heldBytes += line.length;
    this.shed();
    this.pressure.writeSync(`metrics ${this.path}`, () => this.writeHeld());
  }

  close(): void {
    this.closing = true;
    // a log closed with points held stays open until they are written
    if (this.fd !== null && this.heldCount() === 0) {
      closeSync(this.fd);
      this.fd = null;
    }
  }

  private heldCount(): number {
    return this.held.length - this.first;
  }

  /** Writes the held lines in order; a short write keeps the rest, so no line is torn or doubled. */
  private writeHeld(): void {
    while (this.heldCount() > 0 && this.fd !== null) {
      const line = this.held[this.first]!;
      const written = writeSync(this.fd, line);
      this.heldBytes -= written;
      this.headBegun = written < line.length;
      if (this.headBegun) this.held[this.first] = line.subarray(written);
      else this.first++;
    }
    this.compact();
    if (this.closing) this.close();
  }

  /** Past the bound, the oldest whole held lines go (the tail of a line begun on disk is kept). */
  private shed(): void {
    let dropped = 0;
    while (this.heldBytes > this.maxHeldBytes && this.heldCount() > (this.headBegun ? 2 : 1)) {
      const oldest = this.headBegun ? this.first + 1 : this.first;
      this.heldBytes -= this.held[oldest]!.length;
      // the begun tail moves up into the dropped line's place
      if (this.headBegun) this.held[oldest] = this.held[this.first]!;
      this.first++;
      dropped++;
    }
    this.compact();
    if (dropped > 0) this.pressure?.countDropped(dropped);
  }

  private compact(): void {
    if (this.first > 1024 && this.first * 2 > this.held.length) {
      this.held = this.held.slice(this.first);
      this.first = 0;
    }
  }
}

/**
 * Adds points to the metrics.jsonl of a finished trial (`rescore`, which holds the sweep's lock).
 * A torn last line left by a killed writer is ended first, so that it cannot swallow the first
 * point added.
 */
export function appendMetricPoints(path: string, points: readonly StoredPoint[]): void {
  if (points.length === 0) return;
  const text = points.map(pointLine).join('');
  appendFileSync(path, endsMidLine(path) ? '\n' + text : text);
}

function pointLine(point: StoredPoint): string {
  const record: Record<string, unknown> = {
    name: point.name,
    step: point.step,
    value: encodeNumber(point.value),
    time: point.time,
    offset: point.offset,
  };
  if (point.source) record.source = point.source;
  if (point.context !== undefined) record.context = point.context;
  if (point.afterPrune) record.afterPrune = true;
  return JSON.stringify(record) + '\n';
}

function endsMidLine(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

/** All points of a metrics.jsonl; lines that are not points (a torn last line) are skipped. */
export async function readMetricLog(path: string): Promise<StoredPoint[]> {
  return (await readPoints(path)).points;
}

/**
 * One metric's curve, for replay: the last value per step, by ascending step. Strict: a damaged
 * line other than a torn last one is an error naming it, so a curve is never replayed half read.
 */
export async function readMetricCurve(path: string, metric: string): Promise<Array<{ step: number; value: number }>> {
  const { points, damagedLine } = await readPoints(path);
  if (damagedLine !== null) throw new UserError(`${path}: line ${damagedLine}: not a metric point ({"name", "step", "value"})`);
  const byStep = new Map<number, number>();
  for (const point of points) if (point.name === metric) byStep.set(point.step, point.value);
  return [...byStep].map(([step, value]) => ({ step, value })).sort((a, b) => a.step - b.step);
}

async function readPoints(path: string): Promise<{ points: StoredPoint[]; damagedLine: number | null }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { points: [], damagedLine: null }; // never reported anything
    throw error;
  }
  return parseMetricLog(text);
}

/** The points of a metrics.jsonl's text (the TUI reads its tail), and its first damaged line. */
export function parseMetricLog(text: string): { points: StoredPoint[]; damagedLine: number | null } {
  const points: StoredPoint[] = [];
  let damagedLine: number | null = null;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const point = parsePoint(line);
    if (point) points.push(point);
    // the last line may be torn: the writer was killed mid-write
    else if (index < lines.length - 1) damagedLine ??= index + 1;
  });
  return { points, damagedLine };
}

function parsePoint(line: string): StoredPoint | null {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  const value = decodeNumber(raw?.value);
  if (typeof raw?.name !== 'string' || typeof raw.step !== 'number' || value === undefined) return null;
  return {
    name: raw.name,
    step: raw.step,
    value,
    time: typeof raw.time === 'number' ? raw.time : 0,
    offset: typeof raw.offset === 'number' ? raw.offset : 0,
    ...(typeof raw.source === 'string' && { source: raw.source }),
    ...(typeof raw.context === 'string' && { context: raw.context }),
    ...(raw.afterPrune === true && { afterPrune: true as const }),
  };
}
