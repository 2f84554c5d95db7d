/**
 * A trial's process is its pid AND its start time (and this boot): a pid named in launch.json
 * that now belongs to another process is never signalled, nor shown as the trial running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { killHard, lockPid, processRecorded, useSweepFolder } from '../helpers/sweep-folder.js';
import { TRAINER, waitFor } from '../helpers/sweep.js';
import { isAlive, readStat } from '../../src/plugin-api/proc.js';

const folder = useSweepFolder();
const strangers: ChildProcess[] = [];
afterEach(() => {
  for (const child of strangers.splice(0)) child.kill('SIGKILL');
});

const SWEEP = `name: identity
command: node ${TRAINER} --lr {lr} --epochs 20 --epoch-ms 100
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: 1
parallel: 1
grace: 1s
metric: {name: val_loss, goal: minimize}
`;

interface Launch {
  pid: number;
  handle: { pid: number; startTime: number | null; bootId?: string | null; token: string };
}

/**
 * A sweep whose controller died just after launching trial 0 (sweep.json not caught up), whose
 * trial then ended, and whose pid now belongs to an unrelated `sleep`: launch.json as sweeptop
 * wrote it, but for the pid, which `change` may alter further.
 */
async function pidTakenByStranger(
  change: (launch: Launch, stranger: number) => void = () => {},
): Promise<{ out: string; stranger: number }> {
  folder.temp.file('sweep.yaml', SWEEP);
  const { code, stdout, stderr } = await runCli(['run', 'sweep.yaml', '--detach', '--dir', 'out'], {
    cwd: folder.temp.path,
    env: folder.env,
  });
  expect([code, stderr]).toEqual([0, '']);
  const out = stdout.trim();
  const launchPath = join(out, 'trials', '0', 'launch.json');
  await waitFor(() => processRecorded(join(out, 'trials', '0')), 15_000, 'trial 0 launched');
  await killHard(lockPid(out));
  const launch = JSON.parse(readFileSync(launchPath, 'utf8')) as Launch;
  process.kill(-launch.pid, 'SIGKILL');
  await waitFor(() => !isAlive(launch.pid), 5000, 'trial 0 gone');
  const sleeper = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  strangers.push(sleeper);
  const stranger = sleeper.pid!;
  await waitFor(() => readStat(stranger) !== undefined, 5000, 'sleep started');
  const taken: Launch = { ...launch, pid: stranger, handle: { ...launch.handle, pid: stranger } };
  change(taken, stranger);
  writeFileSync(launchPath, JSON.stringify(taken));
  // sweep.json as it may be when the controller dies: written before the launch
  const docPath = join(out, 'sweep.json');
  const doc = JSON.parse(readFileSync(docPath, 'utf8'));
  writeFileSync(
    docPath,
    JSON.stringify({
      ...doc,
      phase: 'running',
      trials: doc.trials.map((t: object) => ({ ...t, state: 'queued', handle: null, pid: null })),
    }),
  );
  return { out, stranger };
}

const trialState = async (out: string) =>
  JSON.parse((await runCli(['status', out, '--json'], { env: folder.env })).stdout).trials[0].state as string;

describe('a trial pid that another process now has', () => {
  it('launch.json records the start time and boot id; status does not show the trial running, stop and resume leave the stranger alone', async () => {
    const { out, stranger } = await pidTakenByStranger((launch) => {
      expect(launch.handle.startTime).toEqual(expect.any(Number));
      expect(launch.handle.bootId).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
    });
    expect(await trialState(out)).not.toBe('running');
    const stop = await runCli(['stop', out, '--now'], { env: folder.env });
    expect(stop.code, stop.stderr).toBe(0);
    expect(isAlive(stranger)).toBe(true);
    const resumed = await runCli(['resume', out, '--headless'], { env: folder.env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(isAlive(stranger)).toBe(true);
  }, 90_000);

  it('a launch.json without a start time (an older sweeptop) is not trusted: the pid is not signalled, and stop says why', async () => {
    const { out, stranger } = await pidTakenByStranger((launch) => {
      launch.handle.startTime = null;
      delete launch.handle.bootId;
    });
    const stop = await runCli(['stop', out, '--now'], { env: folder.env });
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stderr).toMatch(/cannot be sure that process \d+ is trial 0's/);
    expect(isAlive(stranger)).toBe(true);
  }, 90_000);

  it('a pid whose start time matches is the trial: status shows it running and stop kills it', async () => {
    const { out, stranger } = await pidTakenByStranger((launch, pid) => {
      launch.handle.startTime = readStat(pid)!.startTime;
    });
    expect(await trialState(out)).toBe('running');
    const stop = await runCli(['stop', out, '--now'], { env: folder.env });
    expect(stop.code, stop.stderr).toBe(0);
    await waitFor(() => !isAlive(stranger), 5000, 'the trial killed');
  }, 90_000);
});
