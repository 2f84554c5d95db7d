/**
 * Runs trials as Slurm jobs: `executor: {type: slurm, partition: gpu, gres: "gpu:1", …}`.
 * The trial folders must be on a filesystem the compute nodes share with the controller (the
 * job writes its output and exit code there); run the controller on the login node, detached.
 * See slurm/ for the pieces: batch script, shared squeue poll, job lifecycle, submit guard.
 */
import { readSlurmOptions, slurmOptions } from './slurm/options.js';
import { SlurmExecutor } from './slurm/slurm-executor.js';
import type { ExecutorPlugin } from '../../src/plugin-api/executor.js';

export const slurmExecutor: ExecutorPlugin = {
  name: 'slurm',
  kind: 'executor',
  description: 'submit each trial as a Slurm job (sbatch); one squeue per poll interval for all of them',
  options: slurmOptions,
  create(given, context) {
    return new SlurmExecutor(readSlurmOptions(given), context);
  },
  // squeue would know, but `status` runs no Slurm command: the job stays as recorded until resume
  probe: () => 'unknown',
};
