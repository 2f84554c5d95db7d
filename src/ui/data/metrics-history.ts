/**
 * Metric history from the end of a trial's metrics.jsonl (state/metric-log.ts reads it), for trials
 * whose curves were drawn before this UI attached.
 */
import { trialFiles } from '../../engine/state/layout.js';
import { parseMetricLog } from '../../engine/state/metric-log.js';
import type { Point } from '../state/series.js';
import { readTail } from './read-tail.js';

export async function readMetricHistory(trialDir: string): Promise<Map<string, Point[]>> {
  const { points } = parseMetricLog(await readTail(trialFiles(trialDir).metrics, 16 * 1024 * 1024));
  const byName = new Map<string, Point[]>();
  for (const { name, step, value } of points) {
    let series = byName.get(name);
    if (!series) byName.set(name, (series = []));
    series.push({ step, value, provisional: false });
  }
  return byName;
}
