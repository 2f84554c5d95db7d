/**
 * One suite over every built-in parser: the contract users run on their own parsers
 * (src/testing/parser-contract.ts: the plugin shape, robustness against random, cut and mutated
 * lines), and each format's fixture log read exactly as `sweeptop metrics` (and a sweep) reads
 * it — expected metrics written by hand from the frameworks' documented output, in
 * fixtures/logs/<format>.expected.jsonl.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserPlugins, autoParserNames } from '../../plugins/parsers/index.js';
import { createParsers, resolveParsers } from '../../src/engine/metrics/parser-list.js';
import { decodeNumber } from '../../src/plugin-api/json-number.js';
import { readMetricsFile } from '../../src/engine/logs/sources/read-file.js';
import { LineSplitter } from '../../src/engine/logs/line-splitter.js';
import { MetricExtractor } from '../../src/engine/metrics/extractor.js';
import { createRng } from '../plugins/parsers/rng.js';
import { describeParserContract } from '../../src/testing/parser-contract.js';

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

/** Lines of every fixture log: the formats' own lines, for the fuzzer to cut and mutate. */
const SAMPLES = [
  ...fixtures.map((format) => join(FIXTURES, `${format}.log`)),
  ...readdirSync(join(FIXTURES, 'objective'))
    .filter((name) => name.endsWith('.log'))
    .map((name) => join(FIXTURES, 'objective', name)),
].flatMap((path) => readFileSync(path, 'utf8').split(/\r\n|\r|\n/));

// The suite a user runs on their own parser (sweeptop/testing), run on each built-in one.
for (const plugin of parserPlugins) describeParserContract(plugin, { samples: SAMPLES });

describe.each(parserPlugins.map((plugin) => [plugin.name, plugin] as const))('built-in parser %s', (_name, plugin) => {
  it('has a description and a unique name, and auto-detection tries it', () => {
    expect(plugin.name).toMatch(/^[a-z0-9-]+$/);
    expect(plugin.description?.length).toBeGreaterThan(10);
    expect(parserPlugins.filter((p) => p.name === plugin.name)).toHaveLength(1);
    expect(autoParserNames).toContain(plugin.name);
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
          if (typeof point.step !== 'number') wrong.push(`${JSON.stringify(line.text)}: step ${point.step}`);
        }
      }
    }
    // One assertion for the batch: an `expect` per point cost nearly all of this test's time.
    expect(wrong.slice(0, 10), `${wrong.length} points without a step`).toEqual([]);
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
