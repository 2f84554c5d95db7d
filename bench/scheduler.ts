/**
 * Scheduler overhead: sweeps of no-op trials at parallel 8, with persistence on, against
 * a bare child_process.spawn loop doing the same spawns 8 at a time — the floor for any scheduler
 * of processes on this machine. Two sizes:
 *   - 1,000 trials in this process: wall time and trials/s, the rate judged as a ratio to the loop's;
 *   - 10,000 trials, each arm in a child process of its own: peak RSS (the child's VmHWM), trials/s
 *     and the size of sweep.json at the end.
 * All four arms take turns, run by run. `--quick` runs 200 and 2,000 trials; `--big-trials N`
 * sizes the big run (the memory goal is set for 10,000: it is judged only at that size), for a
 * machine too busy to spawn 10,000 processes per arm and run in reasonable time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSweepText } from '../src/engine/config/load.js';
import { resolveSweep } from '../src/engine/config/resolve.js';
import { Sweep } from '../src/engine/sweep/sweep.js';
import { interleave, pick, type Measures } from './lib/interleave.js';
import { numberOption } from './lib/options.js';
import { Bench } from './lib/record.js';

const PARALLEL = 8;
/**
 * The no-op trial: a tiny binary, as `true` is, that prints the objective — a sweep of trials that
 * never report it is stopped after a few by the rule that catches a misnamed metric.
 */
const NO_OP = ['echo', 'loss=0.5'];

/** Runs `trials` no-op trials through a real Sweep; returns its wall time and sweep.json's size. */
async function sweepOfNoOps(trials: number): Promise<{ seconds: number; trialsPerSecond: number; sweepJsonMb: number }> {
  const temp = mkdtempSync(join(tmpdir(), 'sweeptop-bench-'));
  try {
    const yaml = `command: ${NO_OP.join(' ')}\nparameters:\n  x: {type: uniform, low: 0, high: 1}\ntrials: ${trials}\nparallel: ${PARALLEL}\nmetric: loss\n`;
    const path = join(temp, 'sweep.yaml');
    writeFileSync(path, yaml);
    const resolved = await resolveSweep(parseSweepText('sweep.yaml', path, yaml), yaml);
    const dir = join(temp, 'out');
    mkdirSync(dir);
    const sweep = new Sweep({
      resolved,
      dir,
      reproducibility: { sweeptopVersion: 'bench', node: process.version, host: '', user: '', cwd: temp, command: [], git: null },
    });
    const started = performance.now();
    sweep.start();
    await sweep.done;
    const seconds = (performance.now() - started) / 1000;
    // a sweep that stopped early would be timed as a fast one
    const completed = sweep.snapshot().trials.filter((t) => t.state === 'completed').length;
    if (completed !== trials)
      throw new Error(`the sweep completed ${completed} of ${trials} trials: ${sweep.snapshot().stopReason ?? 'no stop reason'}`);
    return { seconds, trialsPerSecond: trials / seconds, sweepJsonMb: statSync(join(dir, 'sweep.json')).size / 1e6 };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The baseline: `trials` spawns of the no-op trial, `PARALLEL` at a time, nothing else. */
async function bareSpawnLoop(trials: number): Promise<{ seconds: number; trialsPerSecond: number }> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    for (; next < trials; next++) {
      await new Promise<void>((resolve) => spawn(NO_OP[0]!, NO_OP.slice(1), { stdio: 'ignore' }).on('close', () => resolve()));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { seconds, trialsPerSecond: trials / seconds };
}

/** The largest resident set this process has had (VmHWM): what the sweep costs in memory. */
function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** One arm of the big run in a fresh process, so that its peak RSS is its own. */
function inChild(arm: 'sweep' | 'bare', trials: number): Measures {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', arm, String(trials)], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`scheduler child (${arm}) failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
}

if (process.argv[2] === '--child') {
  const trials = Number(process.argv[4]);
  const measured = process.argv[3] === 'sweep' ? await sweepOfNoOps(trials) : await bareSpawnLoop(trials);
  console.log(JSON.stringify({ ...measured, peakRssMb: peakRssMb() }));
  process.exit(0);
}

const bench = new Bench('scheduler');
const SMALL = bench.options.quick ? 200 : 1_000;
/** The size the memory goal is written for. */
const GOAL_TRIALS = 10_000;
const BIG = numberOption(process.argv, '--big-trials') ?? (bench.options.quick ? 2_000 : GOAL_TRIALS);
const runs = await interleave(bench.options.runs, {
  bare: () => bareSpawnLoop(SMALL),
  sweep: () => sweepOfNoOps(SMALL),
  bareBig: () => inChild('bare', BIG),
  sweepBig: () => inChild('sweep', BIG),
});

const bareLoop = '`spawn` loop';
bench.finish({
  method:
    `One run: ${SMALL} no-op trials in this process, then ${BIG.toLocaleString('en')} in a child process of their own, ` +
    `each through sweeptop and through a bare \`child_process.spawn\` loop, parallel ${PARALLEL}; the four take turns, run by run.`,
  figures: [
    {
      label: `${SMALL.toLocaleString('en')} no-op trials: wall time`,
      unit: 's',
      values: pick(runs.sweep, 'seconds'),
      baseline: { label: bareLoop, values: pick(runs.bare, 'seconds') },
    },
    {
      // a ratio, not trials/s: a loaded machine's spawn rate moves several fold from hour to hour
      label: `${SMALL.toLocaleString('en')} no-op trials: rate`,
      unit: 'trials/s',
      values: pick(runs.sweep, 'trialsPerSecond'),
      baseline: { label: bareLoop, values: pick(runs.bare, 'trialsPerSecond') },
      goal: { of: 'ratio', op: '≥', limit: 0.5 },
    },
    {
      label: `${BIG.toLocaleString('en')} no-op trials: peak RSS`,
      unit: 'MB',
      values: pick(runs.sweepBig, 'peakRssMb'),
      baseline: { label: bareLoop, values: pick(runs.bareBig, 'peakRssMb') },
      goal: BIG === GOAL_TRIALS ? { of: 'value', op: '<', limit: 200 } : undefined,
    },
    {
      label: `${BIG.toLocaleString('en')} no-op trials: rate`,
      unit: 'trials/s',
      values: pick(runs.sweepBig, 'trialsPerSecond'),
      baseline: { label: bareLoop, values: pick(runs.bareBig, 'trialsPerSecond') },
    },
    { label: `${BIG.toLocaleString('en')} no-op trials: size of sweep.json`, unit: 'MB', values: pick(runs.sweepBig, 'sweepJsonMb') },
  ],
});
