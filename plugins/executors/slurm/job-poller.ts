/**
 * One `squeue -h -t all -j A,B,C… -o '%i|%T|%r'` per poll interval for every job the sweep has
 * in Slurm, however many there are — never a call per job. (`-t all` because squeue hides
 * finished jobs otherwise; `--json` ignores `-j`.) Each job gets its row, or undefined once
 * squeue no longer lists it, and says when it is done with polling.
 */
import { parseSqueue, type JobRow } from './job-states.js';
import type { SlurmCli } from './slurm-cli.js';

export interface PolledJob {
  readonly jobId: string;
  /** True once the job has ended and needs no more polls. */
  readonly done: boolean;
  onPoll(row: JobRow | undefined): Promise<void>;
  /** A cheap look at the job's exit-code file, between polls. */
  checkExitFile(): Promise<void>;
}

/**
 * The exit-code file is looked at this often: a trial is seen finished within about this long
 * of its end, without asking slurmctld more often (and before slurmctld itself notices).
 */
export const EXIT_FILE_CHECK_MS = 250;

export class JobPoller {
  private readonly jobs = new Map<string, PolledJob>();
  private timer: NodeJS.Timeout | null = null;
  private fileTimer: NodeJS.Timeout | null = null;
  private polling = false;
  private checking = false;
  private soon = false;
  private closed = false;

  constructor(
    private readonly cli: SlurmCli,
    private readonly intervalMs: number,
  ) {}

  /** Starts polling a job; `soon` polls right away (adoption after a restart wants an answer). */
  add(job: PolledJob, soon = false): void {
    this.jobs.set(job.jobId, job);
    this.schedule(soon);
    this.fileTimer ??= setInterval(() => void this.checkExitFiles(), EXIT_FILE_CHECK_MS);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.fileTimer) clearInterval(this.fileTimer);
    this.timer = this.fileTimer = null;
    this.jobs.clear();
  }

  private async checkExitFiles(): Promise<void> {
    if (this.checking) return; // a slow network filesystem: one look at a time
    this.checking = true;
    await Promise.all([...this.jobs.values()].map((job) => job.checkExitFile())).finally(() => (this.checking = false));
    for (const [id, job] of this.jobs) if (job.done) this.jobs.delete(id);
    if (this.jobs.size === 0 && this.fileTimer) {
      clearInterval(this.fileTimer);
      this.fileTimer = null;
    }
  }

  private schedule(soon: boolean, sinceLastMs = 0): void {
    if (this.closed || this.jobs.size === 0) return;
    if (this.polling) {
      this.soon ||= soon;
      return;
    }
    if (this.timer && !soon) return;
    if (this.timer) clearTimeout(this.timer);
    // jobs added in the same tick (a restart adopting many) share one call
    const delay = soon ? 0 : Math.max(0, this.intervalMs - sinceLastMs);
    this.timer = setTimeout(() => void this.poll(), delay);
  }

  private async poll(): Promise<void> {
    this.timer = null;
    this.polling = true;
    this.soon = false;
    const started = Date.now();
    const ids = [...this.jobs.keys()];
    try {
      const result = await this.cli.run('squeue', ['-h', '-t', 'all', '-j', ids.join(','), '-o', '%i|%T|%r']);
      // with every listed id unknown to Slurm, squeue fails instead of printing nothing; any other
      // failure (slurmctld down or busy) leaves every job as it was until a poll succeeds
      if (!result.ok && !/Invalid job id/i.test(result.message)) return;
      const rows = new Map(parseSqueue(result.stdout).map((row) => [row.jobId, row]));
      await Promise.all(ids.map((id) => this.jobs.get(id)?.onPoll(rows.get(id))));
      for (const id of ids) if (this.jobs.get(id)?.done) this.jobs.delete(id);
    } finally {
      this.polling = false;
      this.schedule(this.soon, Date.now() - started);
    }
  }
}
