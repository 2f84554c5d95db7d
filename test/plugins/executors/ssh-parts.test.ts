import { describe, expect, it } from 'vitest';
import { HostSlots, NoHostError } from '../../../plugins/executors/ssh/host-slots.js';
import { readSshOptions } from '../../../plugins/executors/ssh/options.js';
import type { RemoteHost } from '../../../plugins/executors/ssh/remote-host.js';
import { SshTrial } from '../../../plugins/executors/ssh/ssh-trial.js';
import type { Slot } from '../../../plugins/executors/ssh/host-slots.js';
import type { LaunchSpec } from '../../../src/plugin-api/executor.js';
import { executorConfigError as configError } from '../../helpers/sweep.js';

const read = (options: Record<string, unknown>, gpusPerTrial = 1) => readSshOptions(options, { gpusPerTrial, baseDir: '/sweeps' });

describe('SSH executor options', () => {
  it('read hosts as ssh takes them, with their GPU slots', () => {
    const options = read(
      { hosts: ['gpu1', { host: 'user@gpu2:2222', gpus: [0, 1, 2] }, { host: 'cpu3', slots: 4 }], ssh_config: 'ssh/config' },
      2,
    );
    expect(options.hosts.map((h) => [h.name, h.target, h.gpus, h.slots])).toEqual([
      ['gpu1', ['gpu1'], null, 1],
      ['user@gpu2:2222', ['-p', '2222', 'user@gpu2'], ['0', '1', '2'], 1],
      ['cpu3', ['cpu3'], null, 4],
    ]);
    expect(options.sshConfig).toBe('/sweeps/ssh/config');
    expect(options).toMatchObject({ remoteDir: null, pollMs: 1000, unreachableAfterMs: 30_000, connectTimeoutS: 10 });
  });

  it('point at the bad host in the sweep file', async () => {
    expect(await configError('  type: ssh\n  hosts: []')).toMatch(/^sweep\.yaml:\d+:\d+: executor\.hosts: expected a list of hosts/);
    expect(await configError('  type: ssh\n  hosts: ["-oProxyCommand=x"]')).toMatch(
      /executor\.hosts\[0\]\.host: expected a host such as gpu1/,
    );
    expect(await configError('  type: ssh\n  hosts: [{host: a, gpus: [0, 0]}]')).toMatch(
      /executor\.hosts\[0\]\.gpus: a GPU is listed twice/,
    );
    expect(await configError('  type: ssh\n  hosts: [{host: a, gpu: [0]}]')).toMatch(
      /executor\.hosts\[0\]\.gpu: unknown field; expected one of host, gpus, slots/,
    );
    expect(await configError('  type: ssh\n  hosts: [a, a]')).toMatch(/executor\.hosts: a is listed twice/);
    expect(await configError('  type: ssh\n  hosts: [a]\n  remote_dir: relative/dir')).toMatch(
      /executor\.remote_dir: expected an absolute path/,
    );
  });

  it('refuse a host with fewer GPUs than a trial takes', () => {
    expect(() => read({ hosts: [{ host: 'a', gpus: [0] }] }, 2)).toThrow(
      /hosts\[0\]\.gpus: expected at least gpus_per_trial \(2\) GPUs, got 1/,
    );
  });
});

describe('SSH host slots', () => {
  const hosts = read({
    hosts: [
      { host: 'a', gpus: [0, 1] },
      { host: 'b', gpus: [0, 1, 2, 3] },
    ],
  }).hosts;

  it('go to the host with the most free slots, lowest GPU ids first, never one id twice', () => {
    const slots = new HostSlots(hosts, 1);
    const taken = Array.from({ length: 6 }, () => slots.take()!).map((s) => `${s.host.name}:${s.gpus}`);
    expect(taken).toEqual(['b:0', 'b:1', 'a:0', 'b:2', 'a:1', 'b:3']);
    expect(slots.take()).toBeUndefined();
  });

  it('make a trial wait for a released slot, in order, and give up when every host is unreachable', async () => {
    const slots = new HostSlots(hosts, 2);
    const held = [slots.take()!, slots.take()!, slots.take()!];
    const first = slots.acquire(new AbortController().signal);
    const abandoned = new AbortController();
    const second = slots.acquire(abandoned.signal);
    const third = slots.acquire(new AbortController().signal);
    abandoned.abort(new Error('stopped'));
    await expect(second).rejects.toThrow('stopped');
    slots.release(held[0]);
    expect(await first).toEqual(held[0]);
    slots.markUnreachable('a');
    slots.release(held[1]); // a's slot: gone with its host
    slots.markUnreachable('b');
    await expect(third).rejects.toBeInstanceOf(NoHostError);
  });

  it('let an adopted trial keep its host and GPUs', () => {
    const slots = new HostSlots(hosts, 1);
    slots.claim('b', ['0', '2']);
    expect(Array.from({ length: 4 }, () => slots.take()).map((s) => s && `${s.host.name}:${s.gpus}`)).toEqual(['a:0', 'b:1', 'a:1', 'b:3']);
  });
});

describe('an SSH trial asked to pause before its host has started it', () => {
  const spec = { files: { dir: '/sweep/trials/0', stdout: '/sweep/trials/0/stdout.log', stderr: '/sweep/trials/0/stderr.log' } };
  const hostRecording = (sent: string[][]) =>
    ({ name: 'h', signal: async (_pid: number, _start: string, signals: string[]) => void sent.push(signals) }) as unknown as RemoteHost;

  it('is stopped the moment it starts, and a resume before that cancels the pause', async () => {
    const sent: string[][] = [];
    const trial = new SshTrial(spec as unknown as LaunchSpec, spec.files.dir, { stdout: 'o', stderr: 'e', exitCode: 'x' }, () => {});
    await trial.pause();
    await trial.started(hostRecording(sent), { gpus: null } as unknown as Slot, 4242, '17');
    expect(sent).toEqual([['STOP']]);

    const other: string[][] = [];
    const resumed = new SshTrial(spec as unknown as LaunchSpec, spec.files.dir, { stdout: 'o', stderr: 'e', exitCode: 'x' }, () => {});
    await resumed.pause();
    await resumed.resume();
    await resumed.started(hostRecording(other), { gpus: null } as unknown as Slot, 4243, '18');
    expect(other).toEqual([]);
  });
});
