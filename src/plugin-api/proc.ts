/**
 * Linux /proc reads for process identity and trees. A pid alone is not an identity (pids are
 * reused), so a trial's process is recorded as pid + start time (field 22 of /proc/PID/stat).
 */
import { readdirSync, readFile, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

// fs.readFile, not fs.promises': the latter wraps a FileHandle around each read, and the local
// executor reads one stat per trial it starts
const readFileAsync = promisify(readFile);

export interface ProcStat {
  pid: number;
  /** One letter: R running, S sleeping, D disk, T stopped (SIGSTOP: a paused trial), Z zombie… */
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
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return undefined;
  }
}

/**
 * readStat off the event loop: reading /proc/PID/stat of a process still in exec() waits until
 * its exec is done. `procRoot` lets a test stand a folder in for /proc.
 */
export async function readStatAsync(pid: number, procRoot = '/proc'): Promise<ProcStat | undefined> {
  try {
    return parseStat(await readFileAsync(`${procRoot}/${pid}/stat`, 'latin1'));
  } catch {
    return undefined;
  }
}

/** One /proc/PID/stat line, or undefined when it is not one. */
export function parseStat(text: string): ProcStat | undefined {
  // the command name (field 2) may hold spaces and parentheses: count fields from its last ')'
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open === -1 || close === -1) return undefined;
  const fields = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // fields[0] is field 3 (state): field n is fields[n - 3]
  const stat: ProcStat = {
    pid: Number(text.slice(0, open).trim()),
    state: fields[0] ?? '?',
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    sid: Number(fields[3]),
    cpuTicks: Number(fields[11]) + Number(fields[12]),
    startTime: Number(fields[19]),
    rssPages: Number(fields[21]),
  };
  return Number.isFinite(stat.pid) && Number.isFinite(stat.pgid) ? stat : undefined;
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
