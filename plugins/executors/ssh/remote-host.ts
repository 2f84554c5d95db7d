/**
 * One SSH host and the trials on it: one POLL command per interval reads every trial's state and
 * new output together (never a command per trial), launch and signal commands go over the same
 * multiplexed connection, and a host that fails every command for `unreachable_after` is
 * declared unreachable — its trials are lost, and the sweep goes on on the other hosts.
 */
import { basename } from 'node:path';
import { type SshConnection, UNREACHABLE } from './connection.js';
import type { TrialReport } from './poll-report.js';
import { parsePollOutput } from './poll-report.js';
import { LAUNCH, POLL, SIGNAL } from './remote-scripts.js';

/** Bytes of one stream read per poll: a flood of output streams over a few polls. */
export const OUTPUT_CAP = 4 * 1024 * 1024;
/** Children a finished trial left in its group get SIGTERM, then SIGKILL after this. */
const LEFTOVER_GRACE_MS = 2000;

export interface HostedTrial {
  readonly remotePid: number;
  /** Start time of the remote process ('-' if it could not be read). */
  readonly startTime: string;
  readonly remoteDir: string;
  /** The remote folder is not the local one: output is copied here from these offsets. */
  readonly mirror: boolean;
  readonly files: { stdout: string; stderr: string; exitCode: string };
  offsets(): { stdout: number; stderr: number };
  readonly done: boolean;
  onReport(report: TrialReport): Promise<void>;
  onHostLost(reason: string): void;
}

export interface LaunchRequest {
  remoteDir: string;
  cwd: string;
  env: Record<string, string>;
  /** The wrapped argv (exit-code wrapper included), with the exit-code path on the host. */
  argv: string[];
  files: { stdout: string; stderr: string; exitCode: string };
}

export type LaunchResult = { pid: number; startTime: string } | { unreachable: boolean; exitCode: number; message: string };

export class RemoteHost {
  readonly trials = new Map<number, HostedTrial>();
  unreachable = false;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private failingSince: number | null = null;
  /** SIGKILLs due to leftovers of ended trials, by pid: close() sends them at once. */
  private readonly leftoverKills = new Map<number, NodeJS.Timeout>();
  private lastFailure = '';
  private closed = false;

  constructor(
    readonly connection: SshConnection,
    private readonly settings: { pollMs: number; unreachableAfterMs: number; onUnreachable: (host: RemoteHost) => void },
  ) {}

  get name(): string {
    return this.connection.host.name;
  }

  async launch(request: LaunchRequest): Promise<LaunchResult> {
    const env = Object.entries(request.env)
      .filter(([name]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      .map(([n, v]) => `${n}=${v}`);
    const { stdout, stderr, exitCode } = request.files;
    const result = await this.connection.run(LAUNCH, [request.remoteDir, request.cwd, stdout, stderr, exitCode, ...env, ...request.argv]);
    const [pid, startTime] = result.stdout.toString('utf8').trim().split(' ');
    if (result.exitCode === 0 && Number(pid) > 0) {
      this.succeeded();
      return { pid: Number(pid), startTime: startTime || '-' };
    }
    const unreachable = result.exitCode === UNREACHABLE;
    if (unreachable) this.failed(result.message);
    const why = result.exitCode === 98 ? `cannot enter ${request.cwd}` : result.exitCode === 97 ? `cannot create ${request.remoteDir}` : '';
    return {
      unreachable,
      exitCode: result.exitCode,
      message: [why, result.message].filter(Boolean).join(': ') || `exit status ${result.exitCode}`,
    };
  }

  /** Signals the trial's process group on the host, in order; `startTime` '-' skips the pid check. */
  async signal(pid: number, startTime: string, signals: string[]): Promise<void> {
    if (this.unreachable) return;
    await this.connection.run(SIGNAL, [String(pid), startTime, ...signals], 20_000);
  }

  /**
   * Ends what a finished trial left in its process group (a DataLoader worker, a logger): they
   * must not outlive it. SIGTERM now, SIGKILL after a grace.
   */
  killLeftovers(pid: number): void {
    if (this.leftoverKills.has(pid)) return;
    void this.signal(pid, '-', ['TERM', 'CONT']);
    this.leftoverKills.set(
      pid,
      setTimeout(() => {
        this.leftoverKills.delete(pid);
        void this.signal(pid, '-', ['KILL']);
      }, LEFTOVER_GRACE_MS),
    );
  }

  /** Follows a trial from now on; `soon` polls at once (adoption wants an answer). */
  add(trial: HostedTrial, soon = false): void {
    this.trials.set(trial.remotePid, trial);
    this.schedule(soon ? 0 : this.settings.pollMs);
  }

  /** Polls again right away (a trial that ended with more output to read). */
  pollSoon(): void {
    this.schedule(0);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = [...this.leftoverKills.entries()];
    this.leftoverKills.clear();
    for (const [, timer] of due) clearTimeout(timer);
    await Promise.all(due.map(([pid]) => this.signal(pid, '-', ['KILL'])));
    await this.connection.close();
  }

  /** Every command failed for `unreachable_after` (or the caller knows better): the host is given up. */
  markUnreachable(reason = this.lastFailure): void {
    if (this.unreachable) return;
    this.unreachable = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const trial of this.trials.values()) trial.onHostLost(`host ${this.name} unreachable: ${reason}`);
    this.trials.clear();
    this.settings.onUnreachable(this);
  }

  private schedule(delay: number): void {
    if (this.closed || this.unreachable || this.trials.size === 0 || this.polling) return;
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delay);
  }

  private async poll(): Promise<void> {
    this.timer = null;
    this.polling = true;
    const started = Date.now();
    const trials = [...this.trials.values()];
    let again = false;
    try {
      const first = trials[0];
      const names = [basename(first.files.stdout), basename(first.files.stderr), basename(first.files.exitCode)];
      const args = trials.flatMap((t) => {
        const { stdout, stderr } = t.offsets();
        return [String(t.remotePid), t.startTime, t.remoteDir, t.mirror ? '1' : '0', String(stdout), String(stderr)];
      });
      const result = await this.connection.run(POLL, [String(OUTPUT_CAP), ...names, ...args], 30_000);
      if (result.exitCode !== 0) return this.failed(result.message || `exit status ${result.exitCode}`);
      this.succeeded();
      const reports = parsePollOutput(result.stdout);
      for (const trial of trials) {
        const report = reports.get(trial.remotePid);
        if (report) await trial.onReport(report);
        if (trial.done) this.trials.delete(trial.remotePid);
        else if (report && report.state === null) again = true; // ended, output left to read
      }
    } finally {
      this.polling = false;
      this.schedule(again ? 0 : Math.max(0, this.settings.pollMs - (Date.now() - started)));
    }
  }

  private succeeded(): void {
    this.failingSince = null;
  }

  private failed(message: string): void {
    this.lastFailure = message;
    this.failingSince ??= Date.now();
    if (Date.now() - this.failingSince >= this.settings.unreachableAfterMs) this.markUnreachable(message);
  }
}
