/**
 * Reads /proc/<pid>/stat. A trial runs in its own process group (the executor starts it detached),
 * so its CPU and memory are the sums over every process whose pgrp is the trial's pid — the
 * DataLoader workers and shell wrappers included.
 */
import { readFile, readdir } from 'node:fs/promises';

export interface ProcStat {
  pid: number;
  /** R running, S sleeping, D disk, T stopped (SIGSTOP: a paused trial), Z zombie, … */
  state: string;
  ppid: number;
  pgid: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
  /** Start time after boot, in clock ticks. */
  startTicks: number;
  rssPages: number;
}

/**
 * Parses one stat line. The command name is in parentheses and may itself contain spaces and
 * parentheses, so fields are counted from the last ')'.
 */
export function parseStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open === -1 || close === -1) return null;
  const pid = Number(text.slice(0, open).trim());
  const f = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // f[0] is field 3 (state): field n is f[n - 3].
  const stat: ProcStat = {
    pid,
    state: f[0] ?? '?',
    ppid: Number(f[1]),
    pgid: Number(f[2]),
    cpuTicks: Number(f[11]) + Number(f[12]),
    startTicks: Number(f[19]),
    rssPages: Number(f[21]),
  };
  return Number.isFinite(stat.pid) && Number.isFinite(stat.pgid) ? stat : null;
}

/** Every process visible in `procRoot`; processes that exit while being read are skipped. */
export async function readAllStats(procRoot = '/proc'): Promise<ProcStat[]> {
  let entries: string[];
  try {
    entries = await readdir(procRoot);
  } catch {
    return [];
  }
  const stats = await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map((pid) => readStat(procRoot, Number(pid))));
  return stats.filter((s): s is ProcStat => s !== null);
}

export async function readStat(procRoot: string, pid: number): Promise<ProcStat | null> {
  try {
    return parseStat(await readFile(`${procRoot}/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Seconds since boot, from /proc/uptime, or null where there is none. */
export async function readUptime(procRoot = '/proc'): Promise<number | null> {
  try {
    const seconds = Number.parseFloat((await readFile(`${procRoot}/uptime`, 'utf8')).split(' ')[0]);
    return Number.isFinite(seconds) ? seconds : null;
  } catch {
    return null;
  }
}
