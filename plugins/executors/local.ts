/**
 * Runs trials on this machine. Each trial gets its own process group (detached), stdin closed,
 * and its stdout/stderr written straight into its log files by the kernel — never through a pipe
 * to sweeptop, so a trial never dies of SIGPIPE when sweeptop exits or crashes.
 */
import { close, open, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { bootId, isAlive, readEnvironVariable, readStat, readStatAsync, sameProcess } from '../../src/plugin-api/proc.js';
import { findByToken, groupAlive, signalTrial, TRIAL_TOKEN_VARIABLE, trialProcessesOf, type TrialIdentity } from './local/process-tree.js';
import {
  cgroupFrozen,
  cgroupPids,
  cgroupUnavailable,
  createTrialCgroup,
  enterCgroupArgv,
  freezeCgroup,
  killCgroup,
  removeWhenEmpty,
  signalCgroup,
} from './local/cgroup.js';
import { noOptions, readOptions } from '../../src/plugin-api/options.js';
import { PluginOptionError } from '../../src/plugin-api/errors.js';
import type {
  ExecutorHandle,
  ExecutorPlugin,
  ExitStatus,
  KillMode,
  LaunchSpec,
  LeftoverProcess,
  TrialFiles,
  TrialLiveness,
  TrialProcess,
  Executor,
} from '../../src/plugin-api/executor.js';
import { signalFromStatus, wrapArgv } from './wrapper.js';

const ADOPTED_POLL_MS = 500;
const LEFTOVER_GRACE_MS = 2000;
/** How long close() waits for a killed trial's cgroup to empty before it leaves the cgroup be. */
const CGROUP_EMPTY_MS = 5000;

/** A trial's process group, tree and logs; under `kill_mode: cgroup`, its cgroup too. */
type ContainedTrial = TrialIdentity & { cgroup?: string | null };

class LocalTrial implements TrialProcess {
  readonly handle: ExecutorHandle;

  constructor(
    readonly identity: ContainedTrial,
    readonly exited: Promise<ExitStatus>,
    /** Set for an adopted trial: its process was found stopped. */
    readonly paused?: boolean,
  ) {
    // pid + start time + boot id: whoever reads the handle back (launch.json) knows the process
    this.handle = {
      pid: identity.pid,
      startTime: identity.startTime,
      bootId: bootId(),
      token: identity.token,
      ...(identity.cgroup ? { cgroup: identity.cgroup } : {}),
    };
  }

  /** None for a trial that never started, or that was found already ended by its token. */
  get pid(): number | null {
    return this.identity.pid > 0 ? this.identity.pid : null;
  }

  async pause(): Promise<void> {
    const { cgroup } = this.identity;
    if (cgroup) freezeCgroup(cgroup, true);
    else signalTrial(this.identity, 'SIGSTOP');
  }

  async resume(): Promise<void> {
    const { cgroup } = this.identity;
    if (cgroup) freezeCgroup(cgroup, false);
    signalTrial(this.identity, 'SIGCONT');
  }

  async terminate(): Promise<void> {
    const { cgroup } = this.identity;
    // A stopped (or frozen) process keeps SIGTERM pending until it is continued.
    signalTrial(this.identity, 'SIGTERM');
    if (cgroup) {
      signalCgroup(cgroup, 'SIGTERM');
      freezeCgroup(cgroup, false);
    }
    signalTrial(this.identity, 'SIGCONT');
  }

  async kill(): Promise<void> {
    const { cgroup } = this.identity;
    if (cgroup) killCgroup(cgroup);
    signalTrial(this.identity, 'SIGKILL');
  }
}

class LocalExecutor implements Executor {
  /** Every trial launched or adopted: `close()` makes sure none left a process behind. */
  private readonly trials: ContainedTrial[] = [];

  constructor(private readonly killMode: KillMode) {}

  async launch(spec: LaunchSpec): Promise<TrialProcess> {
    const token = spec.token ?? `${spec.files.dir}#${spec.attempt}#${randomUUID()}`;
    const cgroup = this.killMode === 'cgroup' ? createTrialCgroup(`${spec.trialId}.${spec.attempt}`) : null;
    const subprocess = spawnWrapped(spec, token, cgroup, await openLogs(spec));
    const pid = subprocess.pid;
    const logs = logsOf(spec);
    const spawnError = new Promise<ExitStatus>((resolve) => subprocess.once('error', () => resolve({ exitCode: 127, signal: null })));
    if (pid === undefined) return this.track({ pid: -1, startTime: null, token, logs, cgroup }, spawnError);
    const exited = new Promise<ExitStatus>((resolve) =>
      subprocess.once('exit', (exitCode, signal) =>
        resolve({
          exitCode: signal ? null : exitCode,
          signal: signal ?? (exitCode !== null ? signalFromStatus(exitCode) : null),
        }),
      ),
    );
    // Known before the trial is reported started (and launch.json written): the pid is our
    // unreaped child until then, so its start time is this process's. Read off the event loop,
    // as a process in exec() makes the read wait.
    const startTime = (await readStatAsync(pid))?.startTime ?? null;
    return this.track({ pid, startTime, token, logs, cgroup }, exited);
  }

  /**
   * A trial started by an earlier controller: watched through /proc (pid and start time), ended
   * by its exit_code file. One that already ended is returned with its exit status; undefined
   * when it is gone without one.
   */
  async adopt(handle: ExecutorHandle, spec: LaunchSpec): Promise<TrialProcess | undefined> {
    const pid = Number(handle.pid);
    const token = typeof handle.token === 'string' ? handle.token : null;
    const cgroup = typeof handle.cgroup === 'string' ? handle.cgroup : null;
    const logs = logsOf(spec);
    if (handle.pid === undefined || handle.pid === null) return token === null ? undefined : this.adoptByToken(token, cgroup, spec);
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    const startTime = identify(handle);
    if (startTime === 'unsure') {
      return this.track(
        { pid, startTime: null, token, unidentified: true },
        Promise.resolve({ exitCode: null, signal: null, reason: unsureReason(pid, spec.trialId) }),
      );
    }
    const liveness = probeLocal(handle);
    if (liveness === 'ended') {
      const status = await readExitCodeFile(spec.files.exitCode);
      return status.exitCode === null ? undefined : this.track({ pid, startTime, token, logs, cgroup }, Promise.resolve(status));
    }
    return this.follow({ pid, startTime, token, logs, cgroup }, spec, liveness === 'paused');
  }

  /**
   * A trial launched by an earlier controller that died before it recorded the pid: it may have
   * started. Its exit_code file says it ended (the wrapper writes it last); else a live process
   * carrying its token is it; else it never started, or died without an exit status.
   */
  private async adoptByToken(token: string, cgroup: string | null, spec: LaunchSpec): Promise<TrialProcess | undefined> {
    const logs = logsOf(spec);
    const ended = await readExitCodeFile(spec.files.exitCode);
    if (ended.exitCode !== null) return this.track({ pid: -1, startTime: null, token, logs, cgroup }, Promise.resolve(ended));
    const root = findByToken(token);
    if (!root) return undefined;
    return this.follow({ pid: root.pid, startTime: root.startTime, token, logs, cgroup }, spec, root.state === 'T');
  }

  /** A live trial process this executor did not start: watched through /proc until it is gone. */
  private follow(identity: ContainedTrial, spec: LaunchSpec, paused: boolean): LocalTrial {
    const { pid, startTime } = identity;
    const exited = new Promise<ExitStatus>((resolve) => {
      const timer = setInterval(() => {
        if (isAlive(pid, startTime)) return;
        clearInterval(timer);
        void readExitCodeFile(spec.files.exitCode).then(resolve);
      }, ADOPTED_POLL_MS);
    });
    return this.track(identity, exited, paused);
  }

  /**
   * Kills whatever trial processes are still around, leftover children of finished trials too —
   * also those that left the group — in one pass over /proc.
   */
  async close(): Promise<void> {
    const cgroups = this.trials.flatMap((t) => (t.cgroup ? [t.cgroup] : []));
    for (const cgroup of cgroups) killCgroup(cgroup);
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
    await Promise.all(cgroups.map((cgroup) => removeWhenEmpty(cgroup, CGROUP_EMPTY_MS)));
  }

  private track(identity: ContainedTrial, exited: Promise<ExitStatus>, paused?: boolean): LocalTrial {
    const trial = new LocalTrial(identity, exited, paused);
    if (identity.unidentified) return trial;
    this.trials.push(identity);
    // Children a finished trial left in its group (a DataLoader worker, a logger) must not outlive it.
    void exited.then(() => {
      const { cgroup } = identity;
      const leftovers = groupAlive(identity.pid) || (cgroup ? cgroupPids(cgroup).length > 0 : false);
      if (leftovers) {
        void trial.terminate();
        setTimeout(() => void trial.kill(), LEFTOVER_GRACE_MS).unref();
      }
      if (cgroup) void removeWhenEmpty(cgroup, LEFTOVER_GRACE_MS + CGROUP_EMPTY_MS);
    });
    return trial;
  }
}

/** The trial's log files, as /proc/PID/fd shows them (absolute). */
function logsOf(spec: LaunchSpec): string[] {
  return [resolve(spec.files.stdout), resolve(spec.files.stderr)];
}

const openFd = promisify(open);

/** The trial's log files opened for appending, off the event loop: descriptors for its stdout and stderr. */
function openLogs(spec: LaunchSpec): Promise<[number, number]> {
  return Promise.all([openFd(spec.files.stdout, 'a'), openFd(spec.files.stderr, 'a')]);
}

/**
 * The trial's process, its output appended to its log files (`logs`: their descriptors, closed
 * here). Node's own spawn, not execa: with no pipe to this process there is nothing for execa to
 * do, and its per-process setup (options, streams, promises) took about 9 % of the controller's
 * main thread in a sweep of no-op trials (CPU profile, parallel 8).
 */
function spawnWrapped(spec: LaunchSpec, token: string, cgroup: string | null, [stdout, stderr]: [number, number]) {
  try {
    const wrapped = wrapArgv(spec.files.exitCode, spec.argv);
    const [file, ...args] = cgroup ? enterCgroupArgv(cgroup, wrapped) : wrapped;
    return spawn(file!, args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env, [TRIAL_TOKEN_VARIABLE]: token },
      detached: true,
      stdio: ['ignore', stdout, stderr],
    });
  } finally {
    // the child holds its own copies of the descriptors
    close(stdout, () => {});
    close(stderr, () => {});
  }
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
 * A trial's process from its handle, through /proc: pid AND start time (and boot id), so that a
 * reused pid is never taken for it; stopped (state T) is paused. A handle without a start time
 * (an older sweeptop's) is the trial's only if the process carries the trial's token.
 */
function probeLocal(handle: ExecutorHandle): TrialLiveness {
  if ((handle.pid === undefined || handle.pid === null) && typeof handle.token === 'string') {
    // launched, pid never recorded: its processes carry its token
    const root = findByToken(handle.token);
    return root === undefined ? 'ended' : root.state === 'T' ? 'paused' : 'running';
  }
  if (typeof handle.pid !== 'number') return 'unknown';
  if (handle.pid <= 0) return 'ended';
  const startTime = identify(handle);
  if (startTime === 'unsure') return 'unknown';
  if (!isAlive(handle.pid, startTime) || startTime === null) return 'ended';
  if (typeof handle.cgroup === 'string' && cgroupFrozen(handle.cgroup)) return 'paused';
  return readStat(handle.pid)?.state === 'T' ? 'paused' : 'running';
}

/**
 * The start time of the process the handle names, when the process with that pid now is it;
 * null when it is gone (or the pid is another's now); 'unsure' when that cannot be told.
 */
function identify(handle: ExecutorHandle): number | null | 'unsure' {
  const pid = Number(handle.pid);
  const recorded = typeof handle.startTime === 'number' ? handle.startTime : null;
  const judged = sameProcess(pid, recorded, typeof handle.bootId === 'string' ? handle.bootId : null);
  if (judged === 'same') return recorded;
  if (judged === 'other') return null;
  // no start time recorded: the token in the process's environment can still prove it the trial's
  const token = typeof handle.token === 'string' ? handle.token : null;
  if (token !== null && readEnvironVariable(pid, TRIAL_TOKEN_VARIABLE) === token) return readStat(pid)?.startTime ?? null;
  return 'unsure';
}

function unsureReason(pid: number, trialId: number): string {
  return (
    `cannot be sure that process ${pid} is trial ${trialId}'s: its launch record has no start time (written by an older sweeptop) ` +
    `and the process does not carry the trial's token; it is not signalled (\`ps -p ${pid}\` shows what it is)`
  );
}

/** What is left of these trials: their groups, trees, tokens and log writers, and their cgroups. */
function leftoversLocal(trials: ReadonlyArray<{ handle: ExecutorHandle; files: TrialFiles }>): LeftoverProcess[] {
  const identities: ContainedTrial[] = trials.flatMap(({ handle, files }) => {
    const pid = Number(handle.pid);
    const token = typeof handle.token === 'string' ? handle.token : null;
    const cgroup = typeof handle.cgroup === 'string' ? handle.cgroup : null;
    // launched, pid never recorded: what carries its token (or writes its logs) is the trial's
    if ((handle.pid === undefined || handle.pid === null) && token !== null)
      return [{ pid: -1, startTime: null, token, cgroup, logs: [resolve(files.stdout), resolve(files.stderr)] }];
    if (!Number.isInteger(pid) || pid <= 0) return [];
    const startTime = identify(handle);
    // a pid now another process's (start time differs) is not the trial's, nor is its group: a
    // pid is never reused while its group has members
    const reused = (startTime === null || startTime === 'unsure') && readStat(pid) !== undefined;
    return [
      {
        pid: reused ? -1 : pid,
        startTime: typeof startTime === 'number' ? startTime : null,
        token,
        cgroup,
        logs: [resolve(files.stdout), resolve(files.stderr)],
      },
    ];
  });
  const pids = new Set<number>();
  for (const processes of trialProcessesOf(identities).values()) for (const stat of processes) pids.add(stat.pid);
  for (const { cgroup } of identities) if (cgroup) for (const pid of cgroupPids(cgroup)) pids.add(pid);
  pids.delete(process.pid);
  return [...pids]
    .filter((pid) => isAlive(pid))
    .sort((a, b) => a - b)
    .map((pid) => ({ pid, command: commandLine(pid) }));
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') || '?';
  } catch {
    return '?';
  }
}

export const localExecutor: ExecutorPlugin = {
  name: 'local',
  kind: 'executor',
  description: 'run trials on this machine, each in its own process group',
  options: noOptions,
  create(given, context) {
    readOptions(noOptions, given, 'local executor');
    const killMode = context?.killMode ?? 'group';
    const unavailable = killMode === 'cgroup' ? cgroupUnavailable() : null;
    if (unavailable !== null) throw new PluginOptionError('kill_mode', `cgroup cannot be used here: ${unavailable}`);
    return new LocalExecutor(killMode);
  },
  probe: probeLocal,
  leftovers: leftoversLocal,
};
