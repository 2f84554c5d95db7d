/**
 * One suite over every built-in parser: the plugin shape, robustness against random, cut and
 * mutated lines (well-formed results, contexts and echoed values included, and no claim outside
 * the parser's hints), and each format's fixture log read exactly as `sweeptop metrics` (and a sweep) reads
 * it — expected metrics written by hand from the frameworks' documented output, in
 * fixtures/logs/<format>.expected.jsonl.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserPlugins, autoParserNames } from '../../plugins/parsers/index.js';
import type { LineParser, ParsedLine } from '../../src/plugin-api/parser.js';
import { createParsers, resolveParsers } from '../../src/engine/metrics/parser-list.js';
import { decodeNumber } from '../../src/plugin-api/json-number.js';
import { readMetricsFile } from '../../src/engine/logs/sources/read-file.js';
import { LineSplitter } from '../../src/engine/logs/line-splitter.js';
import { MetricExtractor } from '../../src/engine/metrics/extractor.js';
import { createRng } from '../plugins/parsers/rng.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'logs');
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.log'))
  .map((name) => name.slice(0, -4));

/** Fixtures whose format its own parser(s) read entirely, without the others. */
const OWN_PARSERS: Record<string, string | string[]> = {
  json: 'json',
  keras2: 'keras',
  keras3: 'keras',
  tqdm: 'tqdm',
  lightning: ['lightning', 'lightning-table'],
  xgboost: 'xgboost',
  lightgbm: 'lightgbm',
  sklearn: 'sklearn',
  'pytorch-examples': 'pytorch-examples',
  fairseq: 'fairseq',
  timm: 'timm',
  detectron2: 'detectron2',
  fastai: 'fastai',
  ultralytics: 'ultralytics',
};

