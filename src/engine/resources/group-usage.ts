/**
 * CPU % and RSS per process group, from two successive /proc readings. CPU is the growth of
 * utime+stime between samples; a process born since the last sample counts from zero, so short-lived
 * workers are not missed, and one that was already there but untracked adds nothing (no spike).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ProcStat } from '../../plugin-api/proc.js';
import { readAllStats, readUptime } from './proc-stat.js';
import type { GroupUsage } from './types.js';

export interface GroupSamplerOptions {
  /** @default '/proc' */
  procRoot?: string;
  /** Clock ticks a second (`getconf CLK_TCK`). @default from getconf, else 100 */
  clockTicks?: number;
  /** Bytes a page (`getconf PAGESIZE`). @default from getconf, else 4096 */
  pageSize?: number;
}

export class GroupSampler {
  private readonly procRoot: string;
  private readonly clockTicks: number | undefined;
  private readonly pageSize: number | undefined;
  /** Asked of getconf, without blocking, when first needed. */
  private system: Promise<{ clockTicks: number; pageSize: number }> | null = null;
  private previous = new Map<number, number>();
  private previousUptime: number | null = null;

  constructor(options: GroupSamplerOptions = {}) {
    this.procRoot = options.procRoot ?? '/proc';
    this.clockTicks = options.clockTicks;
    this.pageSize = options.pageSize;
  }

  /** Usage of the given process groups, plus the raw stats (for finding the pgid of GPU pids). */
  async sample(pgids: readonly number[]): Promise<{ groups: Map<number, GroupUsage>; stats: ProcStat[] }> {
    this.system ??= Promise.all([this.clockTicks ?? getconf('CLK_TCK', 100), this.pageSize ?? getconf('PAGESIZE', 4096)]).then(
      ([clockTicks, pageSize]) => ({ clockTicks, pageSize }),
    );
    const [stats, uptime, { clockTicks, pageSize }] = await Promise.all([
      readAllStats(this.procRoot),
      readUptime(this.procRoot),
      this.system,
    ]);
    const wanted = new Set(pgids);
    const groups = new Map<number, GroupUsage>();
    const current = new Map<number, number>();
    const elapsed = uptime !== null && this.previousUptime !== null ? uptime - this.previousUptime : null;
    const bornAfter = this.previousUptime === null ? Infinity : this.previousUptime * clockTicks;

    for (const stat of stats) {
      if (!wanted.has(stat.pgid)) continue;
      current.set(stat.pid, stat.cpuTicks);
      const before = this.previous.get(stat.pid);
      const ticks = before !== undefined ? Math.max(0, stat.cpuTicks - before) : stat.startTime >= bornAfter ? stat.cpuTicks : 0;
      const group = groups.get(stat.pgid) ?? { pgid: stat.pgid, cpuPercent: 0, rssBytes: 0, processes: 0, leaderState: null };
      group.processes++;
      group.rssBytes += stat.rssPages * pageSize;
      if (elapsed !== null && elapsed > 0) group.cpuPercent += (ticks / clockTicks / elapsed) * 100;
      if (stat.pid === stat.pgid) group.leaderState = stat.state;
      groups.set(stat.pgid, group);
    }
    this.previous = current;
    this.previousUptime = uptime;
    for (const group of groups.values()) group.cpuPercent = Math.round(group.cpuPercent);
    return { groups, stats };
  }
}

async function getconf(name: string, fallback: number): Promise<number> {
  try {
    const value = Number((await promisify(execFile)('getconf', [name], { encoding: 'utf8', timeout: 2000 })).stdout.trim());
    return Number.isFinite(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}
