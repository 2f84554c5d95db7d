/**
 * Every process a trial started: its process group, every descendant of its root process (also
 * those that left the group with setsid), any process still carrying the trial's token in its
 * environment (a descendant re-parented to init after its parent died), and any process whose
 * stdout or stderr is the trial's log file (one that also cleared its environment, as
 * `Popen(start_new_session=True, env={})` does). Kill and pause must reach all of them:
 * DataLoader workers and DDP ranks hold GPU memory. A process that did all of that AND sent its
 * output elsewhere (a daemon) is tied to the trial by nothing left to see: only a cgroup
 * (`kill_mode: cgroup`, cgroup.ts) holds it.
 */
import { readlinkSync } from 'node:fs';
import { allPids, readEnvironVariable, readStat, type ProcStat } from '../../../src/plugin-api/proc.js';

export const TRIAL_TOKEN_VARIABLE = 'SWEEPTOP_TRIAL_TOKEN';

export interface TrialIdentity {
  /** The wrapper's pid, which is also the process group id. */
  pid: number;
  /** The wrapper's start time (/proc/PID/stat): a process with its pid and another start time is not the trial. */
  startTime: number | null;
  token: string | null;
  /** The trial's stdout and stderr log files (absolute paths). */
  logs?: readonly string[];
  /** A process that cannot be told to be the trial's (see local.ts): never signalled. */
  unidentified?: boolean;
}

export function trialProcesses(identity: TrialIdentity): ProcStat[] {
  return trialProcessesOf([identity]).get(identity.pid) ?? [];
}

/** One pass over /proc for many trials: the processes of each, by the trial's pid. */
export function trialProcessesOf(identities: readonly TrialIdentity[]): Map<number, ProcStat[]> {
  const result = new Map<number, ProcStat[]>();
  if (identities.length === 0) return result;
  const stats = allPids()
    .map(readStat)
    .filter((s): s is ProcStat => s !== undefined && s.state !== 'Z' && s.pid !== process.pid);
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) {
    const list = children.get(stat.ppid);
    if (list) list.push(stat);
    else children.set(stat.ppid, [stat]);
  }
  const byToken = new Map(identities.filter((i) => i.token).map((i) => [i.token!, i.pid]));
  const owner = new Map<number, number>();
  const visit = (stat: ProcStat, trialPid: number) => {
    if (owner.has(stat.pid)) return;
    owner.set(stat.pid, trialPid);
    result.get(trialPid)!.push(stat);
    for (const child of children.get(stat.pid) ?? []) visit(child, trialPid);
  };
  const pids = new Set(identities.map((i) => i.pid));
  // a root whose pid another process has now (another start time) is gone: none of its are found
  // through that pid; while any of its group lived, its pid could not have been reused
  const reused = new Set(
    identities.filter((i) => i.startTime !== null && stats.some((s) => s.pid === i.pid && s.startTime !== i.startTime)).map((i) => i.pid),
  );
  for (const identity of identities) result.set(identity.pid, []);
  for (const stat of stats) {
    if (reused.has(stat.pid) || reused.has(stat.pgid)) continue;
    if (pids.has(stat.pid)) visit(stat, stat.pid);
    else if (pids.has(stat.pgid)) visit(stat, stat.pgid);
  }
  if (byToken.size > 0) {
    for (const stat of stats) {
      if (owner.has(stat.pid)) continue;
      const token = readEnvironVariable(stat.pid, TRIAL_TOKEN_VARIABLE);
      const trialPid = token === undefined ? undefined : byToken.get(token);
      if (trialPid !== undefined) visit(stat, trialPid);
    }
  }
  const byLog = new Map(identities.flatMap((i) => (i.logs ?? []).map((log) => [log, i.pid] as const)));
  if (byLog.size > 0) {
    for (const stat of stats) {
      if (owner.has(stat.pid)) continue;
      const trialPid = byLog.get(outputOf(stat.pid, 1) ?? '') ?? byLog.get(outputOf(stat.pid, 2) ?? '');
      if (trialPid !== undefined) visit(stat, trialPid);
    }
  }
  return result;
}

/**
 * The root of the trial whose processes carry `token` — the wrapper, which started before
 * anything it started — when one is alive: how a trial whose pid was never recorded (its
 * controller died between the spawn and launch.json) is found.
 */
export function findByToken(token: string): ProcStat | undefined {
  let root: ProcStat | undefined;
  for (const pid of allPids()) {
    if (pid === process.pid || readEnvironVariable(pid, TRIAL_TOKEN_VARIABLE) !== token) continue;
    const stat = readStat(pid);
    if (!stat || stat.state === 'Z' || stat.state === 'X') continue;
    if (!root || stat.startTime < root.startTime || (stat.startTime === root.startTime && stat.pid === stat.pgid)) root = stat;
  }
  return root;
}

/** The file a process's descriptor points to; undefined for none, or when it cannot be read. */
function outputOf(pid: number, fd: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/** True while any process is left in the group (a cheap check: no /proc scan). */
export function groupAlive(pgid: number): boolean {
  // no group of its own known (a trial that never started, or found only by its token): -1 would name init
  if (pgid <= 1) return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Sends `signal` to the trial's process group and to each of its processes outside the group.
 * Returns how many processes were signalled.
 */
export function signalTrial(identity: TrialIdentity, signal: NodeJS.Signals): number {
  if (identity.unidentified) return 0;
  const processes = trialProcesses(identity);
  try {
    // its group, unless its pid is another process's now (then its group is empty: a pid is not
    // reused while a process group of that number has a member)
    const leader = readStat(identity.pid);
    const known = identity.pid > 1;
    if (known && (!leader || identity.startTime === null || leader.startTime === identity.startTime)) process.kill(-identity.pid, signal);
  } catch {
    // the group may be empty already
  }
  for (const stat of processes) {
    if (stat.pgid === identity.pid) continue;
    try {
      process.kill(stat.pid, signal);
    } catch {
      // gone meanwhile
    }
  }
  return processes.length;
}
