/**
 * Linux /proc reads for process identity and trees. A pid alone is not an identity (pids are
 * reused), so a trial's process is recorded as pid + start time (field 22 of /proc/PID/stat).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface ProcStat {
  pid: number;
  /** One letter: R running, S sleeping, T stopped, Z zombie… */
  state: string;
  ppid: number;
  pgid: number;
  sid: number;
  /** Clock ticks after boot; with the pid, identifies the process. */
  startTime: number;
  /** User + system CPU time in clock ticks. */
  cpuTicks: number;
  /** Resident set size in pages. */
  rssPages: number;
}

export function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  return parseStat(pid, text);
}

function parseStat(pid: number, text: string): ProcStat {
  // the command name (field 2) may hold spaces and parentheses: split after its last ')'
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  return {
    pid,
    state: fields[0],
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    sid: Number(fields[3]),
    cpuTicks: Number(fields[11]) + Number(fields[12]),
    startTime: Number(fields[19]),
    rssPages: Number(fields[21]),
  };
}

/**
 * readStat off the event loop: reading /proc/PID/stat of a process still in exec() waits until
 * its exec is done.
 */
export async function readStatAsync(pid: number): Promise<ProcStat | undefined> {
  try {
    return parseStat(pid, await readFile(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return undefined;
  }
}

let thisBoot: string | null | undefined;

/** /proc/sys/kernel/random/boot_id: a pid and start time recorded before a restart name nothing now. */
export function bootId(): string | null {
  if (thisBoot === undefined) {
    try {
      thisBoot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      thisBoot = null;
    }
  }
  return thisBoot;
}

/**
 * Whether the process recorded as pid + start time + boot id is the one that has that pid now:
 * `same`, `other` (the pid is free or reused, or the machine restarted), or `unsure` when no
 * start time was recorded (a pid alone names whoever has it now).
 */
export function sameProcess(pid: number, startTime: number | null | undefined, recordedBoot?: string | null): 'same' | 'other' | 'unsure' {
  if (recordedBoot && bootId() !== null && recordedBoot !== bootId()) return 'other';
  const stat = readStat(pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return 'other';
  if (startTime === undefined || startTime === null) return 'unsure';
  return stat.startTime === startTime ? 'same' : 'other';
}

export function allPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** True when the process exists, is not a zombie, and (when given) started at `startTime`. */
export function isAlive(pid: number, startTime?: number | null): boolean {
  const stat = readStat(pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return startTime === undefined || startTime === null || stat.startTime === startTime;
}

export function readEnvironVariable(pid: number, name: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/environ`, 'latin1');
  } catch {
    return undefined;
  }
  const prefix = `${name}=`;
  const found = text.startsWith(prefix) ? 0 : text.indexOf(`\0${prefix}`);
  if (found === -1) return undefined;
  const start = found === 0 && text.startsWith(prefix) ? 0 : found + 1;
  const end = text.indexOf('\0', start);
  return text.slice(start + prefix.length, end === -1 ? undefined : end);
}
