import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SlurmExecutor } from '../../../plugins/executors/slurm/slurm-executor.js';
import type { SshExecutor } from '../../../plugins/executors/ssh/ssh-executor.js';
import { parseSweepText } from '../../../src/engine/config/load.js';
import { resolveSweep } from '../../../src/engine/config/resolve.js';

async function resolveFixture(name: string) {
  const path = resolve('fixtures/sweeps', name);
  const text = readFileSync(path, 'utf8');
  return resolveSweep(parseSweepText(name, path, text), text);
}

describe('the cluster sweep files in fixtures/sweeps', () => {
  it('slurm.yaml asks Slurm for one fake GPU per trial', async () => {
    const executor = (await resolveFixture('slurm.yaml')).executor as SlurmExecutor;
    expect(executor.options).toMatchObject({ gres: 'gpu:1', cpusPerTask: 1, mem: '200M', time: '00:05:00', pollMs: 1000 });
    await executor.close();
  });

  it('ssh.yaml names the two test daemons, two GPU slots each', async () => {
    const executor = (await resolveFixture('ssh.yaml')).executor as SshExecutor;
    expect(executor.options.hosts.map((h) => [h.name, h.target, h.gpus, h.slots])).toEqual([
      ['host0', ['host0'], ['0', '1'], 2],
      ['host1', ['host1'], ['0', '1'], 2],
    ]);
    expect(executor.options).toMatchObject({ sshConfig: '/tmp/sshd-ci/ssh_config', remoteDir: '/tmp/sshd-ci/remote' });
    await executor.close();
  });
});
