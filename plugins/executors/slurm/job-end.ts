/**
 * How a Slurm job ended. First the exit-code file the wrapper wrote (it survives MinJobAge and
 * needs no accounting); without it — the wrapper was SIGKILLed, the node died, the shared
 * filesystem has not shown the file yet — `scontrol show job`'s `ExitCode=status:signal` while
 * Slurm still remembers the job.
 */
import { readExitCodeFile } from '../local.js';
import type { ExitStatus } from '../../../src/plugin-api/executor.js';
import { signalFromStatus } from '../wrapper.js';
import { NODE_FAILURES } from './job-states.js';
import type { SlurmCli } from './slurm-cli.js';

const SIGNAL_NAMES: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM' };

export const LOST: ExitStatus = { exitCode: null, signal: null };

/** The wrapper's record, or undefined when there is none (yet). */
export async function exitFromFile(path: string): Promise<ExitStatus | undefined> {
  const status = await readExitCodeFile(path);
  return status.exitCode === null ? undefined : status;
}

/**
 * What Slurm says of a job: its state and, once it is over, how it ended; undefined when Slurm
 * no longer knows it.
 */
export async function scontrolJob(cli: SlurmCli, jobId: string): Promise<{ state: string; status: ExitStatus } | undefined> {
  const result = await cli.run('scontrol', ['show', 'job', '-o', jobId]);
  if (!result.ok) return undefined;
  const state = /\bJobState=(\S+)/.exec(result.stdout)?.[1];
  const code = /\bExitCode=(\d+):(\d+)/.exec(result.stdout);
  if (!state || !code) return undefined;
  return { state, status: statusFromSlurm(state, Number(code[1]), Number(code[2])) };
}

/** Slurm's `ExitCode=status:signal` for a job in `state`, as sweeptop's exit status. */
export function statusFromSlurm(state: string, status: number, signal: number): ExitStatus {
  if (NODE_FAILURES.has(state)) return LOST;
  if (signal > 0) return { exitCode: null, signal: SIGNAL_NAMES[signal] ?? `SIG${signal}` };
  if (state === 'OUT_OF_MEMORY') return { exitCode: null, signal: 'SIGKILL' };
  if (state === 'COMPLETED' || status !== 0) return { exitCode: status, signal: signalFromStatus(status) };
  if (state === 'FAILED') return { exitCode: 1, signal: null };
  // cancelled, timed out, preempted, past its deadline before its script reported anything
  return { exitCode: null, signal: 'SIGTERM' };
}
