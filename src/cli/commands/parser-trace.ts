/**
 * `sweeptop metrics` names, for each metric, the parser that read it (its `via` column): each
 * parser is wrapped to note the names of the points it returns. The wrapper keeps the parser's
 * `startsWith`/`endsWith` hints, so that the extractor offers it the same lines as in a sweep:
 * without them every parser would be tried on every line, which is slower and may read a line
 * another way than the sweep would.
 */
import type { LineParser } from '../../plugin-api/parser.js';

export function traceParser(parser: LineParser, name: string, via: Map<string, string>): LineParser {
  const traced: { -readonly [K in keyof LineParser]: LineParser[K] } = {
    parse(line) {
      const parsed = parser.parse(line);
      if (parsed) for (const point of parsed.points) via.set(point.name, name);
      return parsed;
    },
  };
  // only when present: an absent hint means "any line", which `undefined` would say as well
  if (parser.startsWith !== undefined) traced.startsWith = parser.startsWith;
  if (parser.endsWith !== undefined) traced.endsWith = parser.endsWith;
  return traced;
}
