/**
 * Runs trials on machines reached over SSH: `executor: {type: ssh, hosts: [gpu1, {host: user@gpu2:2222, gpus: [0, 1]}]}`.
 * Uses the system ssh with the user's own config, keys and agent (nothing is stored), one
 * multiplexed connection per host. See ssh/ for the pieces: options, connection, remote scripts,
 * slots, the per-host poll, the trial.
 */
import { readSshOptions, sshOptions } from './ssh/options.js';
import { SshExecutor } from './ssh/ssh-executor.js';
import type { ExecutorPlugin } from '../../src/plugin-api/executor.js';

export const sshExecutor: ExecutorPlugin = {
  name: 'ssh',
  kind: 'executor',
  description: 'run trials on SSH hosts under setsid, GPU slots per host, output followed over one connection per host',
  options: sshOptions,
  create(given, context) {
    const gpusPerTrial = context.gpusPerTrial ?? 1;
    return new SshExecutor(
      readSshOptions(given, { gpusPerTrial, baseDir: context.baseDir ?? process.cwd() }),
      gpusPerTrial,
      context.sweepDir,
    );
  },
  // its process is on another machine: `status` connects to none, the trial stays as recorded until resume
  probe: () => 'unknown',
};
