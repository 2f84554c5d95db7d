/**
 * Turns a parsed object (a JSON line, a Python dict repr) into points: numbers at any depth
 * become metrics named by their path (`{"train": {"loss": 0.4}}` → `train/loss`), the strings
 * "nan", "inf", "-inf" count as numbers (how JSON writers spell them), a step key at the top
 * level becomes the step, clocks and ids are dropped, everything else is ignored.
 */
import type { ParsedPoint } from '../types.js';
import { decodeNumber } from '../../../src/engine/metrics/json-number.js';
import { isNeverMetric, stepKeyRank } from './step-keys.js';

/** What the object parsers hand over: numbers and nested objects matter, the rest is skipped. */
export type ObjectValue = number | { [key: string]: ObjectValue } | null;

export function pointsFromObject(object: Record<string, unknown>): ParsedPoint[] {
  let step: number | null = null;
  let stepRank = Infinity;
  for (const key in object) {
    const value = object[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const rank = stepKeyRank(key);
    if (rank !== -1 && rank < stepRank) {
      step = value;
      stepRank = rank;
    }
  }
  const points: ParsedPoint[] = [];
  collect(object, '', step, points);
  return points;
}

function collect(object: Record<string, unknown>, prefix: string, step: number | null, out: ParsedPoint[]): void {
  for (const key in object) {
    const value = object[key];
    if (prefix === '' && (stepKeyRank(key) !== -1 || isNeverMetric(key))) continue;
    if (typeof value === 'number') out.push({ name: prefix + key, step, value });
    else if (typeof value === 'string') {
      const number = decodeNumber(value);
      if (number !== undefined) out.push({ name: prefix + key, step, value: number });
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      collect(value as Record<string, unknown>, `${prefix}${key}/`, step, out);
    }
  }
}
