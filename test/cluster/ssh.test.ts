/**
 * The SSH executor against two real sshd daemons on 127.0.0.1 (test/cluster/sshd-up.sh), reached
 * as `host0` (an alias in the generated ssh_config) and `root@127.0.0.1:PORT`. Trials write to a
 * separate "remote" folder, so output and exit codes reach the trial folders only through the
 * executor's mirroring. Skipped, saying why, where sshd is not installed; under CI it must be.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readMetricLog } from '../../src/engine/state/metric-log.js';
import { openStoredSweep } from '../../src/engine/sweep/open-stored.js';
import type { Sweep } from '../../src/engine/sweep/sweep.js';
import { sshExecutor } from '../../plugins/executors/ssh.js';
import { readStat } from '../../src/plugin-api/proc.js';
import { describeExecutorContract } from '../../src/testing/executor-contract.js';
import { sshdMissing, startSshd, type SshdCluster } from './sshd-cluster.js';
import { stopTrackedSweeps, track } from '../helpers/cleanup.js';
import { groupMembers, makeSweep, runToEnd, TempDir, TRAINER, waitFor, withTimeout } from '../helpers/sweep.js';
import { ChildController } from './controller.js';

const missing = sshdMissing();
let cluster: SshdCluster | undefined;
let temp: TempDir;
/** Remote trials' process groups, killed after each test whatever happened (a dropped host leaves them). */
const remoteGroups = new Set<number>();

beforeAll(async () => {
  if (!missing) cluster = await startSshd(2);
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
}, 60_000);
beforeEach(() => {
  temp = new TempDir();
});
afterEach(async () => {
  await stopTrackedSweeps();
  for (const pgid of remoteGroups) {
    for (const pid of groupMembers(pgid)) process.kill(pid, 'SIGKILL');
  }
  remoteGroups.clear();
  temp.remove();
});

function sweepFile(
  command: string,
  extra: string,
  hosts = `
    - {host: host0, gpus: [0, 1]}
    - {host: "root@127.0.0.1:${cluster!.ports[1]}", gpus: [0, 1]}`,
): string {
  return `command: node ${TRAINER} --lr {lr} ${command}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
sampler: random
seed: 9
metric: {name: val_loss, goal: minimize}
grace: 3s
cwd: ${temp.path}
${extra}
executor:
  type: ssh
  ssh_config: ${cluster!.config}
  remote_dir: ${temp.path}/remote
  poll_interval: 300ms
  unreachable_after: 2s
  hosts:${hosts}`;
}

/** Where each trial runs, as its handle says, recorded as trials start; remote groups noted for cleanup. */
function followHosts(sweep: Sweep): Map<number, string[]> {
  const hosts = new Map<number, string[]>();
  sweep.on('trial:updated', ({ trial }) => {
    const handle = sweep.entries.get(trial.id)?.handle;
    if (trial.state !== 'running' || typeof handle?.host !== 'string') return;
    remoteGroups.add(Number(handle.remotePid));
    const seen = hosts.get(trial.id) ?? [];
    if (seen.at(-1) !== `${handle.host}#${handle.remotePid}`) hosts.set(trial.id, [...seen, `${handle.host}#${handle.remotePid}`]);
  });
  return hosts;
}

const connections = (daemon: number) =>
  (readFileSync(join(cluster!.dir, `d${daemon}`, 'sshd.log'), 'utf8').match(/Accepted publickey/g) ?? []).length;

