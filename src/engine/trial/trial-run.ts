/**
 * One attempt of one trial, from launch to exit: starts it through the executor, follows its
 * output files, turns lines into metric points, enforces the timeout (paused time excluded),
 * and carries out pause, resume and stop requests. It decides nothing about the sweep; it
 * reports to its listener.
 */
import type { ExecutorStatus, ExitStatus, Executor, LaunchSpec, TrialProcess } from '../../plugin-api/executor.js';
import type { Line, LineEnding } from '../logs/line-splitter.js';
import { readableParts } from '../logs/cut-line.js';
import type { EchoedValue, Progress } from '../../plugin-api/parser.js';
import { readFileSync } from 'node:fs';
import { OutputFollower } from './output-follower.js';
import { fireAfter, type DeadlineTimer } from '../time/deadline-timer.js';
import type { LogSources } from '../logs/sources/watch.js';
import type { FollowLogs } from '../sweep/resolved.js';

export interface RunPoint {
  name: string;
  step: number | null;
  value: number;
  /** The fold, split or seed it belongs to (`fold 3`). */
  context?: string;
}

export interface LineReading {
  final: RunPoint[];
  provisional: RunPoint[];
  /** Configuration the trial echoed, not metrics. */
  echoed?: Record<string, EchoedValue>;
}

/** Turns a trial's output lines into metric points (the metrics layer's OutputMetrics). */
export interface LineMetrics {
  push(text: string, ending: LineEnding): LineReading;
  /** The output ended: values still held back. */
  end(): LineReading;
  /** The last progress the output announced (`Epoch 3/10`); a new object per announcement. */
  readonly progress?: Progress | null;
}

/** Why sweeptop ended a trial, when it did; `stalled`: silent past the sweep's `stall_timeout`. */
export type StopIntent = 'killed' | 'pruned' | 'timed_out' | 'stopped' | 'stalled';

export interface RunOutcome extends ExitStatus {
  intent: StopIntent | null;
  runtimeMs: number;
}

export interface TrialRunListener {
  onStarted(process: TrialProcess): void;
  onStatus(status: ExecutorStatus): void;
  onOutput(stream: 'stdout' | 'stderr', line: Line): void;
  /** `source`: 'stdout', 'stderr', or the path of a `logs:` file; `offset`: where its line ended. */
  onPoints(points: RunPoint[], provisional: boolean, source: string, offset: number): void;
  /** Points of output an earlier controller already recorded (a re-adopted trial), read again: not to record. */
  onReplayed?(points: RunPoint[], source: 'stdout' | 'stderr', offset: number): void;
  /** Any output: a line of stdout or stderr, or a record of a `logs:` file. */
  onHeard(): void;
  /** The output announced how far the training is (`Epoch 3/10`). */
  onProgress(progress: Progress): void;
  /** Configuration the trial echoed (`args: {…}`), apart from its metrics. */
  onEchoed(echoed: Record<string, EchoedValue>): void;
  onProblem(message: string): void;
  onEnded(outcome: RunOutcome): void;
}

export interface TrialRunOptions {
  executor: Executor;
  spec: LaunchSpec;
  metrics: LineMetrics;
  timeoutMs: number | null;
  graceMs: number;
  /**
   * A re-adopted trial: its output is read again from the start so that parsers regain their
   * state (the current epoch header…), but lines up to these offsets — already recorded by the
   * earlier controller — produce neither output events nor points.
   */
  replayUntil?: { stdout: number; stderr: number };
  /** Runtime already spent (a re-adopted trial), as recorded at `recordedAt`. */
  runtimeMs?: number;
  recordedAt?: number;
  /**
   * The re-adopted trial was recorded stopped (SIGSTOP) and stays so until resumed — unless its
   * executor, adopting it, says whether it is (TrialProcess.paused).
   */
  paused?: boolean;
  /** Follows the sweep file's `logs:` files, from these offsets (absolute path → bytes read). */
  followLogs?: ((follow: FollowLogs) => LogSources) | null;
  logOffsets?: Record<string, number>;
  logVars?: Record<string, string>;
}

