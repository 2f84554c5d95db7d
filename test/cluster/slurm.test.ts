/**
 * The Slurm executor against a real single-node cluster (munged, slurmctld, slurmd) brought up
 * by test/cluster/slurm-up.sh for this file, with 4 CPUs and 2 fake GPUs. Skipped, saying why,
 * where Slurm is not installed; under CI it must be.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slurmExecutor } from '../../plugins/executors/slurm.js';
import type { SlurmExecutor } from '../../plugins/executors/slurm/slurm-executor.js';
import { readMetricLog } from '../../src/engine/state/metric-log.js';
import { openStoredSweep } from '../../src/engine/sweep/open-stored.js';
import type { Sweep } from '../../src/engine/sweep/sweep.js';
import { readStat } from '../../src/plugin-api/proc.js';
import { describeExecutorContract } from '../../src/testing/executor-contract.js';
import { slurmMissing, startSlurm, type SlurmCluster } from './slurm-cluster.js';
import { stopTrackedSweeps, track } from '../helpers/cleanup.js';
import { makeSweep, runToEnd, TempDir, TRAINER, waitFor, withTimeout } from '../helpers/sweep.js';
import { ChildController } from './controller.js';

const missing = slurmMissing();
let cluster: SlurmCluster | undefined;
let temp: TempDir;

beforeAll(async () => {
  if (!missing) cluster = await startSlurm({ cpus: 4, gpus: 2 });
}, 90_000);
afterAll(async () => {
  await cluster?.stop();
}, 90_000);
beforeEach(() => {
  temp = new TempDir();
});
afterEach(async () => {
  await stopTrackedSweeps();
  temp.remove();
});

const sweepFile = (command: string, extra: string) => `command: node ${TRAINER} --lr {lr} ${command}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
sampler: random
seed: 5
metric: {name: val_loss, goal: minimize}
grace: 3s
${extra}`;

const calls = (sweep: Sweep) => (sweep.resolved.executor as SlurmExecutor).cli.calls;
const jobIdOf = (sweep: Sweep, trialId: number) => String(sweep.entries.get(trialId)?.handle?.jobId);

/** The processes of a running job, as slurmd tracks them. */
function jobPids(jobId: string): number[] {
  const out = execFileSync('scontrol', ['listpids', jobId], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(1)
    .map((line) => Number(line.trim().split(/\s+/)[0]))
    .filter((pid) => pid > 0);
}
const states = (pids: number[]) => pids.map((pid) => readStat(pid)?.state ?? 'gone');

describe.skipIf(missing)(missing ? `Slurm executor — skipped: ${missing}` : 'Slurm executor on a real cluster', () => {
  it('runs a 12-trial sweep to the end with every metric, one squeue per poll interval, and Slurm’s reasons while queued', async () => {
    const sweep = await makeSweep(
      temp,
      sweepFile(
        '--epochs 4 --epoch-ms 60 --print-env',
        `trials: 12
parallel: 4
executor: {type: slurm, gres: "gpu:1", poll_interval: 300ms}`,
      ),
    );
    const reasons = new Set<string>();
    sweep.on('trial:updated', ({ trial }) => {
      if (trial.state === 'pending' && trial.pendingReason) reasons.add(trial.pendingReason);
    });
    const started = Date.now();
    const snapshot = await runToEnd(sweep, 120_000);
    const elapsedMs = Date.now() - started;
    expect(snapshot.trials.map((t) => t.state)).toEqual(Array(12).fill('completed'));
    for (const trial of snapshot.trials) {
      const points = await readMetricLog(join(trial.dir, 'metrics.jsonl'));
      expect(points.filter((p) => p.name === 'val_loss').map((p) => p.step)).toEqual([0, 1, 2, 3]);
      // Slurm chose the GPU: the job saw one of the two, and recorded which
      const gpu = /^env CUDA_VISIBLE_DEVICES=(\d)$/m.exec(readFileSync(join(trial.dir, 'stderr.log'), 'utf8'))?.[1];
      expect(['0', '1']).toContain(gpu);
      expect(readFileSync(join(trial.dir, 'slurm_env'), 'utf8')).toContain(`SLURM_JOB_GPUS=${gpu}\n`);
    }
    // 2 GPUs for 4 trials at once: two wait in Slurm's queue, for Resources (or behind them, Priority)
    expect([...reasons].filter((r) => r === 'Resources' || r === 'Priority')).not.toHaveLength(0);
    const { sbatch, squeue } = calls(sweep);
    expect(sbatch).toBe(12);
    expect(squeue).toBeLessThanOrEqual(Math.ceil(elapsedMs / 300) + 1);
  }, 120_000);

  it('pauses a job (every process of it in state T), resumes it, and kills it', async () => {
    const sweep = await makeSweep(
      temp,
      sweepFile(
        '--epochs 300 --epoch-ms 100 --spawn-child',
        `trials: 1
executor: {type: slurm, poll_interval: 300ms}`,
      ),
    );
    let metrics = 0;
    sweep.on('trial:metric', () => metrics++);
    sweep.start();
    await waitFor(() => sweep.entries.get(0)?.state === 'running' && metrics > 0, 30_000, 'the job to run and print');
    const pids = jobPids(jobIdOf(sweep, 0));
    expect(pids.length).toBeGreaterThanOrEqual(3); // wrapper, trainer, its heartbeat child

    expect(await sweep.execute({ type: 'pause', trialId: 0 }, 'test')).toEqual({ ok: true });
    await waitFor(() => states(pids).every((s) => s === 'T'), 10_000, 'every process of the job stopped');
    await new Promise((r) => setTimeout(r, 500)); // lines printed just before the stop are still read
    const frozen = metrics;
    await new Promise((r) => setTimeout(r, 800));
    expect(metrics).toBe(frozen);

    expect(await sweep.execute({ type: 'resume', trialId: 0 }, 'test')).toEqual({ ok: true });
    await waitFor(() => states(pids).every((s) => s !== 'T'), 10_000, 'every process of the job continued');
    await waitFor(() => metrics > frozen, 10_000, 'metrics again');

    const killedAt = Date.now();
    expect(await sweep.execute({ type: 'kill', trialId: 0 }, 'test')).toEqual({ ok: true });
    const snapshot = await withTimeout(sweep.done, 20_000, 'sweep did not end after the kill');
    expect(snapshot.trials[0].state).toBe('killed');
    expect(Date.now() - killedAt).toBeLessThan(3_000 + 1_000);
    // Slurm ends whatever the job left behind once its script is over
    await waitFor(() => states(pids).every((s) => s === 'gone' || s === 'Z'), 5_000, `the job's processes gone: ${states(pids)}`);
  }, 60_000);

  it('enforces the trial timeout itself, to the second', async () => {
    const sweep = await makeSweep(
      temp,
      sweepFile(
        '--epochs 1 --epoch-ms 10 --hang',
        `trials: 1
timeout: 2s
executor: {type: slurm, poll_interval: 300ms}`,
      ),
    );
    const snapshot = await runToEnd(sweep, 30_000);
    expect(snapshot.trials[0].state).toBe('timed_out');
    // time in Slurm's queue does not count; the end is seen within a poll or two of SIGTERM
    expect(snapshot.trials[0].runtimeMs).toBeGreaterThanOrEqual(2_000);
    expect(snapshot.trials[0].runtimeMs).toBeLessThan(2_000 + 1_500);
  }, 40_000);

  it('shows a bad partition with Slurm’s message and stops submitting instead of looping', async () => {
    const sweep = await makeSweep(
      temp,
      sweepFile(
        '--epochs 1 --epoch-ms 10',
        `trials: 10
parallel: 2
executor: {type: slurm, partition: nosuch}`,
      ),
    );
    const snapshot = await runToEnd(sweep, 30_000);
    expect(calls(sweep).sbatch).toBeLessThanOrEqual(4);
    const failed = snapshot.trials.filter((t) => t.state === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(readFileSync(join(failed[0].dir, 'stderr.log'), 'utf8')).toMatch(/sweeptop: sbatch: invalid partition specified: nosuch/);
    expect(snapshot.stopReason).toMatch(/crash loop|stopped submitting/);
    expect(snapshot.trials.filter((t) => t.state === 'completed')).toHaveLength(0);
  }, 40_000);

  it('re-adopts its jobs after the controller is killed with SIGKILL, without submitting them again', async () => {
    const file = temp.file(
      'sweep.yaml',
      sweepFile(
        '--epochs 25 --epoch-ms 200',
        `trials: 4
parallel: 4
cwd: ${temp.path}
executor: {type: slurm, poll_interval: 300ms}`,
      ),
    );
    const dir = join(temp.path, 'out');
    const controller = new ChildController(file, dir);
    try {
      await waitFor(
        () => {
          const trials = controller.document()?.trials ?? [];
          return trials.length === 4 && trials.every((t) => t.state === 'running' && t.handle?.jobId);
        },
        30_000,
        `4 jobs running under the first controller\n${controller.log}`,
      );
    } finally {
      await controller.killHard();
    }
    const before = controller.document()!.trials.map((t) => String(t.handle!.jobId));
    const sweep = track(await openStoredSweep(dir));
    const snapshot = await runToEnd(sweep, 60_000);
    expect(snapshot.trials.map((t) => t.state)).toEqual(Array(4).fill('completed'));
    expect(snapshot.trials.map((t) => jobIdOf(sweep, t.id))).toEqual(before);
    expect(calls(sweep).sbatch).toBe(0);
    for (const trial of snapshot.trials) {
      const steps = (await readMetricLog(join(trial.dir, 'metrics.jsonl'))).filter((p) => p.name === 'val_loss').map((p) => p.step);
      expect(steps).toEqual([...Array(25).keys()]);
    }
  }, 90_000);
});

// The suite a user runs on their own executor (sweeptop/testing), on jobs of the real cluster.
describe.skipIf(missing)(missing ? `Slurm executor contract — skipped: ${missing}` : 'Slurm executor contract', () => {
  describeExecutorContract((context) => slurmExecutor.create({ poll_interval: '300ms' }, context), { name: 'slurm' });
});
