/**
 * Auto-detecting parse throughput: a 1,000,000-line mixed log (Keras, tqdm redraws, JSON, HF
 * dicts, XGBoost, kv, nanoGPT, warnings, tracebacks, prose) goes through LineSplitter and a
 * MetricExtractor with every built-in parser, as the engine feeds a trial's output — on one core,
 * in this process. `grep -c .` on the same file is the baseline: the two take turns, run by run.
 * `--quick` parses 100,000 lines. Not measured here: the latency from a trial's write to the
 * engine's metric event (bench/latency.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LineSplitter } from '../src/engine/logs/line-splitter.js';
import { MetricExtractor } from '../src/engine/metrics/extractor.js';
import { createParsers } from '../src/engine/metrics/parser-list.js';
import { parserPlugins } from '../plugins/parsers/index.js';
import { interleave, pick } from './lib/interleave.js';
import { Bench } from './lib/record.js';

const bench = new Bench('parsers');
const LINES = bench.options.quick ? 100_000 : 1_000_000;
const CHUNK = 256 * 1024; // what FileTailer reads at a time

/** A deterministic mix of what training output looks like; `i` varies the numbers. */
const TEMPLATES: Array<(i: number, x: string) => string> = [
  (i, x) => `epoch=${i % 50} step=${i} loss=${x} acc=0.${i % 97} lr=1e-4 time=${i % 40}ms\n`,
  (i, x) => `{"step": ${i}, "loss": ${x}, "lr": 0.0003, "grad_norm": 1.${i % 9}}\n`,
  (i, x) => `{'loss': ${x}, 'grad_norm': 2.1, 'learning_rate': 4.9e-05, 'epoch': ${(i % 300) / 100}}\n`,
  (i, x) => `Epoch ${(i % 20) + 1}/20\n`,
  (i, x) => `1875/1875 [==============================] - 3s 1ms/step - loss: ${x} - accuracy: 0.91 - val_loss: ${x} - val_accuracy: 0.95\n`,
  (i, x) => `Epoch ${i % 10}:  45%|████▌     | ${i % 938}/938 [00:05<00:06, 80.12it/s, v_num=0, train_loss=${x}]\r`,
  (i, x) => ` 45%|████▌     | ${i % 100}/100 [00:01<00:01, 44.20it/s, loss=${x}]\r`,
  (i, x) => `[${i}]\tvalidation_0-logloss:${x}\tvalidation_1-logloss:0.62555\n`,
  (i, x) => `iter ${i}: loss ${x}, time 20.17ms, mfu 18.48%\n`,
  (i, x) => `/usr/lib/python3/site-packages/torch/utils/data/dataloader.py:558: UserWarning: This DataLoader will create 8 worker processes. num_workers=${i % 9}\n`,
  (i, x) => `  File "/home/user/train.py", line ${i % 300}, in forward\n`,
  (i, x) => `Saving checkpoint to /tmp/run/epoch=${i % 9}-step=${i}.ckpt\n`,
  (i, x) => `2024-05-01 10:00:00,123 - INFO - Evaluating on ${i % 500} batches of validation data\n`,
  (i, x) => `Train Epoch: ${i % 10} [${(i % 937) * 64}/60000 (${i % 100}%)]\tLoss: ${x}\n`,
  (i, x) => `The quick brown fox jumps over the lazy dog ${i}\n`,
  (i, x) => `\n`,
];

function generate(path: string): number {
  const parts: string[] = [];
  let lines = 0;
  for (let i = 0; lines < LINES; i++) {
    const x = (1 / (1 + (i % 1000))).toFixed(4);
    parts.push(TEMPLATES[(i * 7) % TEMPLATES.length](i, x));
    lines++;
  }
  writeFileSync(path, parts.join(''));
  return lines;
}

function parse(data: Buffer): { lines: number; points: number; ms: number; cpuMs: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const splitter = new LineSplitter();
  const extractor = new MetricExtractor({ parsers: createParsers(parserPlugins), rules: [], fillSteps: true });
  let lines = 0;
  let points = 0;
  for (let offset = 0; offset < data.length; offset += CHUNK) {
    for (const line of splitter.push(data.subarray(offset, offset + CHUNK))) {
      lines++;
      points += extractor.push(line.text, line.ending).final.length;
    }
  }
  for (const line of splitter.end()) {
    lines++;
    points += extractor.push(line.text, line.ending).final.length;
  }
  points += extractor.end().length;
  const used = process.cpuUsage(cpu);
  return { lines, points, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function grep(path: string): { lines: number; ms: number } {
  const start = performance.now();
  const result = spawnSync('grep', ['-c', '.', path], { encoding: 'utf8' });
  return { lines: Number(result.stdout.trim()), ms: performance.now() - start };
}

const dir = mkdtempSync(join(tmpdir(), 'sweeptop-bench-'));
try {
  const path = join(dir, 'mixed.log');
  const written = generate(path);
  const data = readFileSync(path);
  parse(data.subarray(0, Math.min(data.length, 2_000_000))); // warm-up: let the JIT compile the parsers
  const runs = await interleave(bench.options.runs, {
    grep: () => {
      const baseline = grep(path);
      return { ...baseline, linesPerSecond: (written / baseline.ms) * 1000 };
    },
    sweeptop: () => {
      const ours = parse(data);
      // on a busy machine wall time includes waiting for a core; CPU time (GC threads included) does not
      return { ...ours, linesPerSecond: (ours.lines / ours.ms) * 1000, linesPerCpuSecond: (ours.lines / ours.cpuMs) * 1000 };
    },
  });
  const points = new Set(pick(runs.sweeptop, 'points'));
  bench.finish({
    method:
      `One run parses the ${written.toLocaleString('en')}-line (${(data.length / 1e6).toFixed(1)} MB) mixed log once, after one warm-up ` +
      `on its first 2 MB, finding ${[...points].map((n) => n.toLocaleString('en')).join(' or ')} metric points; ` +
      '`grep -c .` reads the same file; the two take turns, run by run.',
    figures: [
      { label: 'auto-detect parse: wall time', unit: 'ms', values: pick(runs.sweeptop, 'ms'), baseline: { label: '`grep -c .`', values: pick(runs.grep, 'ms') } },
      { label: 'auto-detect parse: lines per second', unit: 'lines/s', values: pick(runs.sweeptop, 'linesPerSecond'),
        baseline: { label: '`grep -c .`', values: pick(runs.grep, 'linesPerSecond') }, goal: { of: 'value', op: '≥', limit: 1_000_000 } },
      { label: 'auto-detect parse: lines per CPU-second', unit: 'lines/s', values: pick(runs.sweeptop, 'linesPerCpuSecond') },
    ],
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
