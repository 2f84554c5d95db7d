/**
 * Runs trials on this machine. Each trial gets its own process group (detached), stdin closed,
 * and its stdout/stderr written straight into its log files by the kernel — never through a pipe
 * to sweeptop, so a trial never dies of SIGPIPE when sweeptop exits or crashes (STACK-NOTES).
 */
import { closeSync, openSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { execa } from 'execa';
import { isAlive, readStat } from '../../src/plugin-api/proc.js';
import { groupAlive, signalTrial, TRIAL_TOKEN_VARIABLE, trialProcessesOf, type TrialIdentity } from './local/process-tree.js';
import { noOptions, readOptions } from '../../src/plugin-api/options.js';
import type { ExecutorHandle, ExecutorPlugin, ExitStatus, LaunchSpec, TrialLiveness, TrialProcess, Executor } from '../../src/plugin-api/executor.js';
import { signalFromStatus, wrapArgv } from './wrapper.js';

const ADOPTED_POLL_MS = 500;
const LEFTOVER_GRACE_MS = 2000;
const START_TIME_DELAY_MS = 50;

class LocalTrial implements TrialProcess {
  readonly handle: ExecutorHandle;

  constructor(
    readonly identity: TrialIdentity,
    startTime: number | null,
    readonly exited: Promise<ExitStatus>,
    /** Set for an adopted trial: its process was found stopped. */
    readonly paused?: boolean,
  ) {
    this.handle = { pid: identity.pid, startTime, token: identity.token };
  }

  get pid(): number {
    return this.identity.pid;
  }

  async pause(): Promise<void> {
    signalTrial(this.identity, 'SIGSTOP');
  }

  async resume(): Promise<void> {
    signalTrial(this.identity, 'SIGCONT');
  }

  async terminate(): Promise<void> {
    // A stopped process keeps SIGTERM pending until it is continued.
    signalTrial(this.identity, 'SIGTERM');
    signalTrial(this.identity, 'SIGCONT');
  }

  async kill(): Promise<void> {
    signalTrial(this.identity, 'SIGKILL');
  }
}

class LocalExecutor implements Executor {
  /** Every trial launched or adopted: `close()` makes sure none left a process behind. */
  private readonly trials: TrialIdentity[] = [];

  async launch(spec: LaunchSpec): Promise<TrialProcess> {
    const token = `${spec.files.dir}#${spec.attempt}#${randomUUID()}`;
    const subprocess = spawnWrapped(spec, token);
    const pid = subprocess.pid;
    const spawnError = new Promise<ExitStatus>((resolve) => subprocess.once('error', () => resolve({ exitCode: 127, signal: null })));
    if (pid === undefined) return this.track({ pid: -1, token }, null, spawnError);
    const exited = subprocess.then((result) => ({
      exitCode: result.signal ? null : (result.exitCode ?? null),
      signal: result.signal ?? (result.exitCode !== undefined ? signalFromStatus(result.exitCode) : null),
    }));
    const trial = this.track({ pid, token }, null, exited);
    // Read a moment after the launch: reading /proc/PID/stat while the process is still in
    // exec() waits for it. The handle is persisted by reference, so the value lands there.
    setTimeout(() => {
      const stat = readStat(pid);
      if (stat) trial.handle.startTime = stat.startTime;
    }, START_TIME_DELAY_MS);
    return trial;
  }

  /**
   * A trial started by an earlier controller: watched through /proc (pid and start time), ended
   * by its exit_code file. One that already ended is returned with its exit status; undefined
   * when it is gone without one.
   */
  async adopt(handle: ExecutorHandle, spec: LaunchSpec): Promise<TrialProcess | undefined> {
    const pid = Number(handle.pid);
    const startTime = handle.startTime === null ? null : Number(handle.startTime);
    const token = typeof handle.token === 'string' ? handle.token : null;
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    const liveness = probeLocal(handle);
    if (liveness === 'ended') {
      const status = await readExitCodeFile(spec.files.exitCode);
      return status.exitCode === null ? undefined : this.track({ pid, token }, startTime, Promise.resolve(status));
    }
    const exited = new Promise<ExitStatus>((resolve) => {
      const timer = setInterval(() => {
        if (isAlive(pid, startTime)) return;
        clearInterval(timer);
        void readExitCodeFile(spec.files.exitCode).then(resolve);
      }, ADOPTED_POLL_MS);
    });
    return this.track({ pid, token }, startTime, exited, liveness === 'paused');
  }

  /**
   * Kills whatever trial processes are still around, leftover children of finished trials too —
   * also those that left the group — in one pass over /proc.
   */
  async close(): Promise<void> {
    for (const processes of trialProcessesOf(this.trials).values()) {
      for (const stat of processes) {
        try {
          process.kill(stat.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
    this.trials.length = 0;
  }

  private track(identity: TrialIdentity, startTime: number | null, exited: Promise<ExitStatus>, paused?: boolean): LocalTrial {
    const trial = new LocalTrial(identity, startTime, exited, paused);
    this.trials.push(identity);
    // Children a finished trial left in its group (a DataLoader worker, a logger) must not outlive it.
    void exited.then(() => {
      if (!groupAlive(identity.pid)) return;
      void trial.terminate();
      setTimeout(() => void trial.kill(), LEFTOVER_GRACE_MS).unref();
    });
    return trial;
  }
}

function spawnWrapped(spec: LaunchSpec, token: string) {
  const stdout = openSync(spec.files.stdout, 'a');
  const stderr = openSync(spec.files.stderr, 'a');
  try {
    const [file, ...args] = wrapArgv(spec.files.exitCode, spec.argv);
    return execa(file, args, {
      cwd: spec.cwd,
      env: { ...spec.env, [TRIAL_TOKEN_VARIABLE]: token },
      extendEnv: true,
      detached: true,
      stdin: 'ignore',
      stdout: asDescriptor(stdout),
      stderr: asDescriptor(stderr),
      reject: false,
      cleanup: false,
    });
  } finally {
    // the child holds its own copies of the descriptors
    closeSync(stdout);
    closeSync(stderr);
  }
}

/** execa's types list only descriptors 3–9, but any open descriptor works at runtime. */
function asDescriptor(fd: number): 3 {
  return fd as 3;
}

/** The status the wrapper wrote, and when: the file is written the moment the trial ends (wrapper.ts). */
export async function readExitCodeFile(path: string): Promise<ExitStatus> {
  try {
    const text = await readFile(path, 'utf8');
    // without its newline the wrapper is still writing it (see wrapper.ts)
    const status = text.endsWith('\n') ? Number(text.trim()) : NaN;
    if (text.trim() !== '' && Number.isInteger(status)) {
      return { exitCode: status, signal: signalFromStatus(status), endedAt: (await stat(path)).mtimeMs };
    }
  } catch {
    // no file: the process vanished without an exit status
  }
  return { exitCode: null, signal: null };
}

/**
 * A trial's process from its handle, through /proc: pid AND start time, so that a reused pid is
 * never taken for it; stopped (state T) is paused.
 */
function probeLocal(handle: ExecutorHandle): TrialLiveness {
  if (typeof handle.pid !== 'number') return 'unknown';
  const startTime = typeof handle.startTime === 'number' ? handle.startTime : null;
  if (handle.pid <= 0 || !isAlive(handle.pid, startTime)) return 'ended';
  return readStat(handle.pid)?.state === 'T' ? 'paused' : 'running';
}

export const localExecutor: ExecutorPlugin = {
  name: 'local',
  kind: 'executor',
  description: 'run trials on this machine, each in its own process group',
  options: noOptions,
  create(given) {
    readOptions(noOptions, given, 'local executor');
    return new LocalExecutor();
  },
  probe: probeLocal,
};
