/**
 * Auto-detecting parse throughput: a 1,000,000-line mixed log (Keras, tqdm redraws, JSON, HF
 * dicts, XGBoost, kv, nanoGPT, warnings, tracebacks, prose, cross-validation folds, summaries,
 * echoed configuration) goes through LineSplitter and a MetricExtractor with every built-in
 * parser, as the engine feeds a trial's output — on one core, in this process. `grep -c .` on the
 * same file is the baseline: the two take turns, run by run. `--quick` parses 100,000 lines.
 *
 * `--against REV` (a commit, branch or tag) checks that revision out beside this tree and parses
 * with its pipeline in the same rounds, on two logs: the everyday mix alone (the kinds of line
 * every revision reads alike: the like-for-like comparison, whose ratio must not fall below 0.9)
 * and the whole mix (where an older revision may skip or misread the objective's lines, so the
 * ratio includes work only this tree does). Each parse runs in a process of its own
 * (parsers/parse-once.ts), this tree's and the revision's alike. Not measured here: the latency
 * from a trial's write to the engine's metric event (bench/latency.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Figure } from './lib/figures.js';
import { interleave, pick, type Measures } from './lib/interleave.js';
import { stringOption } from './lib/options.js';
import { Bench } from './lib/record.js';
import { checkOut, ROOT, type Revision } from './lib/revision.js';

const bench = new Bench('parsers');
const LINES = bench.options.quick ? 100_000 : 1_000_000;

type Template = (i: number, x: string) => string;

/** A deterministic mix of what training output looks like; `i` varies the numbers. */
const EVERYDAY: Template[] = [
  (i, x) => `epoch=${i % 50} step=${i} loss=${x} acc=0.${i % 97} lr=1e-4 time=${i % 40}ms\n`,
  (i, x) => `{"step": ${i}, "loss": ${x}, "lr": 0.0003, "grad_norm": 1.${i % 9}}\n`,
  (i, x) => `{'loss': ${x}, 'grad_norm': 2.1, 'learning_rate': 4.9e-05, 'epoch': ${(i % 300) / 100}}\n`,
  (i, x) => `Epoch ${(i % 20) + 1}/20\n`,
  (i, x) =>
    `1875/1875 [==============================] - 3s 1ms/step - loss: ${x} - accuracy: 0.91 - val_loss: ${x} - val_accuracy: 0.95\n`,
  (i, x) => `Epoch ${i % 10}:  45%|████▌     | ${i % 938}/938 [00:05<00:06, 80.12it/s, v_num=0, train_loss=${x}]\r`,
  (i, x) => ` 45%|████▌     | ${i % 100}/100 [00:01<00:01, 44.20it/s, loss=${x}]\r`,
  (i, x) => `[${i}]\tvalidation_0-logloss:${x}\tvalidation_1-logloss:0.62555\n`,
  (i, x) => `iter ${i}: loss ${x}, time 20.17ms, mfu 18.48%\n`,
  (i, x) =>
    `/usr/lib/python3/site-packages/torch/utils/data/dataloader.py:558: UserWarning: This DataLoader will create 8 worker processes. num_workers=${i % 9}\n`,
  (i, x) => `  File "/home/user/train.py", line ${i % 300}, in forward\n`,
  (i, x) => `Saving checkpoint to /tmp/run/epoch=${i % 9}-step=${i}.ckpt\n`,
  (i, x) => `2024-05-01 10:00:00,123 - INFO - Evaluating on ${i % 500} batches of validation data\n`,
  (i, x) => `Train Epoch: ${i % 10} [${(i % 937) * 64}/60000 (${i % 100}%)]\tLoss: ${x}\n`,
  (i, x) => `The quick brown fox jumps over the lazy dog ${i}\n`,
  (i, x) => `\n`,
];
/** What the objective rules read: folds, summaries, spreads, echoed configuration. */
const OBJECTIVE: Template[] = [
  (i, x) => `fold ${(i % 5) + 1}: accuracy=${x}\n`,
  (i, x) => `Fold ${(i % 5) + 1}/5\n`,
  (i, x) => `Best val_accuracy: ${x}\n`,
  (i, x) => `mean accuracy ${x} +/- 0.0060\n`,
  (i, x) => `args: {'lr': 0.001, 'batch_size': 64, 'optimizer': 'adam', 'seed': ${i % 5}}\n`,
  (i, x) => `final val_loss=${x}\n`,
];
function generate(path: string, templates: readonly Template[]): number {
  // `(i * 7) % length` visits every template only while 7 and the count share no factor
  if (templates.length % 7 === 0) throw new Error(`${templates.length} templates: add or remove one, or only some of them are used`);
  const parts: string[] = [];
  let lines = 0;
  for (let i = 0; lines < LINES; i++) {
    const x = (1 / (1 + (i % 1000))).toFixed(4);
    parts.push(templates[(i * 7) % templates.length](i, x));
    lines++;
  }
  writeFileSync(path, parts.join(''));
  return lines;
}

