/**
 * A trial's metric points, one JSON line each, appended as they are recorded (~3.5 µs a point),
 * so nothing is lost if the controller dies. `offset` is the byte offset in the source log just
 * after the line the point came from: a restarted controller resumes tailing there.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
}

export class MetricLog {
  private fd: number | null;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  append(point: StoredPoint): void {
    if (this.fd === null) return;
    const record: Record<string, unknown> = {
      name: point.name,
      step: point.step,
      value: encodeNumber(point.value),
      time: point.time,
      offset: point.offset,
    };
    if (point.source) record.source = point.source;
    writeSync(this.fd, JSON.stringify(record) + '\n');
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** All points of a metrics.jsonl; a torn last line (the writer was killed mid-write) is skipped. */
export async function readMetricLog(path: string): Promise<StoredPoint[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const points: StoredPoint[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const raw = JSON.parse(line) as Record<string, unknown>;
      const value = decodeNumber(raw.value);
      if (typeof raw.name !== 'string' || typeof raw.step !== 'number' || value === undefined) continue;
      points.push({
        name: raw.name,
        step: raw.step,
        value,
        time: typeof raw.time === 'number' ? raw.time : 0,
        offset: typeof raw.offset === 'number' ? raw.offset : 0,
        ...(typeof raw.source === 'string' && { source: raw.source }),
      });
    } catch {
      // torn line
    }
  }
  return points;
}
