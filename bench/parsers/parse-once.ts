/**
 * One measured parse of a log by one tree's pipeline, in a process of its own:
 *
 *   node --import tsx bench/parsers/parse-once.ts ROOT LOG
 *
 * loads ROOT's line splitter, extractor and built-in parsers, warms them up on the log's first
 * 2 MB, parses the whole log once as the engine reads a trial's output, and prints
 * `{lines, points, ms, cpuMs, bareMs}` as JSON. `bareMs` is the in-process floor, timed after the
 * parse: the same chunks cut at every `\n` and `\r` and each piece decoded to a string, nothing else. A process per run keeps one tree's compiled code and heap
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

/** A bare line-split loop: what reading the lines costs before anything is done with them. */
function bareSplit(data: Buffer): number {
  let pieces = 0;
  for (let offset = 0; offset < data.length; offset += CHUNK) {
    const chunk = data.subarray(offset, offset + CHUNK);
    let start = 0;
    let lf = chunk.indexOf(10);
    let cr = chunk.indexOf(13);
    while (lf !== -1 || cr !== -1) {
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      pieces += chunk.toString('utf8', start, end).length >= 0 ? 1 : 0;
      start = end + 1;
      if (end === lf) lf = chunk.indexOf(10, start);
      else cr = chunk.indexOf(13, start);
    }
  }
  return pieces;
}

const data = readFileSync(logPath);
parse(data.subarray(0, Math.min(data.length, WARM_UP_BYTES))); // let the JIT compile the parsers
const start = performance.now();
const cpu = process.cpuUsage();
const counted = parse(data);
const used = process.cpuUsage(cpu);
const ms = performance.now() - start;
bareSplit(data.subarray(0, Math.min(data.length, WARM_UP_BYTES)));
const bareStart = performance.now();
bareSplit(data);
const bareMs = performance.now() - bareStart;
console.log(JSON.stringify({ ...counted, ms, cpuMs: (used.user + used.system) / 1000, bareMs }));
