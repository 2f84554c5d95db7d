/**
 * A throwaway single-node Slurm cluster for a test file (or the benchmark): slurm-up.sh in a
 * folder of its own, on free ports, with fake gres/gpu; slurm-down.sh stops it by PID. SLURM_CONF
 * is set in this process's environment, which sbatch/squeue/scancel inherit.
 */
import { daemonFolder, freePorts, missingBinaries, runScript } from './daemons.js';

export interface SlurmCluster {
  dir: string;
  conf: string;
  stop(): Promise<void>;
}

export function slurmMissing(): string | null {
  return missingBinaries(
    ['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scancel', 'scontrol'],
    'slurmctld slurmd slurm-client munge',
  );
}

export async function startSlurm(options: { cpus: number; gpus: number }): Promise<SlurmCluster> {
  const dir = daemonFolder('slurm-');
  const [ctld, slurmd] = await freePorts(2);
  const env = {
    SLURM_CI_DIR: dir,
    SLURM_CI_CPUS: String(options.cpus),
    SLURM_CI_GPUS: String(options.gpus),
    SLURM_CI_CTLD_PORT: String(ctld),
    SLURM_CI_SLURMD_PORT: String(slurmd),
    SLURM_CI_INSTALL: '0',
  };
  const stdout = await runScript('slurm-up.sh', env);
  const conf = /SLURM_CONF=(\S+)/.exec(stdout)?.[1];
  if (!conf) throw new Error(`slurm-up.sh printed no SLURM_CONF: ${stdout}`);
  process.env.SLURM_CONF = conf;
  return {
    dir,
    conf,
    stop: async () => {
      await runScript('slurm-down.sh', { SLURM_CI_DIR: dir });
    },
  };
}
