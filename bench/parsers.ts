/**
 * Auto-detecting parse throughput, on three logs of 1,000,000 lines each (`--quick`: 100,000).
 *
 * What a user runs: `sweeptop metrics LOG --json`, the built command in a process of its own, on
 * a progress-bar mix written by the fixtures' format imitations (parsers/progress-mix.ts: Keras
 * `\b…\r` redraws, tqdm and Lightning `\r` redraws, between other frameworks' lines) and on plain
 * `key=value` lines with a step of their own each (parsers/kv-log.ts), so that every line's points
 * come out; `grep -c .` on the same file is the baseline; and the command's peak resident memory on
 * each log. Then the same two logs parsed
 * in-process (parsers/parse-once.ts), against a bare line-split loop in that process. A line is
 * what `grep -c .` counts: up to `\n`, however many `\r` redraws it holds.
 *
 * And the template mix: a 1,000,000-line mixed log (Keras, tqdm redraws, JSON, HF
 * dicts, XGBoost, kv, nanoGPT, warnings, tracebacks, prose, cross-validation folds, summaries,
 * echoed configuration) goes through LineSplitter and a MetricExtractor with every built-in
 * parser, as the engine feeds a trial's output — on one core, in this process. `grep -c .` on the
 * same file is the baseline: the two take turns, run by run.
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
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Figure } from './lib/figures.js';
import { interleave, pick, type Measures } from './lib/interleave.js';
import { stringOption } from './lib/options.js';
import { Bench } from './lib/record.js';
import { checkOut, ROOT, type Revision } from './lib/revision.js';
import { KV_METRICS_PER_LINE, writeKvStepLog } from './parsers/kv-log.js';
import { PROGRESS_MIX, writeLog, type WrittenLog } from './parsers/progress-mix.js';

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
  const { lines, points, ms, cpuMs, bareMs } = JSON.parse(child.stdout) as Record<string, number>;
  // on a busy machine wall time includes waiting for a core; CPU time (GC threads included) does not
  return { lines, points, ms, cpuMs, bareMs, linesPerSecond: (lines / ms) * 1000, linesPerCpuSecond: (lines / cpuMs) * 1000 };
}

const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/**
 * CPU time of this process's finished children, in ms: fields 16 and 17 (cutime, cstime) of
 * /proc/self/stat, in clock ticks (100 a second on Linux); NaN where there is no /proc.
 */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * Loaded before the command: at exit it writes the process's peak resident set (maxRSS, in KiB)
 * to fd 3, which the bench reads. A data: URL, so the command starts as a user's does, without tsx.
 */
const REPORT_PEAK_RSS =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>writeSync(3,String(process.resourceUsage().maxRSS)))';

