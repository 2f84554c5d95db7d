/**
 * One trial as one Slurm job: its state comes from the executor's shared squeue poll, its end
 * from the wrapper's exit-code file (scontrol as a fallback), and pause, resume and stop are
 * `scancel --signal=… --full` — without `--full` the batch script never sees the signal; with
 * it, the script (the wrapper) and everything it started do. STOP/CONT keep the job's CPUs and
 * GPUs (`scontrol suspend` is root-only and frees CPUs but not GPUs).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorHandle, ExecutorStatus, ExitStatus, LaunchSpec, TrialProcess } from '../../../src/plugin-api/executor.js';
import { JOB_ENV_FILE } from './batch-script.js';
import { exitFromFile, LOST, scontrolJob } from './job-end.js';
import type { PolledJob } from './job-poller.js';
import { jobPhase, type JobRow } from './job-states.js';
import type { SlurmCli } from './slurm-cli.js';

export class SlurmJob implements TrialProcess, PolledJob {
  readonly handle: ExecutorHandle;
  /** Its processes run on a compute node: none to show here. */
  readonly pid = null;
  readonly exited: Promise<ExitStatus>;
  /** Settles after the job's first poll (adoption waits for it to learn whether the job lives). */
  readonly firstPoll: Promise<void>;
  private resolveExit!: (status: ExitStatus) => void;
  private resolveFirstPoll!: () => void;
  private status: ExecutorStatus | null = null;
  private listener: ((status: ExecutorStatus) => void) | null = null;
  private allocation: Pick<ExecutorStatus, 'gpus' | 'host'> | null = null;
  private ended = false;

  constructor(
    readonly jobId: string,
    private readonly spec: LaunchSpec,
    private readonly cli: SlurmCli,
  ) {
    this.handle = { jobId };
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    this.firstPoll = new Promise((resolve) => (this.resolveFirstPoll = resolve));
  }

  get done(): boolean {
    return this.ended;
  }

  onStatus(listener: (status: ExecutorStatus) => void): void {
    this.listener = listener;
    if (this.status) listener(this.status);
  }

  /** Called with the job's squeue row on each poll, undefined when squeue no longer lists it. */
  async onPoll(row: JobRow | undefined): Promise<void> {
    try {
      if (!this.ended) await this.follow(row);
    } finally {
      this.resolveFirstPoll();
    }
  }

  /**
   * The wrapper writes exit_code as the trial ends, often before slurmctld reports the job over.
   * Only running jobs are looked at: a sweep may have hundreds waiting in the queue.
   */
  async checkExitFile(): Promise<void> {
    if (this.ended || this.status?.state !== 'running') return;
    const status = await exitFromFile(this.spec.files.exitCode);
    if (status) this.end(status);
  }

  async pause(): Promise<void> {
    const stopped = await this.cli.run('scancel', ['--signal=STOP', '--full', this.jobId]);
    // a job still waiting in Slurm's queue cannot be signalled: hold it there instead
    if (!stopped.ok) await this.cli.run('scontrol', ['hold', this.jobId]);
  }

  async resume(): Promise<void> {
    const continued = await this.cli.run('scancel', ['--signal=CONT', '--full', this.jobId]);
    if (!continued.ok) await this.cli.run('scontrol', ['release', this.jobId]);
  }

  async terminate(): Promise<void> {
    const signalled = await this.cli.run('scancel', ['--signal=TERM', '--full', this.jobId]);
    // not started (pending or held): nothing to be graceful with, cancel it
    if (!signalled.ok) await this.cli.run('scancel', [this.jobId]);
    // a STOPPED job keeps SIGTERM pending until it is continued
    else await this.cli.run('scancel', ['--signal=CONT', '--full', this.jobId]);
  }

  /** Slurm's cancel: SIGCONT and SIGTERM to every process of the job, SIGKILL after its KillWait. */
  async kill(): Promise<void> {
    await this.cli.run('scancel', [this.jobId]);
  }

  /** Settles `exited`, once: from the exit-code file, Slurm's record, or found so at adoption. */
  end(status: ExitStatus): void {
    if (this.ended) return;
    this.ended = true;
    this.resolveExit(status);
  }

  private async follow(row: JobRow | undefined): Promise<void> {
    if (!row) return this.endGone();
    switch (jobPhase(row.state)) {
      case 'pending':
        return this.report({ state: 'pending', ...(row.reason && { reason: row.reason }) });
      case 'running':
        return this.report({ state: 'running', ...(await this.readAllocation()) });
      case 'ending': {
        // the script is over; its exit_code is there unless the wrapper itself was killed
        const status = await exitFromFile(this.spec.files.exitCode);
        if (status) this.end(status);
        return;
      }
      case 'ended':
        this.end((await exitFromFile(this.spec.files.exitCode)) ?? (await scontrolJob(this.cli, this.jobId))?.status ?? LOST);
    }
  }

  /** squeue forgot the job (MinJobAge passed, or a restart found it long gone). */
  private async endGone(): Promise<void> {
    const status = await exitFromFile(this.spec.files.exitCode);
    if (status) return this.end(status);
    const known = await scontrolJob(this.cli, this.jobId);
    if (!known) return this.end(LOST);
    if (jobPhase(known.state) === 'ended') this.end(known.status);
  }

  /** The GPUs and node Slurm gave the job, as its script recorded them (read once). */
  private async readAllocation(): Promise<Pick<ExecutorStatus, 'gpus' | 'host'>> {
    if (this.allocation) return this.allocation;
    let text: string;
    try {
      text = await readFile(join(this.spec.files.dir, JOB_ENV_FILE), 'utf8');
    } catch {
      return {}; // the script has not written it yet
    }
    const seen = Object.fromEntries(text.split('\n').map((line) => line.split(/=(.*)/s, 2)));
    const gpus = (seen.SLURM_JOB_GPUS || seen.CUDA_VISIBLE_DEVICES || '').split(',').filter(Boolean);
    const allocation = { ...(gpus.length && { gpus }), ...(seen.SLURMD_NODENAME && { host: seen.SLURMD_NODENAME }) };
    this.allocation = allocation;
    return allocation;
  }

  private report(status: ExecutorStatus): void {
    if (this.status && JSON.stringify(this.status) === JSON.stringify(status)) return;
    this.status = status;
    this.listener?.(status);
  }
}