/** One parse of the log by the tree at `root`, in a process of its own (see parsers/parse-once.ts). */
function parse(root: string, path: string): Measures {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'parsers', 'parse-once.ts'), root, path], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`parsing with ${root} failed: ${child.stderr}`);
  const { lines, points, ms, cpuMs } = JSON.parse(child.stdout) as { lines: number; points: number; ms: number; cpuMs: number };
  // on a busy machine wall time includes waiting for a core; CPU time (GC threads included) does not
  return { lines, points, ms, cpuMs, linesPerSecond: (lines / ms) * 1000, linesPerCpuSecond: (lines / cpuMs) * 1000 };
}

function grep(path: string): { lines: number; ms: number } {
  const start = performance.now();
  const result = spawnSync('grep', ['-c', '.', path], { encoding: 'utf8' });
  return { lines: Number(result.stdout.trim()), ms: performance.now() - start };
}

const against = stringOption(process.argv, '--against');
const dir = mkdtempSync(join(tmpdir(), 'sweeptop-bench-'));
let revision: Revision | undefined;
try {
  const path = join(dir, 'mixed.log');
  const written = generate(path, [...EVERYDAY, ...OBJECTIVE]);
  const megabytes = statSync(path).size / 1e6;
  revision = against === undefined ? undefined : checkOut(against);
  const theirs = revision?.dir;
  const everyday = join(dir, 'everyday.log');
  if (theirs) generate(everyday, EVERYDAY);
  const runs = await interleave(bench.options.runs, {
    grep: () => {
      const baseline = grep(path);
      return { ...baseline, linesPerSecond: (written / baseline.ms) * 1000 };
    },
    sweeptop: () => parse(ROOT, path),
    ...(theirs
      ? {
          against: () => parse(theirs, path),
          everydaySweeptop: () => parse(ROOT, everyday),
          everydayAgainst: () => parse(theirs, everyday),
        }
      : {}),
  });
  const found = (series: Measures[]) => [...new Set(pick(series, 'points'))].map((n) => n.toLocaleString('en')).join(' or ');
  const figures: Figure[] = [
    {
      label: 'auto-detect parse: wall time',
      unit: 'ms',
      values: pick(runs.sweeptop, 'ms'),
      baseline: { label: '`grep -c .`', values: pick(runs.grep, 'ms') },
    },
    {
      label: 'auto-detect parse: lines per second',
      unit: 'lines/s',
      values: pick(runs.sweeptop, 'linesPerSecond'),
      baseline: { label: '`grep -c .`', values: pick(runs.grep, 'linesPerSecond') },
      goal: { of: 'value', op: '≥', limit: 1_000_000 },
    },
    { label: 'auto-detect parse: lines per CPU-second', unit: 'lines/s', values: pick(runs.sweeptop, 'linesPerCpuSecond') },
  ];
  let compared = '';
  if (revision && runs.against && runs.everydaySweeptop && runs.everydayAgainst) {
    const { commit } = revision;
    figures.push(
      {
        label: `everyday mix: lines per CPU-second, this tree against ${commit} (${against})`,
        unit: 'lines/s',
        values: pick(runs.everydaySweeptop, 'linesPerCpuSecond'),
        baseline: { label: commit, values: pick(runs.everydayAgainst, 'linesPerCpuSecond') },
        goal: { of: 'ratio', op: '≥', limit: 0.9 },
      },
      {
        label: `whole mix: lines per CPU-second, this tree against ${commit} (${against})`,
        unit: 'lines/s',
        values: pick(runs.sweeptop, 'linesPerCpuSecond'),
        baseline: { label: commit, values: pick(runs.against, 'linesPerCpuSecond') },
      },
    );
    compared =
      ` ${commit}, checked out beside this tree, parses the same file in the same rounds, finding ${found(runs.against)} points;` +
      ` and both parse an everyday mix of the same length without the ${OBJECTIVE.length} objective kinds of line` +
      ` (${found(runs.everydaySweeptop)} points here, ${found(runs.everydayAgainst)} there).`;
  }
  bench.finish({
    method:
      `One run parses the ${written.toLocaleString('en')}-line (${megabytes.toFixed(1)} MB) mixed log of ${EVERYDAY.length + OBJECTIVE.length} kinds of line ` +
      `once, in a process of its own, after one warm-up on its first 2 MB, finding ${found(runs.sweeptop)} metric points; ` +
      '`grep -c .` reads the same file; they take turns, run by run.' +
      compared,
    figures,
  });
} finally {
  revision?.remove();
  rmSync(dir, { recursive: true, force: true });
}
