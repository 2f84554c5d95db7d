/**
 * What of a line is read for metrics. A line longer than the splitter keeps (line-splitter.ts) is
 * read as two: its head and its tail, each without the token the cut went through — a number cut
 * in two (`loss=0.12|34`) must not be read as another value.
 */
import type { Line } from './line-splitter.js';

/** Characters a metric token cannot contain: where a cut line's head and tail are trimmed to. */
const SEPARATOR = /[\s,;|]/;

export function readableParts(line: Line): string[] {
  if (line.cut === undefined) return [line.text];
  return [beforeLastSeparator(line.text), afterFirstSeparator(line.cut.tail)].filter((part) => part.length > 0);
}

function beforeLastSeparator(text: string): string {
  for (let i = text.length - 1; i >= 0; i--) if (SEPARATOR.test(text[i])) return text.slice(0, i).trimEnd();
  return '';
}

function afterFirstSeparator(text: string): string {
  const at = text.search(SEPARATOR);
  return at === -1 ? '' : text.slice(at + 1).trimStart();
}
