/**
 * The parser contract, as a vitest suite a plugin author runs on their own parser (and sweeptop
 * runs on each of its own): the plugin's shape; the examples read as given; and 10,000 random,
 * cut and mutated lines that never make it throw, never give a malformed result, and are never
 * claimed outside its `startsWith` / `endsWith` hints.
 */
import { describe, expect, it } from 'vitest';
import { parseMetricNumber } from '../plugin-api/metric-number.js';
import type { LineParser, ParsedLine, ParserPlugin } from '../plugin-api/parser.js';
import { fuzzLines } from './fuzz-lines.js';
import { expectPluginShape, expectRefusesUnknownOption } from './plugin-shape.js';

export interface ParserContractOptions {
  /** What the sweep file gives the parser besides `type`. */
  options?: Record<string, unknown>;
  /**
   * Lines of the format and what `parse` must return for each, fed in order to one parser (so a
   * header line's state carries to the next line).
   */
  examples?: ReadonlyArray<{ line: string; parsed: ParsedLine | null }>;
  /** More lines of the format (a real log, split into lines) for the fuzzer to cut and mutate. */
  samples?: readonly string[];
  /** How many random lines; 10,000 by default. */
  fuzzLines?: number;
}

/** At most this many different problems are listed (each with the first line that shows it). */
const SHOWN_PROBLEMS = 8;

export function describeParserContract(plugin: ParserPlugin, contract: ParserContractOptions = {}): void {
  const given = contract.options ?? {};
  const create = (options = given) => plugin.create(options, { parseNumber: parseMetricNumber });

  describe(`parser contract: ${plugin.name}`, () => {
    it('is a parser plugin: a name, kind "parser", create(options, context)', () => {
      expectPluginShape(plugin, 'parser');
      if (plugin.options !== undefined) expectRefusesUnknownOption(create, given);
      const parser = create();
      expect(typeof parser.parse).toBe('function');
      for (const hint of ['startsWith', 'endsWith'] as const) {
        if (parser[hint] !== undefined) expect(parser[hint], `${hint}: the characters a line may start/end with`).toMatch(/^.+$/s);
      }
    });

    const examples = contract.examples ?? [];
    if (examples.length > 0) {
      it('reads its examples as given', () => {
        const parser = create();
        for (const { line, parsed } of examples) expect(parser.parse(line), JSON.stringify(line)).toEqual(parsed);
      });
    }

    it('never throws on random, cut and mutated lines, returns well-formed results, and claims no line outside its hints', () => {
      const samples = [...(contract.examples ?? []).map((example) => example.line), ...(contract.samples ?? [])];
      const parser = create();
      const problems = new Map<string, string>();
      for (const line of fuzzLines(samples, plugin.name, contract.fuzzLines ?? 10_000)) {
        const problem = checkLine(parser, line);
        if (problem !== null && !problems.has(problem))
          problems.set(problem, JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line));
        if (problems.size === SHOWN_PROBLEMS) break;
      }
      // One assertion per batch: an `expect` per line would cost most of the test's time.
      const listed = [...problems].map(([problem, line]) => `${line}: ${problem}`).join('\n');
      expect(problems.size, `lines the parser mishandled:\n${listed}\n`).toBe(0);
    });
  });
}

/** What is wrong with how `parser` reads `line`; null when nothing is. */
function checkLine(parser: LineParser, line: string): string | null {
  let parsed: ParsedLine | null;
  try {
    parsed = parser.parse(line);
  } catch (error) {
    return `threw ${(error as Error)?.message ?? String(error)}`;
  }
  if (parsed === null) return null;
  return malformed(parsed) ?? outsideHints(parser, line);
}

/** What is malformed in a parse result; null when it is well formed. */
export function malformed(parsed: ParsedLine): string | null {
  if (typeof parsed !== 'object' || !Array.isArray(parsed.points)) return 'the result is not { points: [...] } or null';
  for (const point of parsed.points) {
    if (typeof point.name !== 'string' || point.name.length === 0)
      return `a point's name ${JSON.stringify(point.name)} is not a non-empty string`;
    if (typeof point.value !== 'number') return `${point.name}: the value ${JSON.stringify(point.value)} is not a number`;
    if (point.step !== null && !Number.isFinite(point.step))
      return `${point.name}: the step ${point.step} is neither null nor a finite number`;
  }
  if (parsed.header !== undefined && !Number.isFinite(parsed.header)) return `the header ${parsed.header} is not a finite number`;
  if (parsed.context !== undefined && !/^(fold|split|seed) \d+$/.test(parsed.context)) {
    return `the context ${JSON.stringify(parsed.context)} is not "fold|split|seed N"`;
  }
  if (parsed.progress !== undefined) {
    const { done, total } = parsed.progress;
    if (!(Number.isFinite(done) && Number.isFinite(total) && total > 0))
      return `the progress ${done}/${total} is not finite numbers out of a positive total`;
  }
  if (parsed.echoed !== undefined) {
    if (Object.getPrototypeOf(parsed.echoed) !== Object.prototype) return 'echoed is not a plain object';
    for (const [key, value] of Object.entries(parsed.echoed)) {
      if (!(value === null || ['number', 'string', 'boolean'].includes(typeof value)))
        return `echoed.${key} is not a number, string, boolean or null`;
    }
  }
  return null;
}

/**
 * sweeptop offers a line to a parser only when the line's first and last non-blank characters
 * are among its `startsWith` and `endsWith` hints (a first character outside ASCII is offered
 * to all): a claim outside them is a line the parser reads alone but never in a sweep.
 */
function outsideHints(parser: LineParser, line: string): string | null {
  const trimmed = line.replace(/^[ \t]+|[ \t]+$/g, '');
  if (parser.startsWith !== undefined && trimmed.charCodeAt(0) < 128 && !parser.startsWith.includes(trimmed[0])) {
    return `claimed, but its first character is not in startsWith ${JSON.stringify(parser.startsWith)}`;
  }
  if (parser.endsWith !== undefined && !parser.endsWith.includes(trimmed.at(-1) ?? '(blank)')) {
    return `claimed, but its last character is not in endsWith ${JSON.stringify(parser.endsWith)}`;
  }
  return null;
}
