/** The executor interface: launch a trial, signal it, learn how it ended, find it again later. */
import type { Plugin } from './plugin.js';

/** Where a trial's output and exit status go; every executor produces these same files. */
export interface TrialFiles {
  dir: string;
  stdout: string;
  stderr: string;
  /** Written by the wrapper when the trial ends: its exit status as a decimal number. */
  exitCode: string;
}

export interface LaunchSpec {
  trialId: number;
  attempt: number;
  /** The argv to run (already templated; with `shell: true`, ['/bin/sh', '-c', command]). */
  argv: string[];
  /** Variables to add to the inherited environment. */
  env: Record<string, string>;
  cwd: string;
  files: TrialFiles;
  /** GPU ids assigned by the engine (local and SSH executors); null when the sweep has no `gpus`. */
  gpus: string[] | null;
  /**
   * This attempt's token, recorded (launch.json) before the launch: the local executor puts it
   * in every trial process's environment (SWEEPTOP_TRIAL_TOKEN), so a trial whose pid was never
   * recorded can still be found. Absent: the executor makes one up.
   */
  token?: string;
}

/**
 * What is persisted so that a later controller can find a running trial again. It is the
 * executor's own data: the engine stores it and hands it back, and reads nothing in it.
 */
export type ExecutorHandle = Record<string, string | number | null>;

/**
 * What an executor can tell of a trial from its handle alone: its process runs, is stopped
 * (paused), is gone (`ended`: the engine then reads its exit_code file), or cannot be looked at
 * from here (`unknown`: a Slurm job, a trial on an SSH host).
 */
export type TrialLiveness = 'running' | 'paused' | 'ended' | 'unknown';

export interface ExitStatus {
  /** The trial's exit code (128+n when it died of signal n under the wrapper); null if unknown. */
  exitCode: number | null;
  /** Signal name when the trial (or its wrapper) was killed by one, e.g. 'SIGKILL'. */
  signal: string | null;
  /** Why the executor ended the trial itself (sbatch's error, an unreachable host): the trial's reason. */
  reason?: string;
  /**
   * When the trial exited (ms since the epoch), when the executor learned it after the fact: the
   * mtime of the exit-code file the wrapper wrote. An adopted trial's runtime ends then, not
   * when the controller found it ended.
   */
  endedAt?: number;
}

export interface ExecutorStatus {
  state: 'pending' | 'running';
  /** e.g. Slurm's reason for a pending job: 'Priority', 'Resources'. */
  reason?: string;
  /** GPUs the trial was given by its scheduler or host (Slurm's SLURM_JOB_GPUS, an SSH host's slot). */
  gpus?: string[];
  /** Where it runs: the SSH host, or Slurm's node. */
  host?: string;
}

export interface TrialProcess {
  readonly handle: ExecutorHandle;
  /** The pid to show for the trial: a process on this machine. Absent or null when it has none here. */
  readonly pid?: number | null;
  /**
   * Only for a trial found again by `adopt`: whether it is stopped (paused) now. Absent when the
   * executor cannot tell; the engine then keeps the state it had recorded.
   */
  readonly paused?: boolean;
  /** Resolves once when the trial has ended, however it ended. */
  readonly exited: Promise<ExitStatus>;
  /** Called by executors that queue trials themselves (Slurm) when the trial's status changes. */
  onStatus?(listener: (status: ExecutorStatus) => void): void;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Graceful stop: SIGTERM to everything the trial started (and SIGCONT, in case it is paused). */
  terminate(): Promise<void>;
  /** Forced stop: SIGKILL to everything the trial started. */
  kill(): Promise<void>;
}

export interface Executor {
  launch(spec: LaunchSpec): Promise<TrialProcess>;
  /** Find a trial started by an earlier controller; undefined when its process is gone. */
  adopt?(handle: ExecutorHandle, spec: LaunchSpec): Promise<TrialProcess | undefined>;
  close(): Promise<void>;
}

/**
 * How a trial's processes are held together: `group`, its process group (plus what can be traced
 * to it through /proc); `cgroup`, a cgroup v2 of its own (the local executor only).
 */
export type KillMode = 'group' | 'cgroup';

export interface ExecutorContext {
  sweepDir: string;
  /** The sweep's kill_mode; absent means `group`. Only the local executor is given `cgroup`. */
  killMode?: KillMode;
  /** Folder of the sweep file: relative paths in the executor's options are relative to it (else to the cwd). */
  baseDir?: string;
  /** The sweep's gpus_per_trial, for executors that hand out GPUs themselves (SSH hosts); 1 when absent. */
  gpusPerTrial?: number;
  /** Asks the engine to stop launching trials (an executor that can no longer submit any); optional. */
  stopLaunching?(reason: string): void;
}

export interface ExecutorPlugin extends Plugin<'executor', Executor, ExecutorContext> {
  /**
   * Looks at a trial from its handle, without creating an executor: `sweeptop status` of a sweep
   * whose controller is gone. Absent: every trial is `unknown`.
   */
  probe?(handle: ExecutorHandle): TrialLiveness | Promise<TrialLiveness>;
  /**
   * Every process of these trials that is still there, from their handles alone: what `sweeptop
   * stop` checks before it says the sweep is stopped. Absent: the executor cannot look.
   */
  leftovers?(trials: ReadonlyArray<{ handle: ExecutorHandle; files: TrialFiles }>): LeftoverProcess[] | Promise<LeftoverProcess[]>;
}

export interface LeftoverProcess {
  pid: number;
  /** Its command line, as /proc shows it. */
  command: string;
}
