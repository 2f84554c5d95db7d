/**
 * Slurm executor benchmark, against the single-node test cluster that test/cluster/slurm-up.sh
 * brings up here (root, Debian's slurmctld/slurmd/munge installed); without them its block says
 * why it did not run. In each run, in turn:
 *   - baseline: bare `sbatch --hold --wrap true`, 4 at a time (the executor's own concurrency);
 *   - sweeptop: a 200-trial sweep of one-second jobs on a 16-slot node, poll interval 1 s, twice:
 *     at parallel 200 (a burst: all submitted at once, most wait in Slurm's queue) and at parallel
 *     32 (steady). Measured: submissions/s in the burst, scheduler calls per minute, and time from
 *     job end (its exit_code file's mtime) to trial finished.
 *
 *   npx tsx bench/slurm.ts           200 trials
 *   npx tsx bench/slurm.ts --quick   60 trials
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SlurmExecutor } from '../plugins/executors/slurm/slurm-executor.js';
import { parseSweepText } from '../src/engine/config/load.js';
import { resolveSweep } from '../src/engine/config/resolve.js';
import { Sweep } from '../src/engine/sweep/sweep.js';
import { slurmMissing, startSlurm } from '../test/cluster/slurm-cluster.js';
import { interleave, pick } from './lib/interleave.js';
import { Bench } from './lib/record.js';
import { percentile } from './lib/stats.js';

const run = promisify(execFile);
const bench = new Bench('slurm');
const quick = bench.options.quick;
const TRIALS = quick ? 60 : 200;
const BASELINE_JOBS = quick ? 20 : 50;
const POLL_S = 1;
const SLOTS = 16;
/** Twice the slots: Slurm always has jobs waiting, sweeptop is never the bottleneck. */
const STEADY_PARALLEL = 2 * SLOTS;

async function bareSbatch(count: number, atOnce: number): Promise<{ submissionsPerSecond: number }> {
  const ids: string[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next++ < count) ids.push((await run('sbatch', ['--parsable', '--hold', '--wrap', 'true'])).stdout.trim());
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  const seconds = (performance.now() - started) / 1000;
  await run('scancel', ids);
  return { submissionsPerSecond: count / seconds };
}

async function sweepThroughSlurm(temp: string, parallel: number) {
  // a job that waits a second, prints its metric and exits: the figures are Slurm's and sweeptop's
  const yaml = `command: sh -c "sleep 1 && echo val_loss=$0" {lr}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: ${TRIALS}
parallel: ${parallel}
metric: {name: val_loss, goal: minimize}
executor: {type: slurm, poll_interval: ${POLL_S}s}
`;
  const path = join(temp, `sweep-${parallel}.yaml`);
  writeFileSync(path, yaml);
  const resolved = await resolveSweep(parseSweepText('sweep.yaml', path, yaml), yaml);
  const dir = mkdtempSync(join(temp, `out-${parallel}-`));
  const sweep = new Sweep({
    resolved,
    dir,
    reproducibility: { sweeptopVersion: 'bench', node: process.version, host: '', user: '', cwd: temp, command: [], git: null },
  });
  const submitted = new Set<number>();
  let allSubmittedAt = 0;
  const lagsMs: number[] = [];
  sweep.on('trial:updated', ({ trial }) => {
    if (submitted.has(trial.id) || !sweep.entries.get(trial.id)?.handle?.jobId) return;
    submitted.add(trial.id);
    if (submitted.size === TRIALS) allSubmittedAt = performance.now();
  });
  sweep.on('trial:ended', ({ trial }) => {
    lagsMs.push(Date.now() - statSync(join(trial.dir, 'exit_code')).mtimeMs);
  });
  const started = performance.now();
  sweep.start();
  const snapshot = await sweep.done;
  const seconds = (performance.now() - started) / 1000;
  const { calls } = (resolved.executor as SlurmExecutor).cli;
  return {
    submissionsPerSecond: TRIALS / ((allSubmittedAt - started) / 1000),
    squeuePerMinute: calls.squeue / (seconds / 60),
    lagP50: percentile(lagsMs, 50) / 1000,
    lagP95: percentile(lagsMs, 95) / 1000,
    notCompleted: TRIALS - snapshot.trials.filter((t) => t.state === 'completed').length,
  };
}

const missing = slurmMissing();
if (missing) {
  bench.notRun(missing);
  process.exit(0);
}
let cluster: Awaited<ReturnType<typeof startSlurm>>;
try {
  cluster = await startSlurm({ cpus: SLOTS, gpus: 0 });
} catch (error) {
  bench.notRun(`the test cluster did not start: ${(error as Error).message.split('\n')[0]}`);
  process.exit(0);
}
const temp = mkdtempSync(join(tmpdir(), 'sweeptop-bench-slurm-'));
try {
  // slurmctld schedules nothing in its first seconds: let that pass before timing anything
  await new Promise((r) => setTimeout(r, 3000));
  const runs = await interleave(bench.options.runs, {
    bare: () => bareSbatch(BASELINE_JOBS, 4),
    burst: () => sweepThroughSlurm(temp, TRIALS),
    steady: () => sweepThroughSlurm(temp, STEADY_PARALLEL),
  });
  const notCompleted = [...runs.burst, ...runs.steady].reduce((sum, r) => sum + r.notCompleted, 0);
  const squeueGoal = { of: 'value', op: '≤', limit: 60 / POLL_S } as const;
  const lagGoal = { of: 'value', op: '<', limit: 2 * POLL_S } as const;
  bench.finish({
    method:
      `One run: ${BASELINE_JOBS} held jobs by bare \`sbatch\`, 4 at a time; then ${TRIALS} trials of one-second jobs (\`sleep 1; echo val_loss=…\`) ` +
      `on ${SLOTS} Slurm slots with a poll interval of ${POLL_S} s, at parallel ${TRIALS} (burst) and at parallel ${STEADY_PARALLEL} (steady). ` +
      'They take turns, run by run.',
    figures: [
      {
        label: `burst: submissions (all ${TRIALS} at once)`,
        unit: '/s',
        values: pick(runs.burst, 'submissionsPerSecond'),
        baseline: { label: 'bare `sbatch`', values: pick(runs.bare, 'submissionsPerSecond') },
      },
      { label: 'burst: `squeue` calls', unit: '/min', values: pick(runs.burst, 'squeuePerMinute'), goal: squeueGoal },
      { label: `steady: \`squeue\` calls`, unit: '/min', values: pick(runs.steady, 'squeuePerMinute'), goal: squeueGoal },
      { label: 'burst: job end → trial finished, p50', unit: 's', values: pick(runs.burst, 'lagP50') },
      { label: 'burst: job end → trial finished, p95', unit: 's', values: pick(runs.burst, 'lagP95'), goal: lagGoal },
      { label: 'steady: job end → trial finished, p50', unit: 's', values: pick(runs.steady, 'lagP50') },
      { label: 'steady: job end → trial finished, p95', unit: 's', values: pick(runs.steady, 'lagP95'), goal: lagGoal },
    ],
    notes: [notCompleted ? `${notCompleted} trials did not complete.` : 'Every trial of every run completed.'],
  });
} finally {
  await cluster.stop();
  rmSync(temp, { recursive: true, force: true });
}
