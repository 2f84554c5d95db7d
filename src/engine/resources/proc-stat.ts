/**
 * Every process's /proc/<pid>/stat at once. A trial runs in its own process group (the executor
 * starts it detached), so its CPU and memory are the sums over every process whose pgrp is the
 * trial's pid — the DataLoader workers and shell wrappers included.
 */
import { readFile, readdir } from 'node:fs/promises';
import { readStatAsync, type ProcStat } from '../../plugin-api/proc.js';

/** Every process visible in `procRoot`; processes that exit while being read are skipped. */
export async function readAllStats(procRoot = '/proc'): Promise<ProcStat[]> {
  let entries: string[];
  try {
    entries = await readdir(procRoot);
  } catch {
    return [];
  }
  const stats = await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map((pid) => readStatAsync(Number(pid), procRoot)));
  return stats.filter((s): s is ProcStat => s !== undefined);
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