describe.skipIf(missing)(missing ? `SSH executor — skipped: ${missing}` : 'SSH executor on real sshd daemons', () => {
  it('runs a sweep over two hosts, one connection each, never one GPU for two trials, output mirrored home', async () => {
    const before = [connections(0), connections(1)];
    const sweep = await makeSweep(temp, sweepFile('--epochs 4 --epoch-ms 150 --print-env', 'trials: 8\nparallel: 5'));
    const hosts = followHosts(sweep);
    const holder = new Map<string, number>(); // host:gpus → the running trial holding it
    let clash = '';
    let waited = false;
    sweep.on('trial:updated', ({ trial }) => {
      const handle = sweep.entries.get(trial.id)?.handle;
      if (trial.state === 'pending' && trial.pendingReason === 'waiting for a free GPU on any host') waited = true;
      if (trial.state !== 'running' || typeof handle?.gpus !== 'string') return;
      const key = `${handle.host}:${handle.gpus}`;
      const other = holder.get(key);
      if (other !== undefined && other !== trial.id && !clash) clash = `${key} held by trial ${other} when trial ${trial.id} ran`;
      holder.set(key, trial.id);
    });
    sweep.on('trial:ended', ({ trial }) => {
      const handle = sweep.entries.get(trial.id)?.handle;
      const key = `${handle?.host}:${handle?.gpus}`;
      if (holder.get(key) === trial.id) holder.delete(key);
    });
    const snapshot = await runToEnd(sweep, 120_000);
    expect(snapshot.trials.map((t) => t.state)).toEqual(Array(8).fill('completed'));
    expect(clash).toBe('');
    expect(waited).toBe(true); // 5 at once, 4 GPUs: one waited for a slot
    const used = new Set([...hosts.values()].flat().map((h) => h.split('#')[0]));
    expect(used).toEqual(new Set(['host0', `root@127.0.0.1:${cluster!.ports[1]}`]));
    for (const trial of snapshot.trials) {
      const points = await readMetricLog(join(trial.dir, 'metrics.jsonl'));
      expect(points.filter((p) => p.name === 'val_loss').map((p) => p.step)).toEqual([0, 1, 2, 3]);
      const handle = sweep.entries.get(trial.id)!.handle!;
      // the copy here is byte for byte the file on the host
      const remote = join(temp.path, 'remote', 'sweep-out', 'trials', String(trial.id));
      expect(readFileSync(join(trial.dir, 'stdout.log'))).toEqual(readFileSync(join(remote, 'stdout.log')));
      expect(readFileSync(join(trial.dir, 'stderr.log'), 'utf8')).toContain(`env CUDA_VISIBLE_DEVICES=${handle.gpus}\n`);
      expect(readFileSync(join(trial.dir, 'exit_code'), 'utf8')).toBe('0\n');
    }
    expect([connections(0) - before[0], connections(1) - before[1]]).toEqual([1, 1]);
  }, 150_000);

  it('pauses, resumes and kills the whole remote process group', async () => {
    const sweep = await makeSweep(temp, sweepFile('--epochs 300 --epoch-ms 100 --spawn-child', 'trials: 1', '\n    - host0'));
    followHosts(sweep);
    let metrics = 0;
    sweep.on('trial:metric', () => metrics++);
    sweep.start();
    await waitFor(() => metrics > 0, 30_000, 'the remote trial to print');
    const pgid = Number(sweep.entries.get(0)!.handle!.remotePid);
    const members = groupMembers(pgid);
    expect(members.length).toBeGreaterThanOrEqual(3); // wrapper, trainer, heartbeat child
    const states = () => members.map((pid) => readStat(pid)?.state ?? 'gone');

    expect(await sweep.execute({ type: 'pause', trialId: 0 }, 'test')).toEqual({ ok: true });
    await waitFor(() => states().every((s) => s === 'T'), 10_000, 'the remote group stopped');
    expect(await sweep.execute({ type: 'resume', trialId: 0 }, 'test')).toEqual({ ok: true });
    await waitFor(() => states().every((s) => s !== 'T'), 10_000, 'the remote group continued');

    expect(await sweep.execute({ type: 'kill', trialId: 0 }, 'test')).toEqual({ ok: true });
    const snapshot = await withTimeout(sweep.done, 20_000, 'the sweep did not end after the kill');
    expect(snapshot.trials[0].state).toBe('killed');
    await waitFor(() => groupMembers(pgid).length === 0, 5_000, 'every process of the remote group gone');
  }, 60_000);

  it('ends what a finished remote trial left in its process group', async () => {
    const sweep = await makeSweep(
      temp,
      sweepFile('--epochs 2 --epoch-ms 50 --spawn-child --child-lifetime-ms 60000', 'trials: 1', '\n    - host0'),
    );
    followHosts(sweep);
    const snapshot = await runToEnd(sweep, 30_000);
    expect(snapshot.trials[0].state).toBe('completed');
    const pgid = Number(sweep.entries.get(0)!.handle!.remotePid);
    await waitFor(() => groupMembers(pgid).length === 0, 5_000, 'the heartbeat child gone with its trial');
  }, 40_000);

  it('marks the trials of a host that drops lost, and finishes the sweep on the other', async () => {
    const sweep = await makeSweep(temp, sweepFile('--epochs 15 --epoch-ms 200', 'trials: 6\nparallel: 4'));
    const hosts = followHosts(sweep);
    const lost: number[] = [];
    sweep.on('trial:updated', ({ trial }) => {
      if (trial.state === 'lost') lost.push(trial.id);
    });
    sweep.start();
    const second = `root@127.0.0.1:${cluster!.ports[1]}`;
    await waitFor(() => [...hosts.values()].some((h) => h.at(-1)!.startsWith(second)), 30_000, 'a trial running on the second host');
    await cluster!.killDaemon(1);
    const snapshot = await withTimeout(sweep.done, 120_000, 'the sweep did not finish on the remaining host');
    expect(lost.length).toBeGreaterThanOrEqual(1);
    expect(snapshot.trials.map((t) => t.state)).toEqual(Array(6).fill('completed'));
    for (const id of lost) expect(hosts.get(id)!.at(-1)).toMatch(/^host0#/);
  }, 150_000);

  it('re-adopts remote trials after the controller is killed with SIGKILL, and mirrors what they printed meanwhile', async () => {
    const file = temp.file(
      'sweep.yaml',
      sweepFile('--epochs 20 --epoch-ms 200', 'trials: 2\nparallel: 2', '\n    - {host: host0, slots: 2}'),
    );
    const dir = join(temp.path, 'out');
    const controller = new ChildController(file, dir);
    try {
      await waitFor(
        () => {
          const trials = controller.document()?.trials ?? [];
          return trials.length === 2 && trials.every((t) => t.state === 'running' && t.handle?.remotePid);
        },
        40_000,
        `2 remote trials running under the first controller\n${controller.log}`,
      );
    } finally {
      await controller.killHard();
    }
    const handles = controller.document()!.trials.map((t) => t.handle!);
    for (const handle of handles) remoteGroups.add(Number(handle.remotePid));
    const sweep = track(await openStoredSweep(dir));
    const snapshot = await runToEnd(sweep, 60_000);
    expect(snapshot.trials.map((t) => t.state)).toEqual(['completed', 'completed']);
    expect(snapshot.trials.map((t) => sweep.entries.get(t.id)!.handle!.remotePid)).toEqual(handles.map((h) => h.remotePid));
    for (const trial of snapshot.trials) {
      const steps = (await readMetricLog(join(trial.dir, 'metrics.jsonl'))).filter((p) => p.name === 'val_loss').map((p) => p.step);
      expect(steps).toEqual([...Array(20).keys()]);
    }
  }, 120_000);
});

// The suite a user runs on their own executor (sweeptop/testing), on a host reached over ssh.
describe.skipIf(missing)(missing ? `SSH executor contract — skipped: ${missing}` : 'SSH executor contract', () => {
  describeExecutorContract(
    (context) =>
      sshExecutor.create(
        {
          ssh_config: cluster!.config,
          remote_dir: join(context.sweepDir, 'remote'),
          poll_interval: '300ms',
          hosts: [{ host: 'host0' }],
        },
        context,
      ),
    { name: 'ssh' },
  );
});
