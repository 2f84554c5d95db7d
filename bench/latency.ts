/**
 * Metric latency: from a line written by a trial to the metric event in the engine, p50 and p99,
 * for a line on stdout and for a row appended to a tailed `logs:` file. The trial stamps each line
 * with the wall-clock time it wrote it (performance.timeOrigin + performance.now(), sub-millisecond,
 * comparable across processes). The baseline is the same measurement against a bare fs.watch + read
 * of a file another process appends to. The three take turns, run by run. `--quick` sends fewer lines.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, watch, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { parseSweepText } from '../src/engine/config/load.js';
import { resolveSweep } from '../src/engine/config/resolve.js';
import { Sweep } from '../src/engine/sweep/sweep.js';
import { interleave, pick } from './lib/interleave.js';
import { Bench } from './lib/record.js';
import { percentile } from './lib/stats.js';

const bench = new Bench('latency');
const SAMPLES = bench.options.quick ? 200 : 1000;
const INTERVAL_MS = 20;

const now = () => performance.timeOrigin + performance.now();

/** A trial that prints (or appends to `file`) `step=i sent_at=<ms>` every INTERVAL_MS. */
function writerScript(file: string | null): string {
  const write = file ? `require('fs').appendFileSync(${JSON.stringify(file)}, line)` : 'process.stdout.write(line)';
  return `let i = 0; ${file ? `require('fs').writeFileSync(${JSON.stringify(file)}, 'step,sent_at\\n');` : ''}
const t = setInterval(() => { const at = performance.timeOrigin + performance.now();
const line = ${file ? '`${i},${at}\\n`' : '`step=${i} sent_at=${at}\\n`'}; ${write}; if (++i >= ${SAMPLES}) { clearInterval(t); } }, ${INTERVAL_MS});`;
}

async function engineLatencies(kind: 'stdout' | 'file'): Promise<number[]> {
  const temp = mkdtempSync(join(tmpdir(), 'sweeptop-latency-'));
  const script = join(temp, 'writer.cjs');
  writeFileSync(
    script,
    writerScript(kind === 'file' ? '{trial_dir}/metrics.csv' : null).replaceAll('{trial_dir}', join(temp, 'out', 'trials', '0')),
  );
  const yaml = `command: [node, ${script}]\nparameters:\n  x: 1\ntrials: 1\nmetric: sent_at\n${kind === 'file' ? "logs: ['{trial.dir}/metrics.csv']\nparsers: []\n" : ''}`;
  const path = join(temp, 'sweep.yaml');
  writeFileSync(path, yaml);
  const resolved = await resolveSweep(parseSweepText('sweep.yaml', path, yaml), yaml);
  mkdirSync(join(temp, 'out'));
  const sweep = new Sweep({
    resolved,
    dir: join(temp, 'out'),
    reproducibility: { sweeptopVersion: 'bench', node: '', host: '', user: '', cwd: temp, command: [], git: null },
  });
  const latencies: number[] = [];
  sweep.on('trial:metric', (m) => {
    if (m.name === 'sent_at' && !m.provisional) latencies.push(now() - m.value);
  });
  sweep.start();
  await sweep.done;
  rmSync(temp, { recursive: true, force: true });
  return latencies;
}

/** The floor: a bare fs.watch + read on a file another process appends to. */
async function bareWatchLatencies(): Promise<number[]> {
  const temp = mkdtempSync(join(tmpdir(), 'sweeptop-latency-'));
  const file = join(temp, 'out.log');
  writeFileSync(file, '');
  const handle = await open(file, 'r');
  let offset = 0;
  let rest = '';
  const latencies: number[] = [];
  const read = async () => {
    const buffer = Buffer.alloc(65536);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      if (!bytesRead) break;
      offset += bytesRead;
      rest += buffer.subarray(0, bytesRead).toString();
      const lines = rest.split('\n');
      rest = lines.pop()!;
      for (const line of lines) latencies.push(now() - Number(/sent_at=([\d.]+)/.exec(line)![1]));
    }
  };
  // one read at a time, as any real follower must
  let chain = Promise.resolve();
  const watcher = watch(file, () => (chain = chain.then(read)));
  const fd = openSync(file, 'a');
  const child = spawn(process.execPath, ['-e', writerScript(null)], { stdio: ['ignore', fd, 'inherit'] });
  closeSync(fd);
  await new Promise((resolve) => child.on('close', resolve));
  await (chain = chain.then(read));
  watcher.close();
  await handle.close();
  rmSync(temp, { recursive: true, force: true });
  return latencies;
}

const summary = (latencies: number[]) => ({ p50: percentile(latencies, 50), p99: percentile(latencies, 99), lines: latencies.length });

const runs = await interleave(bench.options.runs, {
  bare: async () => summary(await bareWatchLatencies()),
  stdout: async () => summary(await engineLatencies('stdout')),
  file: async () => summary(await engineLatencies('file')),
});
const lost = [...runs.bare, ...runs.stdout, ...runs.file].filter((run) => run.lines !== SAMPLES).length;
const bareWatch = (key: 'p50' | 'p99') => ({ label: 'bare `fs.watch` + read', values: pick(runs.bare, key) });

bench.finish({
  method:
    `One run: a trial writes ${SAMPLES.toLocaleString('en')} lines, one every ${INTERVAL_MS} ms, each stamped with the time it was written; ` +
    "the latency of every line is taken where it arrives (two processes' clocks: a latency near zero can read slightly below it). " +
    'The bare watcher, stdout and the tailed file take turns, run by run.',
  figures: [
    { label: 'stdout line → metric event, p50', unit: 'ms', values: pick(runs.stdout, 'p50'), baseline: bareWatch('p50') },
    {
      label: 'stdout line → metric event, p99',
      unit: 'ms',
      values: pick(runs.stdout, 'p99'),
      baseline: bareWatch('p99'),
      goal: { of: 'value', op: '<', limit: 50 },
    },
    { label: '`logs:` file row → metric event, p50', unit: 'ms', values: pick(runs.file, 'p50'), baseline: bareWatch('p50') },
    {
      label: '`logs:` file row → metric event, p99',
      unit: 'ms',
      values: pick(runs.file, 'p99'),
      baseline: bareWatch('p99'),
      goal: { of: 'value', op: '<', limit: 300 },
    },
  ],
  notes: lost ? [`${lost} of the runs received fewer than ${SAMPLES} lines.`] : [],
});
