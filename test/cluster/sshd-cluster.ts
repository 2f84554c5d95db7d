/**
 * Throwaway sshd daemons on 127.0.0.1 for a test file: sshd-up.sh in a folder of its own, on free
 * ports, with a client key and an ssh_config naming them host0, host1…; sshd-down.sh stops them
 * (and their session processes) by PID — all of them, or one, to cut a "host" off mid-sweep.
 */
import { daemonFolder, freePorts, missingBinaries, runScript } from './daemons.js';

export interface SshdCluster {
  dir: string;
  /** The ssh_config to pass as `ssh_config:` (`-F`). */
  config: string;
  ports: number[];
  /** Kills daemon `index` and every session process under it, as a host dropping off would. */
  killDaemon(index: number): Promise<void>;
  stop(): Promise<void>;
}

export function sshdMissing(): string | null {
  return missingBinaries(['sshd', 'ssh', 'ssh-keygen', 'setsid'], 'openssh-server openssh-client');
}

export async function startSshd(count: number): Promise<SshdCluster> {
  const dir = daemonFolder('sshd-');
  const ports = await freePorts(count);
  const stdout = await runScript('sshd-up.sh', { SSHD_CI_DIR: dir, SSHD_CI_PORTS: ports.join(' '), SSHD_CI_INSTALL: '0' });
  const config = /SSHD_CI_CONFIG=(\S+)/.exec(stdout)?.[1];
  if (!config) throw new Error(`sshd-up.sh printed no SSHD_CI_CONFIG: ${stdout}`);
  return {
    dir,
    config,
    ports,
    killDaemon: async (index) => {
      await runScript('sshd-down.sh', { SSHD_CI_DIR: dir, SSHD_CI_ONLY: String(index) });
    },
    stop: async () => {
      await runScript('sshd-down.sh', { SSHD_CI_DIR: dir });
    },
  };
}
