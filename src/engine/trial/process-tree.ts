/**
 * Every process a trial started: its process group, every descendant of its root process (also
 * those that left the group with setsid), and any process still carrying the trial's token in
 * its environment (a descendant re-parented to init after its parent died). Kill and pause must
 * reach all of them: DataLoader workers and DDP ranks hold GPU memory.
 */
import { allPids, readEnvironVariable, readStat, type ProcStat } from './proc.js';

export const TRIAL_TOKEN_VARIABLE = 'SWEEPTOP_TRIAL_TOKEN';

export interface TrialIdentity {
  /** The wrapper's pid, which is also the process group id. */
  pid: number;
  token: string | null;
}

export function trialProcesses(identity: TrialIdentity): ProcStat[] {
  const stats = allPids()
    .map(readStat)
    .filter((s): s is ProcStat => s !== undefined && s.state !== 'Z' && s.pid !== process.pid);
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) {
    const list = children.get(stat.ppid);
    if (list) list.push(stat);
    else children.set(stat.ppid, [stat]);
  }
  const found = new Map<number, ProcStat>();
  const visit = (stat: ProcStat) => {
    if (found.has(stat.pid)) return;
    found.set(stat.pid, stat);
    for (const child of children.get(stat.pid) ?? []) visit(child);
  };
  for (const stat of stats) {
    if (stat.pid === identity.pid || stat.pgid === identity.pid) visit(stat);
  }
  if (identity.token) {
    for (const stat of stats) {
      if (!found.has(stat.pid) && readEnvironVariable(stat.pid, TRIAL_TOKEN_VARIABLE) === identity.token) visit(stat);
    }
  }
  return [...found.values()];
}

/**
 * Sends `signal` to the trial's process group and to each of its processes outside the group.
 * Returns how many processes were signalled.
 */
export function signalTrial(identity: TrialIdentity, signal: NodeJS.Signals): number {
  const processes = trialProcesses(identity);
  try {
    process.kill(-identity.pid, signal);
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
