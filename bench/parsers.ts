/**
 * Auto-detecting parse throughput: a 1,000,000-line mixed log (Keras, tqdm redraws, JSON, HF
 * dicts, XGBoost, kv, nanoGPT, warnings, tracebacks, prose) goes through LineSplitter and a
 * MetricExtractor with every built-in parser, as the engine feeds a trial's output — on one core,
 * in this process. `grep -c .` on the same file, in the same run, is the baseline.
 *
 *   npx tsx bench/parsers.ts           (1,000,000 lines)
 *   npx tsx bench/parsers.ts --quick   (100,000 lines)
 *
 * Goal: at least 1,000,000 lines/s. Not measured here: the latency from a trial's write to the
 * engine's metric event (it needs the engine's trial runner).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LineSplitter } from '../src/engine/logs/line-splitter.js';
import { MetricExtractor } from '../src/engine/metrics/extractor.js';
import { createParsers } from '../src/engine/metrics/parser-list.js';
import { parserPlugins } from '../plugins/parsers/index.js';

const LINES = process.argv.includes('--quick') ? 100_000 : 1_000_000;
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
  // the best of three runs: other processes on the machine only ever slow a run down
  const ours = [parse(data), parse(data), parse(data)].sort((a, b) => a.ms - b.ms)[0];
  const baseline = grep(path);
  const perSecond = (ours.lines / ours.ms) * 1000;
  const mb = data.length / 1e6;
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  console.log(`mixed log: ${written.toLocaleString('en')} lines, ${mb.toFixed(1)} MB; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
  console.log(`sweeptop auto-detect: ${ours.ms.toFixed(0)} ms  ${fmt(perSecond)} lines/s  ${ours.points.toLocaleString('en')} points`);
  // on a busy machine wall time includes waiting for a core; CPU time (GC threads included) does not
  console.log(`  CPU time: ${ours.cpuMs.toFixed(0)} ms  ${fmt((ours.lines / ours.cpuMs) * 1000)} lines per CPU-second`);
  console.log(`grep -c . (baseline): ${baseline.ms.toFixed(0)} ms  (${baseline.lines.toLocaleString('en')} non-empty lines)`);
  console.log(`ratio: sweeptop takes ${(ours.ms / baseline.ms).toFixed(1)}× grep's time`);
  console.log(`goal ≥ 1,000,000 lines/s: ${perSecond >= 1_000_000 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
