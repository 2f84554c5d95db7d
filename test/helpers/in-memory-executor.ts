/**
 * An executor without processes, for testing the scheduler's rules in milliseconds. Each attempt
 * of a trial follows a script (lines printed at virtual times, then an exit code, a signal, a
 * vanishing, or a hang until a signal ends it) on the timers of the test, which vitest's fake
 * timers drive (see fake-sweep.ts). It writes what every executor writes — the trial's stdout,
 * stderr and exit_code files — so the engine reads the trial exactly as it reads a real one.
 *
 * It records what the rules are about: how many trials were alive at once, which GPUs each held,
 * every launch (trial, attempt, GPUs) and every signal sent.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import type { Executor, ExecutorHandle, ExecutorStatus, ExitStatus, LaunchSpec, TrialProcess } from '../../src/plugin-api/executor.js';

/** The signals a script may die of, with their numbers (an exit status of 128 + n under the wrapper). */
const SIGNALS = { SIGTERM: 15, SIGKILL: 9, SIGSEGV: 11, SIGABRT: 6 } as const;
export type ScriptSignal = keyof typeof SIGNALS;

export interface TrialScript {
  /** Lines written to stdout, the first `stepMs` after the launch, each next one `stepMs` later. */
  lines?: readonly string[];
  /** Lines written to stderr just before the end. */
  stderr?: readonly string[];
  /** Virtual ms between the launch, each line, and the end. 0 by default. */
  stepMs?: number;
  /**
   * How it ends by itself, `stepMs` after its last line: an exit code, a signal (as a crash),
   * `vanish` (gone without an exit status, as when its host is lost), or `hang` (never: only
   * a signal ends it). 0 by default.
   */
  end?: number | ScriptSignal | 'vanish' | 'hang';
  /** `ignore`: SIGTERM changes nothing, only SIGKILL ends it. Dies of SIGTERM by default. */
  onSigterm?: 'die' | 'ignore';
  /**
   * Held in the executor's own queue this long (virtual ms) before it starts, as a Slurm job is:
   * reported `pending`, then `running`. Absent: it runs at once, as under the local executor.
   */
  queuedMs?: number;
}

export interface LaunchRecord {
  trialId: number;
  attempt: number;
  gpus: string[] | null;
  /** Date.now() at launch (virtual under fake timers). */
  at: number;
}

export interface SignalRecord {
  trialId: number;
  attempt: number;
  signal: 'SIGSTOP' | 'SIGCONT' | 'SIGTERM' | 'SIGKILL';
}

type Step = { kind: 'line'; text: string } | { kind: 'end' };

/** One attempt running its script. */
export class FakeTrial implements TrialProcess {
  readonly handle: ExecutorHandle;
  readonly pid = null;
  readonly exited: Promise<ExitStatus>;
  private resolveExit!: (status: ExitStatus) => void;
  private readonly steps: Step[];
  private timer: NodeJS.Timeout | null = null;
  /** While paused: how long the next step still had to wait. */
  private remainingMs: number | null = null;
  private dueAt = 0;
  private ended = false;
  /** Virtual time of its end (Date.now()), once ended. */
  endedAt: number | null = null;
  onStatus?: (listener: (status: ExecutorStatus) => void) => void;

  constructor(
    readonly spec: LaunchSpec,
    readonly script: TrialScript,
    private readonly executor: InMemoryExecutor,
  ) {
    this.handle = { fake: `${spec.trialId}.${spec.attempt}`, token: spec.token ?? null };
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    this.steps = [...(script.lines ?? []).map((text): Step => ({ kind: 'line', text })), { kind: 'end' }];
    const { queuedMs } = script;
    if (queuedMs === undefined) {
      this.arm(script.stepMs ?? 0);
      return;
    }
    this.onStatus = (listener) => {
      setTimeout(() => listener({ state: 'pending', reason: 'Priority' }), 0);
      setTimeout(() => {
        if (this.ended) return;
        listener({ state: 'running' });
        this.arm(script.stepMs ?? 0);
      }, queuedMs);
    };
  }

  get isEnded(): boolean {
    return this.ended;
  }

  get isPaused(): boolean {
    return this.remainingMs !== null;
  }

  async pause(): Promise<void> {
    this.executor.signalled(this, 'SIGSTOP');
    if (this.ended || this.remainingMs !== null) return;
    this.remainingMs = this.timer ? Math.max(0, this.dueAt - Date.now()) : Number.POSITIVE_INFINITY;
    this.disarm();
  }

  async resume(): Promise<void> {
    this.executor.signalled(this, 'SIGCONT');
    this.continue();
  }

