/**
 * JSON-object lines: `{"step": 3, "loss": 0.41, "val": {"acc": 0.9}}`, also after a logging
 * prefix (`INFO:root:{"loss": 0.4}`). Numbers are metrics, nested objects give `val/acc`, and the
 * strings "nan", "inf", "-inf" (how sweeptop and many loggers write them in JSON) are numbers.
 * Python's `json.dumps` writes bare `NaN`/`Infinity`, which is not JSON: the python-dict parser,
 * tried next, reads those lines.
 */
import type { ParsedLine, ParserPlugin } from './types.js';
import { pointsFromObject } from './lib/flatten.js';

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
  return { points: pointsFromObject(parsed as Record<string, unknown>) };
}

/** Where a `{…}` that closes the line starts and ends; null when the line does not end with `}`. */
export function objectSpan(line: string): { start: number; end: number } | null {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  if (end === 0 || line.charCodeAt(end - 1) !== 125) return null;
  const start = line.indexOf('{');
  return start === -1 ? null : { start, end };
}

const plugin: ParserPlugin = {
  name: 'json',
  kind: 'parser',
  description: 'JSON-object lines (`{"step": 3, "loss": 0.41}`)',
  create: () => ({ parse: parseJsonLine, endsWith: '}' }),
};
export default plugin;