/** `sweeptop metrics LOG --json`, its output read and counted, as a user's pipe would. */
function metricsCommand(log: WrittenLog & { path: string }): Measures {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', REPORT_PEAK_RSS, CLI, 'metrics', log.path, '--json'], {
    maxBuffer: 2 ** 31,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const ms = performance.now() - start;
  const cpuMs = childrenCpuMs() - cpuBefore;
  if (child.status !== 0) throw new Error(`sweeptop metrics failed: ${child.stderr}`);
  // counted in the bytes: the output of a million lines is too long for one string
  let points = 0;
  for (let at = child.stdout.indexOf(10); at !== -1; at = child.stdout.indexOf(10, at + 1)) points++;
  const peakMiB = Number(String(child.output[3])) / 1024;
  return { ms, points, peakMiB, linesPerSecond: (log.lines / ms) * 1000, linesPerCpuSecond: (log.lines / cpuMs) * 1000 };
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
  const progress = { path: join(dir, 'progress.log'), ...writeLog(join(dir, 'progress.log'), PROGRESS_MIX, LINES) };
  const kv = { path: join(dir, 'kv.log'), ...writeKvStepLog(join(dir, 'kv.log'), LINES) };
  const grepOf = (log: WrittenLog & { path: string }) => () => {
    const baseline = grep(log.path);
    return { ...baseline, linesPerSecond: (log.lines / baseline.ms) * 1000 };
  };
  // in-process: lines as grep counts them, per second of the parse and of the bare split
  const inProcess = (log: WrittenLog & { path: string }) => () => {
    const measured = parse(ROOT, log.path);
    return { ...measured, linesPerSecond: (log.lines / measured.ms) * 1000, bareLinesPerSecond: (log.lines / measured.bareMs) * 1000 };
  };
  const runs = await interleave(bench.options.runs, {
    progressGrep: grepOf(progress),
    progressCommand: () => metricsCommand(progress),
    kvGrep: grepOf(kv),
    kvCommand: () => metricsCommand(kv),
    progressInProcess: inProcess(progress),
    kvInProcess: inProcess(kv),
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
      label: '`sweeptop metrics --json`, progress-bar mix: lines per second',
      unit: 'lines/s',
      values: pick(runs.progressCommand, 'linesPerSecond'),
      baseline: { label: '`grep -c .`', values: pick(runs.progressGrep, 'linesPerSecond') },
      goal: { of: 'value', op: '≥', limit: 300_000 },
    },
    {
      label: '`sweeptop metrics --json`, `key=value` lines: lines per second',
      unit: 'lines/s',
      values: pick(runs.kvCommand, 'linesPerSecond'),
      baseline: { label: '`grep -c .`', values: pick(runs.kvGrep, 'linesPerSecond') },
      goal: { of: 'value', op: '≥', limit: 2_000_000 },
    },
    {
      label: '`sweeptop metrics --json`, progress-bar mix: lines per CPU-second',
      unit: 'lines/s',
      values: pick(runs.progressCommand, 'linesPerCpuSecond'),
    },
    {
      label: '`sweeptop metrics --json`, `key=value` lines: lines per CPU-second',
      unit: 'lines/s',
      values: pick(runs.kvCommand, 'linesPerCpuSecond'),
    },
    {
      label: '`sweeptop metrics --json`, progress-bar mix: peak resident memory',
      unit: 'MiB',
      values: pick(runs.progressCommand, 'peakMiB'),
    },
    {
      label: '`sweeptop metrics --json`, `key=value` lines: peak resident memory',
      unit: 'MiB',
      values: pick(runs.kvCommand, 'peakMiB'),
    },
    {
      label: 'in-process parse, progress-bar mix: lines per second',
      unit: 'lines/s',
      values: pick(runs.progressInProcess, 'linesPerSecond'),
      baseline: { label: 'bare line split', values: pick(runs.progressInProcess, 'bareLinesPerSecond') },
    },
    {
      label: 'in-process parse, `key=value` lines: lines per second',
      unit: 'lines/s',
      values: pick(runs.kvInProcess, 'linesPerSecond'),
      baseline: { label: 'bare line split', values: pick(runs.kvInProcess, 'bareLinesPerSecond') },
    },
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
      `The progress-bar mix: ${progress.lines.toLocaleString('en')} lines (${(progress.bytes / 1e6).toFixed(1)} MB, ` +
      `${(progress.segments / progress.lines).toFixed(1)} redraws and ${Math.round(progress.bytes / progress.lines)} bytes a line) ` +
      `of ${Object.keys(PROGRESS_MIX).join(', ')} runs of the fixtures' trainer (weights ${Object.values(PROGRESS_MIX).join(':')}); ` +
      `the \`key=value\` log: ${kv.lines.toLocaleString('en')} lines (${(kv.bytes / 1e6).toFixed(1)} MB) of a per-step training loop's ` +
      `\`step=N loss=… lr=… grad_norm=…\`, a step of its own on every line. ` +
      `\`sweeptop metrics LOG --json\` (the built command, printing ${found(runs.progressCommand)} and ${found(runs.kvCommand)} points: ` +
      `the progress-bar mix holds many runs of the same steps, and the command keeps the last value of each metric and step; ` +
      `the \`key=value\` log's ${KV_METRICS_PER_LINE} metrics a line are all points; its CPU time read from /proc, its peak ` +
      "resident memory (maxRSS) reported by the process at exit) and `grep -c .` take turns on each; the in-process parse is timed like the template mix's below, " +
      'and after it, in the same process, a bare loop that cuts the same bytes at every `\\n` and `\\r` and decodes each piece. ' +
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
