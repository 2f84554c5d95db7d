/**
 * Turns a parsed object (a JSON line, a Python dict repr) into points: numbers at any depth
 * become metrics named by their path (`{"train": {"loss": 0.4}}` → `train/loss`), the strings
 * "nan", "inf", "-inf" count as numbers (how JSON writers spell them), a step key at the top
 * level becomes the step, a `fold`/`split`/`seed` key at the top level the context (`fold 2`),
 * clocks and ids are dropped, everything else is ignored.
 */
import type { ParsedLine, ParsedPoint } from './parser.js';
import { decodeNumber } from './json-number.js';
import { echoedFromObject, isConfigLabel } from './echoed-config.js';
import { contextName, contextWord } from './metric-names.js';
import { isNeverMetric, stepKeyRank } from './step-keys.js';

/** What the object parsers hand over: numbers and nested objects matter, the rest is skipped. */
export type ObjectValue = number | { [key: string]: ObjectValue } | null;

export function pointsFromObject(object: Record<string, unknown>): ParsedPoint[] {
  return lineFromObject(object).points;
}

/** The object's points, and the context it names, if any. */
export function lineFromObject(object: Record<string, unknown>): ParsedLine {
  const points: ParsedPoint[] = [];
  let step: number | null = null;
  let stepRank = Infinity;
  let context: string | undefined;
  // one pass over the keys; the step is known at the end, and given to every point then
  for (const key in object) {
    const value = object[key];
    const rank = stepKeyRank(key);
    if (rank !== -1) {
      if (typeof value === 'number' && Number.isFinite(value) && rank < stepRank) {
        step = value;
        stepRank = rank;
      }
    } else if (!isNeverMetric(key)) {
      collect(value, key, points);
    } else if (context === undefined && typeof value === 'number' && Number.isInteger(value) && value >= 0) {
      const word = contextWord(key);
      if (word !== undefined) context = contextName(word, value);
    }
  }
  for (const point of points) point.step = step;
  return context === undefined ? { points } : { points, context };
}

/** The points in `value`, named `name` (and `name/key` inside a nested object); no step yet. */
function collect(value: unknown, name: string, out: ParsedPoint[]): void {
  if (typeof value === 'number') out.push({ name, step: null, value });
  else if (typeof value === 'string') {
    const number = decodeNumber(value);
    if (number !== undefined) out.push({ name, step: null, value: number });
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const key in object) collect(object[key], `${name}/${key}`, out);
  }
}

/**
 * A JSON object closing the line, also after a logging prefix (`INFO:root:{"loss": 0.4}`), as
 * points, or as echoed configuration after a label (`Config: {"lr": 0.001}`); null when the line
 * holds none.
 */
export function parseJsonLine(line: string): ParsedLine | null {
  const span = objectSpan(line);
  if (!span) return null;
  // a Python dict repr (`{'loss': …`) is common and would cost a thrown SyntaxError each time
  let first = span.start + 1;
  while (line.charCodeAt(first) === 32) first++;
  if (line.charCodeAt(first) !== 34 && line.charCodeAt(first) !== 125) return null; // '"' or '}'
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(span.start, span.end));
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const object = parsed as Record<string, unknown>;
  if (span.start > 0 && isConfigLabel(line, span.start)) return { points: [], echoed: echoedFromObject(object) };
  return lineFromObject(object);
}

/** Where a `{…}` that closes the line starts and ends; null when the line does not end with `}`. */
export function objectSpan(line: string): { start: number; end: number } | null {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  if (end === 0 || line.charCodeAt(end - 1) !== 125) return null;
  const start = line.indexOf('{');
  return start === -1 ? null : { start, end };
}
