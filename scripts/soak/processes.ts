/** What the soak looks for in /proc: the sweep's trial processes (by the token in their environment) and its controllers. */
import { readFileSync } from 'node:fs';
import { allPids, readEnvironVariable, readStat, type ProcStat } from '../../src/plugin-api/proc.js';

/** The environment variable the soak's sweep gives every trial; every descendant inherits it. */
export const SOAK_TOKEN_VARIABLE = 'SOAK_TOKEN';

export interface FoundProcess {
  pid: number;
  pgid: number;
  state: string;
  command: string;
}

function describe(stat: ProcStat): FoundProcess {
  return { pid: stat.pid, pgid: stat.pgid, state: stat.state, command: commandLine(stat.pid) };
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

const live = (pid: number): ProcStat | undefined => {
  const stat = readStat(pid);
  return stat && stat.state !== 'Z' && stat.state !== 'X' && pid !== process.pid ? stat : undefined;
};

/** Live processes whose environment carries the token. */
export function tokenProcesses(token: string): FoundProcess[] {
  const found: FoundProcess[] = [];
  for (const pid of allPids()) {
    if (readEnvironVariable(pid, SOAK_TOKEN_VARIABLE) !== token) continue;
    const stat = live(pid);
    if (stat) found.push(describe(stat));
  }
  return found;
}

/** Live sweeptop processes whose command line names the sweep directory (a controller, a resume). */
export function processesNaming(dir: string): FoundProcess[] {
  const found: FoundProcess[] = [];
  for (const pid of allPids()) {
    const command = commandLine(pid);
    if (!command.includes(dir)) continue;
    const stat = live(pid);
    if (stat) found.push(describe(stat));
  }
  return found;
}