  async terminate(): Promise<void> {
    this.executor.signalled(this, 'SIGTERM');
    if (this.ended) return;
    if (this.script.onSigterm === 'ignore') {
      // as the local executor does: SIGCONT follows SIGTERM, a paused trial runs on
      this.continue();
      return;
    }
    this.die('SIGTERM', true);
  }

  async kill(): Promise<void> {
    this.executor.signalled(this, 'SIGKILL');
    // the whole group, its wrapper too, dies: no exit_code file, as under the local executor
    this.die('SIGKILL', false);
  }

  /** Ends a trial from the test, as if its process had exited with `code` now. */
  exit(code: number): void {
    this.finish({ exitCode: code, signal: null }, `${code}\n`);
  }

  private continue(): void {
    if (this.ended || this.remainingMs === null) return;
    const remaining = this.remainingMs;
    this.remainingMs = null;
    if (Number.isFinite(remaining)) this.arm(remaining);
  }

  private arm(delayMs: number): void {
    const step = this.steps[0];
    if (step.kind === 'end' && this.script.end === 'hang') return;
    this.dueAt = Date.now() + delayMs;
    this.timer = setTimeout(() => this.next(), delayMs);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private next(): void {
    this.timer = null;
    const step = this.steps.shift()!;
    if (step.kind === 'line') {
      appendFileSync(this.spec.files.stdout, `${step.text}\n`);
      this.arm(this.script.stepMs ?? 0);
      return;
    }
    if (this.script.stderr?.length) appendFileSync(this.spec.files.stderr, `${this.script.stderr.join('\n')}\n`);
    const end = this.script.end ?? 0;
    if (typeof end === 'number') this.exit(end);
    else if (end === 'vanish') this.finish({ exitCode: null, signal: null }, null);
    else if (end !== 'hang') this.die(end, true);
  }

  /** Died of a signal; `wrapperSurvived`: the wrapper saw it and wrote 128 + n, as for a crash or SIGTERM. */
  private die(signal: ScriptSignal, wrapperSurvived: boolean): void {
    const status = 128 + SIGNALS[signal];
    if (wrapperSurvived) this.finish({ exitCode: status, signal }, `${status}\n`);
    else this.finish({ exitCode: null, signal }, null);
  }

  private finish(status: ExitStatus, exitCodeFile: string | null): void {
    if (this.ended) return;
    this.ended = true;
    this.endedAt = Date.now();
    this.disarm();
    if (exitCodeFile !== null) writeFileSync(this.spec.files.exitCode, exitCodeFile);
    this.executor.ended(this);
    this.resolveExit(status);
  }
}

export class InMemoryExecutor implements Executor {
  readonly launches: LaunchRecord[] = [];
  readonly signals: SignalRecord[] = [];
  /** Every GPU id given to a trial while another live trial held it, as `trial:gpu`. */
  readonly gpuClashes: string[] = [];
  /** Every attempt launched, in order. */
  readonly trials: FakeTrial[] = [];
  /** The most trials alive at once. */
  maxAlive = 0;
  closed = false;
  private readonly alive = new Set<FakeTrial>();

  /** `script`: what each attempt does; it sees the launch (trial id, attempt, GPUs, argv, env). */
  constructor(private readonly script: (spec: LaunchSpec) => TrialScript = () => ({})) {}

  async launch(spec: LaunchSpec): Promise<TrialProcess> {
    if (this.closed) throw new Error('launch after close()');
    for (const gpu of spec.gpus ?? []) {
      const holder = [...this.alive].find((t) => t.spec.gpus?.includes(gpu));
      if (holder) this.gpuClashes.push(`${spec.trialId}:${gpu} (held by ${holder.spec.trialId})`);
    }
    this.launches.push({ trialId: spec.trialId, attempt: spec.attempt, gpus: spec.gpus, at: Date.now() });
    const trial = new FakeTrial(spec, this.script(spec), this);
    this.trials.push(trial);
    this.alive.add(trial);
    this.maxAlive = Math.max(this.maxAlive, this.alive.size);
    return trial;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  get aliveCount(): number {
    return this.alive.size;
  }

  /** The latest attempt of a trial. */
  trial(id: number): FakeTrial | undefined {
    return this.trials.findLast((t) => t.spec.trialId === id);
  }

  /** @internal called by FakeTrial */
  ended(trial: FakeTrial): void {
    this.alive.delete(trial);
  }

  /** @internal called by FakeTrial */
  signalled(trial: FakeTrial, signal: SignalRecord['signal']): void {
    this.signals.push({ trialId: trial.spec.trialId, attempt: trial.spec.attempt, signal });
  }
}
