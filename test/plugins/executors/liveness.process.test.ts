/**
 * Executors report what the engine needs to know of a trial's process — the engine reads nothing
 * in a handle: `probe(handle)` (for `status` of a sweep whose controller is gone), the pid to
 * show, and whether an adopted trial is paused.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRegistry } from '../../../plugins/registry.js';
import type { ExecutorPlugin } from '../../../src/plugin-api/executor.js';
import { readStat } from '../../../src/plugin-api/proc.js';
import { runCli } from '../../helpers/cli.js';
import { groupMembers, TRAINER, waitFor } from '../../helpers/sweep.js';
import { killHard, lockPid, useSweepFolder } from '../../helpers/sweep-folder.js';

const executor = (name: string) => builtInRegistry().get<ExecutorPlugin>('executor', name);

describe('probe(handle)', () => {
  it('local: running, paused (stopped), ended — by pid and start time, so a reused pid is not the trial', async () => {
    const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    const pid = child.pid!;
    await waitFor(() => readStat(pid) !== undefined);
    const handle = { pid, startTime: readStat(pid)!.startTime, token: null };
    const { probe } = executor('local');
    expect(await probe!(handle)).toBe('running');
    process.kill(pid, 'SIGSTOP');
    await waitFor(() => readStat(pid)?.state === 'T');
    expect(await probe!(handle)).toBe('paused');
    expect(await probe!({ ...handle, startTime: handle.startTime + 1 })).toBe('ended');
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await probe!(handle)).toBe('ended');
    expect(await probe!({ jobId: '12' })).toBe('unknown');
  });

  it('Slurm and SSH: unknown, without running a command (status looks at no remote process)', async () => {
    expect(await executor('slurm').probe!({ jobId: '12' })).toBe('unknown');
    expect(await executor('ssh').probe!({ host: 'gpu1', remotePid: 4242, startTime: '1', remoteDir: '/x', gpus: null })).toBe('unknown');
  });
});

describe('an adopted local trial', () => {
  const folder = useSweepFolder();

  it('found stopped after a controller crash is paused, as its executor says, and shows its pid', async () => {
    const { temp, env } = folder;
    temp.file(
      'sweep.yaml',
      `command: node ${TRAINER} --lr {lr} --epochs 1000 --epoch-ms 100
parameters:
  lr: [0.1]
sampler: grid
metric: val_loss
`,
    );
    const run = await runCli(['run', 'sweep.yaml', '--detach', '--dir', 'out'], { cwd: temp.path, env });
    expect(run.code).toBe(0);
    const dir = run.stdout.trim();
    const doc = () => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    await waitFor(() => doc().trials[0]?.state === 'running' && doc().trials[0].pid, 15_000, 'trial 0 running');
    const trialPid = doc().trials[0].pid as number;
    await killHard(lockPid(dir));
    // paused by hand while no controller ran: sweep.json still says running
    process.kill(-trialPid, 'SIGSTOP');
    const resumed = await runCli(['resume', dir, '--detach'], { env });
    expect([resumed.code, resumed.stderr]).toEqual([0, '']);
    await waitFor(() => doc().trials[0].state === 'paused', 10_000, 'adopted as paused');
    expect(doc().trials[0].pid).toBe(trialPid);
    expect(JSON.parse(readFileSync(join(dir, 'trials', '0', 'launch.json'), 'utf8')).pid).toBe(trialPid);
    expect(groupMembers(trialPid).every((p) => readStat(p)!.state === 'T')).toBe(true);
    expect((await runCli(['ctl', dir, 'resume', '0'], { env })).code).toBe(0);
    await waitFor(() => doc().trials[0].state === 'running', 10_000, 'running again');
  }, 60_000);
});
