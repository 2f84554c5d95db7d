/**
 * Hands each trial to Slurm as one sbatch job and follows all of them with one squeue per poll
 * interval. The engine caps how many trials are out at once (`parallel`); Slurm decides when
 * each runs and on which GPUs. Trial timeouts stay sweeptop's: Slurm's are whole minutes and
 * fire up to 30 s late.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Executor, ExecutorContext, ExecutorHandle, ExitStatus, LaunchSpec, TrialProcess } from '../../../src/plugin-api/executor.js';
import { batchScript, parseJobId, sbatchArgs, SCRIPT_FILE } from './batch-script.js';
import { exitFromFile } from './job-end.js';
import { JobPoller } from './job-poller.js';
import { Limiter } from '../limiter.js';
import type { SlurmOptions } from './options.js';
import { SlurmCli } from './slurm-cli.js';
import { SlurmJob } from './slurm-job.js';
import { SubmitGuard } from './submit-guard.js';

/** sbatch processes at once: enough to submit quickly, few enough not to crowd a login node. */
const CONCURRENT_SUBMISSIONS = 4;
/** An adoption waits this long for Slurm's word; past it (slurmctld down) the job is followed as is. */
const ADOPT_WAIT_MS = 30_000;

export class SlurmExecutor implements Executor {
  readonly cli = new SlurmCli();
  private readonly poller: JobPoller;
  private readonly guard = new SubmitGuard();
  private readonly submissions = new Limiter(CONCURRENT_SUBMISSIONS);

  constructor(
    readonly options: SlurmOptions,
    private readonly context: ExecutorContext,
  ) {
    this.poller = new JobPoller(this.cli, options.pollMs);
  }

  async launch(spec: LaunchSpec): Promise<TrialProcess> {
    const refused = this.guard.stoppedReason;
    if (refused) return notSubmitted(spec, refused);
    const script = join(spec.files.dir, SCRIPT_FILE);
    await writeFile(script, batchScript(spec), { mode: 0o700 });
    const result = await this.submissions.run(() => this.cli.run('sbatch', sbatchArgs(this.options, spec, script)));
    const jobId = result.ok ? parseJobId(result.stdout) : null;
    if (!jobId) {
      const message = result.ok ? `sbatch printed no job id: ${JSON.stringify(result.stdout)}` : result.message;
      if (this.guard.failed(message)) this.context.stopLaunching?.(this.guard.stoppedReason!);
      return notSubmitted(spec, `sbatch: ${message}`, result.ok ? 1 : result.exitCode);
    }
    this.guard.succeeded();
    const job = new SlurmJob(jobId, spec, this.cli);
    this.poller.add(job);
    return job;
  }

  /**
   * A job submitted by an earlier controller: one that ended meanwhile is returned ended (from its
   * exit_code file, or Slurm's record); undefined when neither knows how it ended.
   */
  async adopt(handle: ExecutorHandle, spec: LaunchSpec): Promise<TrialProcess | undefined> {
    const jobId = String(handle.jobId ?? '');
    if (!/^\d+$/.test(jobId)) return undefined;
    const job = new SlurmJob(jobId, spec, this.cli);
    const status = await exitFromFile(spec.files.exitCode);
    if (status) {
      job.end(status);
      return job;
    }
    this.poller.add(job, true);
    await Promise.race([job.firstPoll, new Promise((resolve) => setTimeout(resolve, ADOPT_WAIT_MS).unref())]);
    if (job.done) {
      const ended = await job.exited;
      if (ended.exitCode === null && ended.signal === null) return undefined;
    }
    return job;
  }

  /** Stops polling. Jobs are the engine's to stop; a detached sweep leaves them running. */
  async close(): Promise<void> {
    this.poller.close();
  }
}

/**
 * A trial sbatch refused: Slurm's message goes to the trial's stderr (where the TUI and the
 * crash-loop rule look) and becomes its reason; the trial fails without running.
 */
async function notSubmitted(spec: LaunchSpec, reason: string, exitCode = 1): Promise<TrialProcess> {
  await appendFile(spec.files.stderr, `sweeptop: ${reason}\n`).catch(() => {});
  const status: ExitStatus = { exitCode, signal: null, reason };
  const noop = async () => {};
  return { handle: { jobId: null }, exited: Promise.resolve(status), pause: noop, resume: noop, terminate: noop, kill: noop };
}