export class TrialRun {
  private process: TrialProcess | null = null;
  private followers: OutputFollower[] = [];
  private logSources: LogSources | null = null;
  private intent: StopIntent | null = null;
  private runningSince: number | null = null;
  private spentMs: number;
  private timeoutTimer: DeadlineTimer | null = null;
  private killTimer: DeadlineTimer | null = null;
  private paused = false;
  private ended = false;
  /** Re-attached after a controller restart: it may have ended while nobody watched. */
  private adoptedRun = false;
  private readonly offsets = { stdout: 0, stderr: 0 };
  private progress: Progress | null = null;

  constructor(
    private readonly options: TrialRunOptions,
    private readonly listener: TrialRunListener,
  ) {
    this.spentMs = options.runtimeMs ?? 0;
    this.paused = options.paused ?? false;
  }

  get runtimeMs(): number {
    return this.spentMs + (this.runningSince === null ? 0 : Date.now() - this.runningSince);
  }

  get stopIntent(): StopIntent | null {
    return this.intent;
  }

  /** Launches (or, with `adopt`, re-attaches to) the trial. Resolves once it is started. */
  async start(adopt?: Parameters<NonNullable<Executor['adopt']>>[0]): Promise<boolean> {
    const { executor, spec } = this.options;
    // The followers create the files and watch them before the trial starts, so that they see
    // its first byte instead of waiting for a poll to find the files.
    const following = [this.follow('stdout', spec.files.stdout), this.follow('stderr', spec.files.stderr)];
    this.logSources =
      this.options.followLogs?.({
        cwd: spec.cwd,
        vars: this.options.logVars ?? {},
        offsets: this.options.logOffsets,
        onPoints: (points, file, endOffset) => {
          this.listener.onHeard();
          this.listener.onPoints(points, false, file, endOffset);
        },
        onProblem: (file, message) => this.listener.onProblem(`${file}: ${message}`),
      }) ?? null;
    await Promise.all(following);
    let process: TrialProcess | undefined;
    try {
      process = adopt && executor.adopt ? await executor.adopt(adopt, spec) : await executor.launch(spec);
    } catch (error) {
      this.listener.onProblem(`could not start: ${(error as Error).message}`);
    }
    if (adopt) this.adopted(process);
    if (!process) {
      void this.finish({ exitCode: null, signal: null });
      return false;
    }
    this.process = process;
    this.listener.onStarted(process);
    if (process.onStatus) {
      process.onStatus((status) => {
        if (status.state === 'running') this.markRunning();
        this.listener.onStatus(status);
      });
    } else {
      this.markRunning();
    }
    void process.exited.then((status) => this.finish(status));
    return true;
  }

  async pause(): Promise<void> {
    if (!this.process || this.paused || this.ended) return;
    await this.process.pause();
    this.paused = true;
    this.stopClock();
  }

  async resume(): Promise<void> {
    if (!this.process || !this.paused || this.ended) return;
    await this.process.resume();
    this.paused = false;
    this.markRunning();
  }

  /**
   * Whether a stop asked now is sweeptop's doing: not once the run has ended, nor once it has
   * exited on its own before sweeptop sent anything (its exit status written) — its own exit
   * status then says how it ended, whatever a pruner judged of a line read late. Once a stop was
   * sent, it stays sweeptop's doing, whatever the exit status that follows.
   */
  get stoppable(): boolean {
    if (this.ended) return false;
    return this.intent !== null || !this.endedOnItsOwn();
  }

  /** Graceful stop (SIGTERM, SIGKILL after `grace`), or forced at once. The first intent wins. */
  async stop(intent: StopIntent, force = false): Promise<void> {
    if (!this.stoppable) return;
    this.intent ??= intent;
    if (!this.process) return;
    if (force) {
      await this.process.kill();
      return;
    }
    await this.process.terminate();
    this.killTimer ??= fireAfter(this.options.graceMs, () => void this.process?.kill());
  }

  /** The wrapper wrote the trial's exit status (executors/wrapper.ts): the trial has exited. */
  private endedOnItsOwn(): boolean {
    try {
      return /^\d+\n$/.test(readFileSync(this.options.spec.files.exitCode, 'utf8'));
    } catch {
      return false; // not written (still running), or not on this machine (SSH, Slurm)
    }
  }