/** The expected points, and (on a last `{"echoed": …}` line) the configuration the log echoed. */
function expected(format: string) {
  const records = readFileSync(join(FIXTURES, `${format}.expected.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { name: string; step: number | null; value: unknown; echoed?: Record<string, unknown> });
  return {
    points: records.filter((r) => r.echoed === undefined).map(({ name, step, value }) => ({ name, step, value: decodeNumber(value) })),
    echoed: records.find((r) => r.echoed !== undefined)?.echoed ?? {},
  };
}

async function read(format: string, parserNames: string[] = ['auto']) {
  const problems: string[] = [];
  const parsers = createParsers(resolveParsers(parserNames, parserPlugins));
  const { points, echoed } = await readMetricsFile(join(FIXTURES, `${format}.log`), {
    parsers,
    rules: [],
    onProblem: (m) => problems.push(m),
  });
  return { points, echoed, problems };
}

describe.each(parserPlugins.map((plugin) => [plugin.name, plugin] as const))('parser %s', (_name, plugin) => {
  it('is a named parser factory with a description, and its name is unique', () => {
    expect(plugin.kind).toBe('parser');
    expect(plugin.name).toMatch(/^[a-z0-9-]+$/);
    expect(plugin.description?.length).toBeGreaterThan(10);
    expect(parserPlugins.filter((p) => p.name === plugin.name)).toHaveLength(1);
    expect(autoParserNames).toContain(plugin.name);
  });

  it('never throws on 10,000 random, cut and mutated lines, returns well-formed results, and claims no line outside its hints', () => {
    const rng = createRng(plugin.name);
    const parser = plugin.create({}, { parseNumber: () => undefined });
    const wrong: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const line = fuzzLine(rng);
      for (const problem of fuzzProblems(parser, line)) wrong.push(`line ${i} ${quote(line)}: ${problem}`);
    }
    // One assertion for the batch: an `expect` per line cost nearly all of this test's time.
    expect(firstOf(wrong), `${wrong.length} problems in 10,000 lines`).toEqual([]);
  });
});

describe.each(fixtures)('fixture %s', (format) => {
  it('is read by auto-detection exactly as expected', async () => {
    const { points, echoed, problems } = await read(format);
    expect({ points, echoed }).toEqual(expected(format));
    expect(problems).toEqual([]);
  });

  it.runIf(format in OWN_PARSERS)('is read the same by its own parser alone', async () => {
    const { points } = await read(format, [OWN_PARSERS[format]].flat());
    expect(points).toEqual(expected(format).points);
  });

  it('gives the same final points whatever the chunk boundaries (a live trial writes in pieces)', () => {
    const bytes = readFileSync(join(FIXTURES, `${format}.log`));
    const whole = extract(bytes, [bytes.length]);
    const rng = createRng(format);
    const sizes = Array.from({ length: 200 }, () => 1 + Math.floor(rng() * 40));
    expect(extract(bytes, sizes)).toEqual(whole);
  });
});

describe('auto-detection on a mixed log', () => {
  it('never throws on 10,000 random byte chunks through the whole pipeline', () => {
    const rng = createRng('pipeline');
    const splitter = new LineSplitter();
    const extractor = new MetricExtractor({ parsers: createParsers(parserPlugins), rules: [], fillSteps: true });
    const wrong: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const chunk = Buffer.from(Array.from({ length: Math.floor(rng() * 60) }, () => Math.floor(rng() * 256)));
      for (const line of splitter.push(chunk)) {
        for (const point of extractor.push(line.text, line.ending).final) {
          if (typeof point.step !== 'number') wrong.push(`${quote(line.text)}: step ${point.step}`);
        }
      }
    }
    expect(firstOf(wrong), `${wrong.length} points without a step`).toEqual([]);
    expect(() => extractor.end()).not.toThrow();
  });
});

/** The sweep-mode extraction of `bytes` fed in chunks of the given sizes (cycled). */
function extract(bytes: Buffer, sizes: number[]) {
  const splitter = new LineSplitter();
  const extractor = new MetricExtractor({ parsers: createParsers(parserPlugins), rules: [], fillSteps: true });
  const out = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    for (const line of splitter.push(bytes.subarray(at, at + size))) out.push(...extractor.push(line.text, line.ending).final);
    at += size;
  }
  for (const line of splitter.end()) out.push(...extractor.push(line.text, line.ending).final);
  out.push(...extractor.end());
  return out;
}

/** What is wrong with what `parser` makes of `line` (nothing, for most lines). */
function fuzzProblems(parser: LineParser, line: string): string[] {
  let parsed: ParsedLine | null;
  try {
    parsed = parser.parse(line);
  } catch (error) {
    return [`throws ${(error as Error).message}`];
  }
  return parsed === null ? [] : [...malformed(parsed), ...outsideHints(parser, line)];
}

function malformed(parsed: ParsedLine): string[] {
  if (!Array.isArray(parsed.points)) return [`points is not an array: ${JSON.stringify(parsed.points)}`];
  const problems: string[] = [];
  if (parsed.header !== undefined && !Number.isFinite(parsed.header)) problems.push(`header ${parsed.header}`);
  for (const point of parsed.points) {
    if (!(typeof point.name === 'string' && point.name.length > 0)) problems.push(`point name ${JSON.stringify(point.name)}`);
    if (typeof point.value !== 'number') problems.push(`point ${point.name} value ${JSON.stringify(point.value)}`);
    if (!(point.step === null || Number.isFinite(point.step))) problems.push(`point ${point.name} step ${point.step}`);
  }
  if (parsed.context !== undefined && !/^(fold|split|seed) \d+$/.test(parsed.context))
    problems.push(`context ${JSON.stringify(parsed.context)}`);
  if (parsed.echoed !== undefined) {
    if (Object.getPrototypeOf(parsed.echoed) !== Object.prototype) problems.push('echoed is not a plain object');
    for (const [key, value] of Object.entries(parsed.echoed)) {
      if (!(value === null || ['number', 'string', 'boolean'].includes(typeof value))) problems.push(`echoed ${key} is a ${typeof value}`);
    }
  }
  return problems;
}

/**
 * The extractor offers a line to a parser only when the line's first and last non-blank
 * characters are among its `startsWith` and `endsWith` hints (a first character outside ASCII is
 * offered to all): a claim outside them would be a line the parser reads alone but never in a sweep.
 */
function outsideHints(parser: LineParser, line: string): string[] {
  const trimmed = line.replace(/^[ \t]+|[ \t]+$/g, '');
  const first = trimmed.charCodeAt(0);
  const last = trimmed.at(-1) ?? '(blank)';
  const problems: string[] = [];
  if (parser.startsWith !== undefined && first < 128 && !parser.startsWith.includes(trimmed[0]))
    problems.push(`claimed, but starts with ${JSON.stringify(trimmed[0])}`);
  if (parser.endsWith !== undefined && !parser.endsWith.includes(last)) problems.push(`claimed, but ends with ${JSON.stringify(last)}`);
  return problems;
}

/** A line as a JSON string; a long one cut (the fuzz is seeded: its line number finds it again). */
function quote(line: string): string {
  return line.length > 300 ? `${JSON.stringify(line.slice(0, 300))}… (${line.length} characters)` : JSON.stringify(line);
}

/** The first few of a batch's problems: enough to see the pattern, short enough to read. */
function firstOf(problems: string[], count = 10): string[] {
  return problems.length > count ? [...problems.slice(0, count), `… and ${problems.length - count} more`] : problems;
}

const ALPHABET = ' \t0123456789.,:;=-+_/|[](){}\'"%eEnaifINF━█▌#*@abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\x1b\b±µ';
/** Characters of other scripts, combining marks, an emoji (a surrogate pair), a BOM and a lone surrogate. */
const UNICODE = ['é', 'ü', 'ß', 'Ω', 'и', '中', '文', 'あ', '\u0301', '🙂', '\ufeff', '\ud800', '\u2028', '\u00a0'];

/** Lines of every fixture log: the formats' own lines, to cut and mutate. */
const SAMPLES = [
  ...fixtures.map((format) => join(FIXTURES, `${format}.log`)),
  ...readdirSync(join(FIXTURES, 'objective'))
    .filter((name) => name.endsWith('.log'))
    .map((name) => join(FIXTURES, 'objective', name)),
].flatMap((path) => readFileSync(path, 'utf8').split(/\r\n|\r|\n/));

/** One line to throw at a parser: a format's line cut or mutated, random text or bytes, a very long line. */
function fuzzLine(rng: () => number): string {
  const sample = () => SAMPLES[Math.floor(rng() * SAMPLES.length)];
  const kind = rng();
  if (kind < 0.3) return cut(sample(), rng);
  if (kind < 0.6) return mutate(sample(), rng);
  if (kind < 0.8) return randomLine(rng);
  if (kind < 0.95) return randomBytes(rng);
  return longLine(sample(), rng);
}

function randomLine(rng: () => number): string {
  const length = Math.floor(rng() * 120);
  let line = '';
  for (let i = 0; i < length; i++) line += rng() < 0.05 ? pick(UNICODE, rng) : pick(ALPHABET, rng);
  return line;
}

/** Bytes as the line splitter decodes them (UTF-8, invalid sequences replaced). */
function randomBytes(rng: () => number): string {
  const bytes = Buffer.from(Array.from({ length: Math.floor(rng() * 100) }, () => Math.floor(rng() * 256)));
  return bytes.toString('utf8').replace(/[\r\n]/g, ' ');
}

function cut(line: string, rng: () => number): string {
  const from = rng() < 0.3 ? Math.floor(rng() * line.length) : 0;
  return line.slice(from, from + Math.floor(rng() * (line.length + 1)));
}

/** A few edits: a character replaced, inserted or deleted, a digit turned into a letter, a piece repeated. */
function mutate(line: string, rng: () => number): string {
  let out = line;
  for (let edits = 1 + Math.floor(rng() * 4); edits > 0; edits--) {
    const at = Math.floor(rng() * (out.length + 1));
    const edit = rng();
    const char = rng() < 0.2 ? pick(UNICODE, rng) : pick(ALPHABET, rng);
    if (edit < 0.3) out = out.slice(0, at) + char + out.slice(at + 1);
    else if (edit < 0.6) out = out.slice(0, at) + char + out.slice(at);
    else if (edit < 0.8) out = out.slice(0, at) + out.slice(at + 1);
    else out = out.slice(0, at) + out.slice(Math.max(0, at - 8), at) + out.slice(at);
  }
  return out;
}

/** A line of a few thousand characters: a format's line repeated, or padded with spaces and digits. */
function longLine(line: string, rng: () => number): string {
  if (rng() < 0.5) return line.repeat(1 + Math.floor(2000 / (line.length + 1)));
  const pad = rng() < 0.5 ? ' ' : '9';
  return pad.repeat(1000 + Math.floor(rng() * 3000)) + line + pad.repeat(Math.floor(rng() * 1000));
}

function pick<T>(items: ArrayLike<T>, rng: () => number): T {
  return items[Math.floor(rng() * items.length)];
}
