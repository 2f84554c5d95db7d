/**
 * One suite over every built-in parser: the plugin shape, robustness against random and cut
 * lines, and each format's fixture log read exactly as `sweeptop metrics` (and a sweep) reads
 * it — expected metrics written by hand from the frameworks' documented output, in
 * fixtures/logs/<format>.expected.jsonl.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserPlugins, autoParserNames } from '../../plugins/parsers/index.js';
import type { ParsedLine } from '../../src/plugin-api/parser.js';
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

function expected(format: string) {
  return readFileSync(join(FIXTURES, `${format}.expected.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { name, step, value } = JSON.parse(line) as { name: string; step: number | null; value: unknown };
      return { name, step, value: decodeNumber(value) };
    });
}

async function read(format: string, parserNames: string[] = ['auto']) {
  const problems: string[] = [];
  const parsers = createParsers(resolveParsers(parserNames, parserPlugins));
  const { points } = await readMetricsFile(join(FIXTURES, `${format}.log`), { parsers, rules: [], onProblem: (m) => problems.push(m) });
  return { points, problems };
}

describe.each(parserPlugins.map((plugin) => [plugin.name, plugin] as const))('parser %s', (_name, plugin) => {
  it('is a named parser factory with a description, and its name is unique', () => {
    expect(plugin.kind).toBe('parser');
    expect(plugin.name).toMatch(/^[a-z0-9-]+$/);
    expect(plugin.description?.length).toBeGreaterThan(10);
    expect(parserPlugins.filter((p) => p.name === plugin.name)).toHaveLength(1);
    expect(autoParserNames).toContain(plugin.name);
  });

  it('never throws on 10,000 random and cut lines, and returns well-formed results', () => {
    const rng = createRng(plugin.name);
    const samples = fixtures.flatMap((format) => readFileSync(join(FIXTURES, `${format}.log`), 'utf8').split(/\r\n|\r|\n/));
    const parser = plugin.create({}, { parseNumber: () => undefined });
    for (let i = 0; i < 10_000; i++) {
      const line = i % 2 === 0 ? cut(samples[Math.floor(rng() * samples.length)], rng) : randomLine(rng);
      let parsed: ParsedLine | null = null;
      expect(() => (parsed = parser.parse(line)), JSON.stringify(line)).not.toThrow();
      if (parsed !== null) expectWellFormed(parsed, line);
    }
  });
});

describe.each(fixtures)('fixture %s', (format) => {
  it('is read by auto-detection exactly as expected', async () => {
    const { points, problems } = await read(format);
    expect(points).toEqual(expected(format));
    expect(problems).toEqual([]);
  });

  it.runIf(format in OWN_PARSERS)('is read the same by its own parser alone', async () => {
    const { points } = await read(format, [OWN_PARSERS[format]].flat());
    expect(points).toEqual(expected(format));
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
    for (let i = 0; i < 10_000; i++) {
      const chunk = Buffer.from(Array.from({ length: Math.floor(rng() * 60) }, () => Math.floor(rng() * 256)));
      for (const line of splitter.push(chunk)) {
        for (const point of extractor.push(line.text, line.ending).final) expect(typeof point.step).toBe('number');
      }
    }
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

function expectWellFormed(parsed: ParsedLine, line: string) {
  expect(Array.isArray(parsed.points), line).toBe(true);
  if (parsed.header !== undefined) expect(Number.isFinite(parsed.header), line).toBe(true);
  for (const point of parsed.points) {
    expect(typeof point.name === 'string' && point.name.length > 0, line).toBe(true);
    expect(typeof point.value, line).toBe('number');
    expect(point.step === null || Number.isFinite(point.step), line).toBe(true);
  }
}

const ALPHABET = ' \t0123456789.,:;=-+_/|[](){}\'"%eEnaifINF━█▌#*@abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\x1b\b';

function randomLine(rng: () => number): string {
  const length = Math.floor(rng() * 120);
  let line = '';
  for (let i = 0; i < length; i++) line += ALPHABET[Math.floor(rng() * ALPHABET.length)];
  return line;
}

function cut(line: string, rng: () => number): string {
  const from = rng() < 0.3 ? Math.floor(rng() * line.length) : 0;
  return line.slice(from, from + Math.floor(rng() * (line.length + 1)));
}
