/**
 * One trial on an SSH host. It exists before it has a host (waiting for a free slot, shown as
 * pending), then runs under setsid on the host; its host's poll feeds it state and new output,
 * which is appended to the local output files when the host's folder is not shared. Pause,
 * resume and stop signal its process group on the host.
 */
import { appendFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ExecutorHandle, ExecutorStatus, ExitStatus, LaunchSpec, TrialProcess } from '../../../src/plugin-api/executor.js';
import { signalFromStatus } from '../wrapper.js';
import type { Slot } from './host-slots.js';
import type { TrialReport } from './poll-report.js';
import { OUTPUT_CAP, type HostedTrial, type RemoteHost } from './remote-host.js';

/** Gone without an exit status. */
const LOST: ExitStatus = { exitCode: null, signal: null };

export class SshTrial implements TrialProcess, HostedTrial {
  readonly handle: ExecutorHandle;
  /** Its process runs on its host (remotePid): none to show here. */
  readonly pid = null;
  readonly exited: Promise<ExitStatus>;
  /** Aborted when the trial is stopped before it got a host. */
  readonly waiting = new AbortController();
  remotePid = 0;
  startTime = '-';
  host: RemoteHost | null = null;
  slot: Slot | null = null;
  /** Settles at the first poll report or when the host is lost (adoption waits for it). */
  readonly firstReport: Promise<void>;
  private resolveExit!: (status: ExitStatus) => void;
  private resolveFirstReport!: () => void;
  private status: ExecutorStatus | null = null;
  private listener: ((status: ExecutorStatus) => void) | null = null;
  private local = { stdout: 0, stderr: 0 };
  private killed = false;
  private ended = false;
  /**
   * Paused (and not resumed) while it had no process yet: a trial is placed on its host a moment
   * after its launch returns, and a pause asked for in between must still stop it.
   */
  private pausedBeforeStart = false;

  constructor(
    private readonly spec: LaunchSpec,
    readonly remoteDir: string,
    /** The trial's output and exit-code files on the host. */
    readonly files: { stdout: string; stderr: string; exitCode: string },
    private readonly onEnd: (trial: SshTrial) => void,
  ) {
    this.handle = { host: null, remotePid: null, startTime: null, remoteDir, gpus: null };
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    this.firstReport = new Promise((resolve) => (this.resolveFirstReport = resolve));
  }

  get mirror(): boolean {
    return this.remoteDir !== this.spec.files.dir;
  }

  get done(): boolean {
    return this.ended;
  }

  offsets(): { stdout: number; stderr: number } {
    return this.local;
  }

  /** The trial runs on `host` as `pid`; output is copied from where the local files end. */
  async started(host: RemoteHost, slot: Slot, pid: number, startTime: string): Promise<void> {
    Object.assign(this, { host, slot, remotePid: pid, startTime });
    Object.assign(this.handle, { host: host.name, remotePid: pid, startTime, gpus: slot.gpus?.join(',') ?? null });
    const size = (path: string) =>
      stat(path).then(
        (s) => s.size,
        () => 0,
      );
    if (this.pausedBeforeStart) await host.signal(pid, startTime, ['STOP']);
    if (this.mirror) this.local = { stdout: await size(this.spec.files.stdout), stderr: await size(this.spec.files.stderr) };
    this.report({ state: 'running', host: host.name, ...(slot.gpus && { gpus: slot.gpus }) });
  }

  onStatus(listener: (status: ExecutorStatus) => void): void {
    this.listener = listener;
    if (this.status) listener(this.status);
  }

  report(status: ExecutorStatus): void {
    this.status = status;
    this.listener?.(status);
  }

  async onReport(report: TrialReport): Promise<void> {
    if (this.ended) return;
    let drained = true;
    for (const stream of ['stdout', 'stderr'] as const) {
      const chunk = report.output.get(basename(this.files[stream]));
      if (!chunk?.length) continue;
      await appendFile(this.spec.files[stream], chunk);
      this.local[stream] += chunk.length;
      if (chunk.length >= OUTPUT_CAP) drained = false;
    }
    this.resolveFirstReport();
    if (report.state !== null || !drained) return;
    if (report.leftovers) this.host?.killLeftovers(this.remotePid);
    if (report.exitCode !== null) {
      if (this.mirror) await appendFile(this.spec.files.exitCode, `${report.exitCode}\n`).catch(() => {});
      return this.end({ exitCode: report.exitCode, signal: signalFromStatus(report.exitCode) });
    }
    // no exit_code: the wrapper itself was killed (by us, with SIGKILL), or the host rebooted
    this.end(this.killed ? { exitCode: null, signal: 'SIGKILL' } : LOST);
  }

  onHostLost(reason: string): void {
    this.resolveFirstReport();
    this.end({ ...LOST, reason });
  }

  async pause(): Promise<void> {
    this.pausedBeforeStart = !this.host;
    await this.signal(['STOP']);
  }

  async resume(): Promise<void> {
    this.pausedBeforeStart = false;
    await this.signal(['CONT']);
  }

  async terminate(): Promise<void> {
    if (!this.host) return this.stopWaiting();
    // a stopped process keeps SIGTERM pending until it is continued
    await this.signal(['TERM', 'CONT']);
  }

  async kill(): Promise<void> {
    if (!this.host) return this.stopWaiting();
    this.killed = true;
    await this.signal(['KILL']);
  }

  end(status: ExitStatus): void {
    if (this.ended) return;
    this.ended = true;
    this.waiting.abort(new Error('stopped'));
    this.onEnd(this);
    this.resolveExit(status);
  }

  private stopWaiting(): void {
    this.end({ exitCode: null, signal: 'SIGTERM' });
  }

  private async signal(signals: string[]): Promise<void> {
    if (this.host && !this.ended) await this.host.signal(this.remotePid, this.startTime, signals);
  }
}
