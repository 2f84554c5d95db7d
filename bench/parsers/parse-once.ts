/**
 * One measured parse of a log by one tree's pipeline, in a process of its own:
 *
 *   node --import tsx bench/parsers/parse-once.ts ROOT LOG
 *
 * loads ROOT's line splitter, extractor and built-in parsers, warms them up on the log's first
 * 2 MB, parses the whole log once as the engine reads a trial's output, and prints
 * `{lines, points, ms, cpuMs}` as JSON. A process per run keeps one tree's compiled code and heap
 * from colouring another's figures: loaded side by side in one process, the same code measured
 * a third slower in the arm that ran first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const CHUNK = 256 * 1024; // what FileTailer reads at a time
const WARM_UP_BYTES = 2_000_000;

const [root, logPath] = process.argv.slice(2);
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const [{ LineSplitter }, { MetricExtractor }, { createParsers }, { parserPlugins }] = await Promise.all([
  load('src/engine/logs/line-splitter.ts'),
  load('src/engine/metrics/extractor.ts'),
  load('src/engine/metrics/parser-list.ts'),
  load('plugins/parsers/index.ts'),
]);

function parse(data: Buffer): { lines: number; points: number } {
  const splitter = new LineSplitter();
  const extractor = new MetricExtractor({ parsers: createParsers(parserPlugins), rules: [], fillSteps: true });
  let lines = 0;
  let points = 0;
  const take = (line: { text: string; ending: string }) => {
    lines++;
    points += extractor.push(line.text, line.ending).final.length;
  };
  for (let offset = 0; offset < data.length; offset += CHUNK)
    for (const line of splitter.push(data.subarray(offset, offset + CHUNK))) take(line);
  for (const line of splitter.end()) take(line);
  points += extractor.end().length;
  return { lines, points };
}

const data = readFileSync(logPath);
parse(data.subarray(0, Math.min(data.length, WARM_UP_BYTES))); // let the JIT compile the parsers
const start = performance.now();
const cpu = process.cpuUsage();
const counted = parse(data);
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ ...counted, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 }));
