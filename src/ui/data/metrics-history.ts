/**
 * Metric history from a trial's `metrics.jsonl` (one `{"name","step","value","time","offset"}` per
 * line), for trials whose curves were drawn before this UI attached.
 */
import { join } from 'node:path';
import { decodeNumber } from '../../plugin-api/json-number.js';
import type { Point } from '../state/series.js';
import { readTail } from './read-tail.js';

export async function readMetricHistory(trialDir: string): Promise<Map<string, Point[]>> {
  return parseMetricLines(await readTail(join(trialDir, 'metrics.jsonl'), 16 * 1024 * 1024));
}

export function parseMetricLines(text: string): Map<string, Point[]> {
  const byName = new Map<string, Point[]>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: { name?: unknown; step?: unknown; value?: unknown };
    try {
      record = JSON.parse(line);
    } catch {
      continue; // a line being written right now
    }
    const value = decodeNumber(record.value);
    const step = decodeNumber(record.step);
    if (typeof record.name !== 'string' || value === undefined || step === undefined) continue;
    let points = byName.get(record.name);
    if (!points) byName.set(record.name, (points = []));
    points.push({ step, value, provisional: false });
  }
  return byName;
}