  /** Paused as its executor found it (else as recorded); not paused, it has run since its runtime was recorded. */
  private adopted(process: TrialProcess | undefined): void {
    this.adoptedRun = true;
    this.paused = process?.paused ?? this.paused;
    const { recordedAt } = this.options;
    if (!this.paused && recordedAt !== undefined) this.spentMs += Math.max(0, Date.now() - recordedAt);
  }

  private markRunning(): void {
    if (this.runningSince !== null || this.paused) return;
    this.runningSince = Date.now();
    const { timeoutMs } = this.options;
    if (timeoutMs !== null) {
      const remaining = Math.max(0, timeoutMs - this.spentMs);
      this.timeoutTimer = fireAfter(remaining, () => void this.stop('timed_out'));
    }
  }

  private stopClock(): void {
    if (this.runningSince !== null) this.spentMs += Date.now() - this.runningSince;
    this.runningSince = null;
    this.timeoutTimer?.cancel();
    this.timeoutTimer = null;
  }

  /** Resolves once the file exists and is watched. */
  private follow(stream: 'stdout' | 'stderr', path: string): Promise<void> {
    const replayUntil = this.options.replayUntil?.[stream] ?? 0;
    const follower = new OutputFollower(
      path,
      0,
      (line) => {
        this.offsets[stream] = line.endOffset;
        if (line.endOffset <= replayUntil) {
          if (line.cut === undefined) this.replayLine(stream, line.text, line);
          else for (const text of readableParts(line)) this.replayLine(stream, text, line);
          return;
        }
        this.listener.onHeard();
        this.listener.onOutput(stream, line);
        if (line.cut === undefined) this.readLine(stream, line.text, line);
        else for (const text of readableParts(line)) this.readLine(stream, text, line);
      },
      (error) => this.listener.onProblem(`cannot read ${stream}: ${error.message}`),
    );
    this.followers.push(follower);
    return follower.start();
  }

  /** A line an earlier controller already recorded: read for the parsers' state and the thinning's, nothing recorded. */
  private replayLine(stream: 'stdout' | 'stderr', text: string, line: Line): void {
    const { final } = this.options.metrics.push(text, line.ending);
    if (final.length) this.listener.onReplayed?.(final, stream, line.endOffset);
  }

  /** One line (or a cut line's head or tail) read for metrics. */
  private readLine(stream: 'stdout' | 'stderr', text: string, line: Line): void {
    const { final, provisional, echoed } = this.options.metrics.push(text, line.ending);
    const progress = this.options.metrics.progress ?? null;
    if (progress !== null && progress !== this.progress) {
      this.progress = progress;
      this.listener.onProgress(progress);
    }
    if (echoed) this.listener.onEchoed(echoed);
    if (final.length) this.listener.onPoints(final, false, stream, line.endOffset);
    if (provisional.length) this.listener.onPoints(provisional, true, stream, line.endOffset);
  }

  private async finish(status: ExitStatus): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.stopClock();
    this.killTimer?.cancel();
    await Promise.all([...this.followers.map((f) => f.finish()), this.logSources?.stop()]);
    const rest = this.options.metrics.end();
    if (rest.echoed) this.listener.onEchoed(rest.echoed);
    if (rest.final.length) this.listener.onPoints(rest.final, false, 'stdout', this.offsets.stdout);
    this.listener.onEnded({ ...status, endedAt: this.exitedAt(status), intent: this.intent, runtimeMs: this.spentMs });
  }

  /**
   * An adopted trial that ended unwatched (its executor read when from the exit-code file): the
   * clock that ran since its runtime was recorded stops at its exit, not when it was found ended —
   * never below the runtime recorded before.
   */
  private exitedAt(status: ExitStatus): number | undefined {
    if (!this.adoptedRun || status.endedAt === undefined) return undefined;
    const unwatched = Math.max(0, Date.now() - status.endedAt);
    this.spentMs = Math.max(this.options.runtimeMs ?? 0, this.spentMs - unwatched);
    return Math.min(status.endedAt, Date.now());
  }
}
