/**
 * The batch script sbatch runs for one trial, and the sbatch command line that submits it.
 *
 * The script is plain POSIX sh, but the trial's argv is never parsed by a shell: every word is
 * single-quoted, and the script `exec`s the same exit-code wrapper local trials run under (so the
 * wrapper *is* the batch step's shell, and `scancel --signal=… --full` reaches it and the trial).
 * The wrapper writes `exit_code` itself: Slurm forgets finished jobs after MinJobAge, and
 * clusters without accounting have no sacct. Output goes straight to the trial's files on the
 * shared filesystem (`--output`/`--error`), where the engine tails it as it does local output.
 */
import { basename, dirname, join } from 'node:path';
import { quote } from 'shlex';
import type { LaunchSpec } from '../../../src/plugin-api/executor.js';
import { wrapArgv } from '../wrapper.js';
import { resourceFlags, type SlurmOptions } from './options.js';

/** What the job saw of its allocation, written by the script for sweeptop to record. */
export const JOB_ENV_FILE = 'slurm_env';
export const SCRIPT_FILE = 'slurm_job.sh';
export const RECORDED_VARIABLES = ['SLURM_JOB_GPUS', 'CUDA_VISIBLE_DEVICES', 'SLURMD_NODENAME'] as const;

/**
 * Slurm assigns GPUs itself: an exported CUDA_VISIBLE_DEVICES (from a top-level `gpus:`) would
 * point the trial at devices it was not given.
 */
const LEFT_TO_SLURM = new Set(['CUDA_VISIBLE_DEVICES']);

export function batchScript(spec: LaunchSpec): string {
  const lines = ['#!/bin/sh', `# sweeptop trial ${spec.trialId}, attempt ${spec.attempt}. Generated; sbatch keeps its own copy.`];
  // Python buffers output written to a file: without this, metrics would arrive at the job's end
  if (spec.env.PYTHONUNBUFFERED === undefined) lines.push('export PYTHONUNBUFFERED="${PYTHONUNBUFFERED-1}"');
  for (const [name, value] of Object.entries(spec.env)) {
    if (!LEFT_TO_SLURM.has(name) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) lines.push(`export ${name}=${quote(value)}`);
  }
  const recorded = RECORDED_VARIABLES.map((name) => `${name}=%s\\n`).join('');
  const values = RECORDED_VARIABLES.map((name) => `"\${${name}-}"`).join(' ');
  lines.push(`printf '${recorded}' ${values} > ${quote(join(spec.files.dir, JOB_ENV_FILE))}`);
  lines.push(`exec ${wrapArgv(spec.files.exitCode, spec.argv).map(quote).join(' ')}`);
  return lines.join('\n') + '\n';
}

export function sbatchArgs(options: SlurmOptions, spec: LaunchSpec, scriptPath: string): string[] {
  return [
    '--parsable',
    `--job-name=${jobName(spec)}`,
    `--output=${slurmPath(spec.files.stdout)}`,
    `--error=${slurmPath(spec.files.stderr)}`,
    '--open-mode=append',
    `--chdir=${spec.cwd}`,
    ...resourceFlags(options),
    scriptPath,
  ];
}

/** `sweeptop-<sweep folder>-<trial>`: recognisable in `squeue` next to the user's other jobs. */
function jobName(spec: LaunchSpec): string {
  const sweep = basename(dirname(dirname(spec.files.dir))).replace(/[^A-Za-z0-9._-]/g, '_');
  return `sweeptop-${sweep}-${spec.trialId}`;
}

/** sbatch expands %j, %u… in --output and --error paths: a literal % is written %%. */
function slurmPath(path: string): string {
  return path.replaceAll('%', '%%');
}

/** The job id from `sbatch --parsable` ("123" or "123;cluster"). */
export function parseJobId(stdout: string): string | null {
  const match = /^(\d+)(;\S+)?\s*$/.exec(stdout.trim());
  return match ? match[1] : null;
}
