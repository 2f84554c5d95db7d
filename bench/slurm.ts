/**
 * Slurm executor benchmark (issue: beyond one machine), against the test cluster that
 * test/cluster/slurm-up.sh brings up here (root, Debian's slurmctld/slurmd/munge installed):
 *   - baseline: bare `sbatch --hold --wrap true`, 4 at a time (the executor's own concurrency);
 *   - sweeptop: a 200-trial sweep of short jobs on a 16-slot node, poll interval 1 s, twice: at
 *     parallel 200 (a burst: all submitted at once, most wait in Slurm's queue) and at parallel 32
 *     (steady). Printed: submissions/s in the burst (and the ratio to the baseline), scheduler
 *     calls per minute (goal: one squeue per poll interval, whatever the number of jobs), and
 *     time from job end (its exit_code file's mtime) to trial finished (goal: < 2 poll intervals).
 *
 *   npx tsx bench/slurm.ts           200 trials
 *   npx tsx bench/slurm.ts --quick   60 trials
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SlurmExecutor } from '../plugins/executors/slurm/slurm-executor.js';
import { parseSweepText } from '../src/engine/config/load.js';
import { resolveSweep } from '../src/engine/config/resolve.js';
import { Sweep } from '../src/engine/sweep/sweep.js';
import { slurmMissing, startSlurm } from '../test/cluster/slurm-cluster.js';

const run = promisify(execFile);
const quick = process.argv.includes('--quick');
const TRIALS = quick ? 60 : 200;
const BASELINE_JOBS = quick ? 20 : 50;
const POLL_S = 1;
const SLOTS = 16;
/** Twice the slots: Slurm always has jobs waiting, sweeptop is never the bottleneck. */
const STEADY_PARALLEL = 2 * SLOTS;

async function bareSbatch(count: number, atOnce: number): Promise<number> {
  const ids: string[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next++ < count) ids.push((await run('sbatch', ['--parsable', '--hold', '--wrap', 'true'])).stdout.trim());
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  const seconds = (performance.now() - started) / 1000;
  await run('scancel', ids);
  return count / seconds;
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
  const dir = join(temp, `out-${parallel}`);
  mkdirSync(dir);
  const sweep = new Sweep({ resolved, dir, reproducibility: { sweeptopVersion: 'bench', node: process.version, host: '', user: '', cwd: temp, command: [], git: null } });
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
  const { calls, busyMs } = (resolved.executor as SlurmExecutor).cli;
  return { seconds, submitSeconds: (allSubmittedAt - started) / 1000, calls, busyMs, lagsMs, completed: snapshot.trials.filter((t) => t.state === 'completed').length };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

const missing = slurmMissing();
if (missing) {
  console.log(`skipped: ${missing}`);
  process.exit(0);
}
const cluster = await startSlurm({ cpus: SLOTS, gpus: 0 });
const temp = mkdtempSync(join(tmpdir(), 'sweeptop-bench-slurm-'));
try {
  // slurmctld schedules nothing in its first seconds: let that pass before timing anything
  await new Promise((r) => setTimeout(r, 3000));
  const baseRate = await bareSbatch(BASELINE_JOBS, 4);
  const burst = await sweepThroughSlurm(temp, TRIALS);
  const steady = await sweepThroughSlurm(temp, STEADY_PARALLEL);
  const rate = TRIALS / burst.submitSeconds;
  console.log(`${TRIALS} one-second jobs (sleep 1; echo val_loss=…), ${SLOTS} Slurm slots, poll interval ${POLL_S} s`);
  console.log(`  bare sbatch         ${baseRate.toFixed(1).padStart(6)} submissions/s  (4 at a time, ${BASELINE_JOBS} held jobs)`);
  console.log(`  sweeptop, burst     ${rate.toFixed(1).padStart(6)} submissions/s  (parallel ${TRIALS}: all submitted in ${burst.submitSeconds.toFixed(1)} s; ${(baseRate / rate).toFixed(2)}× the bare sbatch time)`);
  for (const [name, result] of [['burst', burst], ['steady', steady]] as const) {
    const minutes = result.seconds / 60;
    console.log(`  ${name} (parallel ${name === 'burst' ? TRIALS : STEADY_PARALLEL})`);
    console.log(`    completed         ${result.completed}/${TRIALS} in ${result.seconds.toFixed(1)} s`);
    console.log(`    squeue            ${(result.calls.squeue / minutes).toFixed(1).padStart(6)} calls/min  (${result.calls.squeue} in all, ${(result.busyMs.squeue / result.calls.squeue).toFixed(0)} ms each; goal: ≤ ${60 / POLL_S}/min, one per poll interval whatever the number of jobs)`);
    console.log(`    scontrol, scancel ${result.calls.scontrol}, ${result.calls.scancel} calls in all`);
    console.log(`    job end → finished p50 ${(percentile(result.lagsMs, 50) / 1000).toFixed(2)} s, p95 ${(percentile(result.lagsMs, 95) / 1000).toFixed(2)} s, max ${(Math.max(...result.lagsMs) / 1000).toFixed(2)} s   goal: < ${2 * POLL_S} s (2 poll intervals)`);
  }
} finally {
  await cluster.stop();
  rmSync(temp, { recursive: true, force: true });
}
