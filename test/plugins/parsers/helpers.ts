import type { LineParser, ParsedLine, ParserPlugin } from '../../../src/plugin-api/parser.js';
import { parseMetricNumber } from '../../../src/plugin-api/metric-number.js';

export function instance(plugin: ParserPlugin): LineParser {
  return plugin.create({}, { parseNumber: parseMetricNumber });
}

/** Every line through one parser instance, in order; the result of each. */
export function parseAll(plugin: ParserPlugin, lines: string[]): Array<ParsedLine | null> {
  const parser = instance(plugin);
  return lines.map((line) => parser.parse(line));
}

/** The points of the last line after feeding all lines to one instance. */
export function lastPoints(plugin: ParserPlugin, lines: string[]) {
  return parseAll(plugin, lines).at(-1)?.points;
}
