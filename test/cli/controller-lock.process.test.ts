/**
 * The controller lock from the command line: two `resume`s racing for one dead sweep, and a lock
 * held on another host (a shared filesystem, Slurm login nodes), which is never judged by this
 * machine's pids.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readStat } from '../../src/plugin-api/proc.js';
import { runCli, startCli, type RunningCli } from '../helpers/cli.js';
import { TRAINER, waitFor } from '../helpers/sweep.js';
import { killHard, lockPid, processRecorded, useSweepFolder } from '../helpers/sweep-folder.js';

const folder = useSweepFolder();
const started: RunningCli[] = [];
// before the folder's own clean-up (after-hooks run last first): its `stop` must find no lock of another host
afterEach(() => {
  for (const cli of started.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  const lock = join(folder.temp.path, 'out', 'controller.lock');
  if (existsSync(lock) && JSON.parse(readFileSync(lock, 'utf8')).host !== hostname()) rmSync(lock);
});

/** A sweep whose controller was killed (kill -9) while its trials ran: its lock is left behind. */
async function deadSweep(): Promise<string> {
  folder.temp.file(
    'sweep.yaml',
    `name: race
command: node ${TRAINER} --lr {lr} --epochs 100000 --epoch-ms 100
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: 2
parallel: 2
grace: 1s
metric: {name: val_loss, goal: minimize}
`,
  );
  const run = await runCli(['run', 'sweep.yaml', '--detach', '--dir', 'out'], { cwd: folder.temp.path, env: folder.env });
  expect([run.code, run.stderr]).toEqual([0, '']);
  const dir = run.stdout.trim();
  await waitFor(() => ['0', '1'].every((id) => processRecorded(join(dir, 'trials', id))), 15_000, 'both trials launched');
  await killHard(lockPid(dir));
  return dir;
}

const BARRIER = resolve('test/helpers/lock-barrier.mjs');

describe('two resumes started at the same instant on one dead sweep', () => {
  it('exactly one takes the sweep, every time, even when both reach the lock together; the other is refused', async () => {
    const dir = await deadSweep();
    for (let round = 0; round < 10; round++) {
      // both are held just before they take the lock until both are there: the worst interleaving
      const barrier = join(folder.temp.path, `barrier-${round}`);
      mkdirSync(barrier);
      const racing = { ...folder.env, LOCK_BARRIER_DIR: barrier, NODE_OPTIONS: `--import ${BARRIER}` };
      const pair = [startCli(['resume', dir, '--headless'], { env: racing }), startCli(['resume', dir, '--headless'], { env: racing })];
      started.push(...pair);
      // the loser is refused as soon as it meets the winner's lock
      const bothRunning = new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000).unref());
      const first = await Promise.race([...pair.map((cli, index) => cli.result.then((result) => ({ index, result }))), bothRunning]);
      expect(first, `round ${round}: both resumes took the sweep`).not.toBeNull();
      const winner = pair[1 - first!.index];
      expect(first!.result.code, `round ${round}: ${first!.result.stderr}`).toBe(2);
      expect(first!.result.stderr).toMatch(new RegExp(`^sweeptop: ${dir} is run by a live controller \\(pid ${winner.child.pid}\\)`));
      // the winner holds the lock and goes on running the sweep
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(winner.child.exitCode, `round ${round}: ${winner.stderr()}`).toBeNull();
      expect(lockPid(dir)).toBe(winner.child.pid);
      // dead again for the next round
      winner.child.kill('SIGKILL');
      await winner.result;
    }
  }, 180_000);
});

describe('a lock held on another host', () => {
  it("is reported as running there, not judged by this machine's pids, and resume refuses it", async () => {
    const dir = await deadSweep();
    // a pid no process has here: judged locally, the sweep would look dead
    writeFileSync(join(dir, 'controller.lock'), JSON.stringify({ pid: 2 ** 22 + 7, startTime: 1, host: 'login-node-2' }));
    const status = await runCli(['status', dir], { env: folder.env });
    expect(status.stdout.split('\n')[0]).toBe(`race  (running on host login-node-2 (cannot be checked from here))  ${dir}`);
    expect(JSON.parse((await runCli(['status', dir, '--json'], { env: folder.env })).stdout).state).toBe('running');
    const ls = await runCli(['ls'], { env: folder.env });
    expect(ls.stdout).toMatch(new RegExp(`elsewhere +race .*${dir} +running on host login-node-2 \\(cannot be checked from here\\)`));
    const resume = await runCli(['resume', dir, '--headless'], { env: folder.env });
    expect(resume.code).toBe(2);
    expect(resume.stderr).toMatch(
      new RegExp(
        `^sweeptop: ${dir} is run by a controller on host login-node-2 \\(cannot be checked from here; its lock was refreshed \\d+ s ago\\); ` +
          'resume it on login-node-2, which can check it, or here once its lock has not been refreshed for 5 minutes\n$',
      ),
    );
    // the same holds for a pid that does run here: another host's pid is another process
    writeFileSync(
      join(dir, 'controller.lock'),
      JSON.stringify({ pid: process.pid, startTime: readStat(process.pid)!.startTime, host: 'login-node-2' }),
    );
    expect((await runCli(['status', dir], { env: folder.env })).stdout.split('\n')[0]).toBe(
      `race  (running on host login-node-2 (cannot be checked from here))  ${dir}`,
    );
    expect((await runCli(['stop', dir], { env: folder.env })).stderr).toMatch(
      new RegExp(`^sweeptop: ${dir} is run by a controller on host login-node-2 `),
    );
    const attach = await runCli(['attach', dir], { env: folder.env });
    expect(attach.stderr).toBe(`sweeptop: ${dir} is run by a controller on host login-node-2; attach from there\n`);
  }, 60_000);

  it('counts as stale once not refreshed for 5 minutes: resume takes the sweep over and says so', async () => {
    const dir = await deadSweep();
    const lock = join(dir, 'controller.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, startTime: readStat(process.pid)!.startTime, host: 'login-node-2' }));
    const longAgo = new Date(Date.now() - 6 * 60_000);
    utimesSync(lock, longAgo, longAgo);
    const status = await runCli(['status', dir], { env: folder.env });
    expect(status.stdout.split('\n')[0]).toBe(`race  (stopped)  ${dir}`);
    expect(status.stderr).toBe(
      'sweeptop: the controller on host login-node-2 has not refreshed its lock for 6 minutes; taken to be gone\n',
    );
    const resume = startCli(['resume', dir, '--headless'], { env: folder.env });
    started.push(resume);
    await waitFor(() => existsSync(lock) && lockPid(dir) === resume.child.pid, 15_000, 'the lock taken over');
    expect(resume.stderr()).toMatch(
      /^sweeptop: the controller on host login-node-2 has not refreshed its lock for 6 minutes; taken to be gone\n/,
    );
  }, 60_000);
});
