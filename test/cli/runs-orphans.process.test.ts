import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { detachedSweepsPerTest } from '../helpers/detached-sweeps.js';
import { waitFor } from '../helpers/sweep.js';
import { readStat } from '../../src/plugin-api/proc.js';
import { runFiles, trialPaths } from '../../src/engine/state/layout.js';
import { leftoverProcesses } from '../../src/engine/state/leftover-processes.js';

const { env, controllers, startDetached } = detachedSweepsPerTest();
const FOLD_RUN = resolve('fixtures/fold-run.mjs');

// fold 1 hangs: trial 0 is in flight, on its second run, for as long as the test needs
const SWEEP = `name: orphans
command: node ${FOLD_RUN} --lr {lr} --fold {fold} --epochs 3 --epoch-ms 50 --hang-fold 1
parameters:
  lr: {type: categorical, values: [0.1]}
sampler: grid
folds: 3
grace: 2s
metric: {name: val_acc, goal: maximize}
`;

interface StatusRun {
  key: string;
  state: string;
}

async function poll(check: () => Promise<boolean>, ms: number, message: string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The pid run `index` of trial 0 was launched with (its launch.json, on disk before it started). */
function runPid(dir: string, index: number): number {
  return JSON.parse(readFileSync(runFiles(trialPaths(dir, 0), index).launch, 'utf8')).pid as number;
}

async function statusOf(dir: string): Promise<{ trials: Array<{ state: string; runs: StatusRun[] }> }> {
  const status = await runCli(['status', dir, '--json'], { env });
  expect(status.stderr).toBe('');
  return JSON.parse(status.stdout);
}

/** A detached sweep whose trial 0 runs fold 1 (hanging) after fold 0 completed; its controller's pid. */
async function sweepInFold1(): Promise<{ dir: string; controller: number }> {
  const { dir, controller } = await startDetached(SWEEP);
  await poll(
    async () => {
      const runs = (await statusOf(dir)).trials[0]?.runs ?? [];
      return runs[0]?.state === 'completed' && runs[1]?.state === 'running' && existsSync(runFiles(trialPaths(dir, 0), 1).launch);
    },
    30_000,
    'fold 0 completed, fold 1 running',
  );
  return { dir, controller };
}

async function killController(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  await waitFor(() => readStat(pid) === undefined || readStat(pid)!.state === 'Z', 5000);
}

describe('a run trial whose controller is gone', () => {
  it('status judges it by its runs: still running while a run process runs', async () => {
    const { dir, controller } = await sweepInFold1();
    await killController(controller);
    const trial = (await statusOf(dir)).trials[0];
    expect(trial.state).toBe('running');
    expect(trial.runs.map((r) => `${r.key} ${r.state}`)).toEqual(['fold 0 completed', 'fold 1 running', 'fold 2 queued']);
    const text = await runCli(['status', dir], { env });
    expect(text.stdout).not.toMatch(/lost|vanished/);
    // what `stop` checks before it says the sweep is stopped: the run's process, left running
    expect((await leftoverProcesses(dir)).map((p) => p.pid)).toContain(runPid(dir, 1));
  });

  it('a run found paused when resume adopts it pauses its trial too', async () => {
    const { dir, controller } = await sweepInFold1();
    await killController(controller);
    // its process group stopped while no controller ran (as `pause` does)
    process.kill(-runPid(dir, 1), 'SIGSTOP');
    const resumed = await runCli(['resume', dir, '--detach'], { env });
    expect([resumed.code, resumed.stderr]).toEqual([0, '']);
    controllers.push(JSON.parse(readFileSync(join(dir, 'controller.lock'), 'utf8')).pid as number);
    await poll(async () => (await statusOf(dir)).trials[0].runs[1].state === 'paused', 20_000, 'the run adopted paused');
    await poll(async () => (await statusOf(dir)).trials[0].state === 'paused', 5000, 'its trial paused');
  });
});
