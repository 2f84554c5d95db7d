/**
 * Runs Slurm's client commands (sbatch, squeue, scancel, scontrol): argv arrays, no shell, a
 * time limit, and a count of every call so that tests and the benchmark can hold the executor to
 * "one squeue per poll interval". Failures are results, not exceptions: the caller decides.
 */
import { execa } from 'execa';

export type SlurmCommand = 'sbatch' | 'squeue' | 'scancel' | 'scontrol';

export interface CommandResult {
  ok: boolean;
  exitCode: number;
  stdout: string;
  /** Slurm's own words on failure (stderr lines, `sbatch: error: ` prefixes removed). */
  message: string;
}

/** A hung slurmctld must not hang the sweep: Slurm's clients retry for a while, then give up. */
const COMMAND_TIMEOUT_MS = 60_000;

export class SlurmCli {
  readonly calls: Record<SlurmCommand, number> = { sbatch: 0, squeue: 0, scancel: 0, scontrol: 0 };
  /** Wall time spent in each command, summed over its calls. */
  readonly busyMs: Record<SlurmCommand, number> = { sbatch: 0, squeue: 0, scancel: 0, scontrol: 0 };

  async run(command: SlurmCommand, args: readonly string[]): Promise<CommandResult> {
    this.calls[command]++;
    const started = performance.now();
    const result = await execa(command, args, { reject: false, stdin: 'ignore', timeout: COMMAND_TIMEOUT_MS });
    this.busyMs[command] += performance.now() - started;
    const code = typeof result.exitCode === 'number' ? result.exitCode : 127;
    if (!result.failed) return { ok: true, exitCode: 0, stdout: result.stdout, message: '' };
    const failure = result as unknown as { stderr: string; code?: string; timedOut: boolean; shortMessage: string };
    return { ok: false, exitCode: code, stdout: result.stdout, message: failureMessage(command, failure) };
  }
}

function failureMessage(command: SlurmCommand, result: { stderr: string; code?: string; timedOut: boolean; shortMessage: string }): string {
  if (result.code === 'ENOENT') return `${command} not found: is Slurm's client (slurm-client) installed and on PATH?`;
  if (result.timedOut) return `${command} did not answer within ${COMMAND_TIMEOUT_MS / 1000} s`;
  const lines = result.stderr
    .split('\n')
    .map((line) => line.replace(/^\w+: error: /, '').trim())
    .filter(Boolean);
  return lines.length ? [...new Set(lines)].join('; ') : result.shortMessage;
}
