import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupSampler } from '../../../src/engine/resources/group-usage.js';
import { readStat } from '../../../src/plugin-api/proc.js';

const hasProc = process.platform === 'linux';
let group: ChildProcess | undefined;
afterEach(() => {
  if (group?.pid) {
    try {
      process.kill(-group.pid, 'SIGCONT');
      process.kill(-group.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  group = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A trial-like process group: a shell with two children, one of them busy. */
function startGroup(): ChildProcess {
  const child = spawn(
    'sh',
    ['-c', `sleep 30 & ${process.execPath} -e "const end = Date.now() + 30000; while (Date.now() < end) {}" & wait`],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  return child;
}

describe.runIf(hasProc)('GroupSampler on /proc', () => {
  it('sums CPU and RSS over every process of a trial group and sees it stopped', async () => {
    group = startGroup();
    const pgid = group.pid!;
    await sleep(300);
    const sampler = new GroupSampler();
    await sampler.sample([pgid]);
    await sleep(700);
    const { groups } = await sampler.sample([pgid]);
    const usage = groups.get(pgid)!;
    expect(usage.processes).toBeGreaterThanOrEqual(3);
    expect(usage.rssBytes).toBeGreaterThan(1024 * 1024);
    // A busy loop is one core; under a loaded test run it still gets a good share of it.
    expect(usage.cpuPercent).toBeGreaterThan(15);
    expect(usage.leaderState).toMatch(/[RS]/);

    process.kill(-pgid, 'SIGSTOP');
    await sleep(200);
    const stopped = (await sampler.sample([pgid])).groups.get(pgid)!;
    expect(stopped.leaderState).toBe('T');
    expect(readStat(pgid)?.state).toBe('T');
  });

  it('ignores groups it was not asked about, and a root without processes', async () => {
    const sampler = new GroupSampler();
    expect((await sampler.sample([])).groups.size).toBe(0);
    const empty = mkdtempSync(join(tmpdir(), 'proc-'));
    try {
      expect((await new GroupSampler({ procRoot: empty }).sample([1])).groups.size).toBe(0);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('GroupSampler on a fake /proc', () => {
  it('computes CPU % from tick growth between samples', async () => {
    const root = mkdtempSync(join(tmpdir(), 'proc-'));
    const write = (pid: number, pgid: number, ticks: number, uptime: number) => {
      mkdirSync(join(root, String(pid)), { recursive: true });
      writeFileSync(join(root, String(pid), 'stat'), `${pid} (py) R 1 ${pgid} ${pgid} 0 -1 0 0 0 0 0 ${ticks} 0 0 0 20 0 1 0 10 0 100`);
      writeFileSync(join(root, 'uptime'), `${uptime} 0`);
    };
    try {
      const sampler = new GroupSampler({ procRoot: root, clockTicks: 100, pageSize: 4096 });
      write(7, 7, 1000, 100);
      write(8, 7, 500, 100);
      await sampler.sample([7]);
      write(7, 7, 1150, 101);
      write(8, 7, 550, 101);
      const usage = (await sampler.sample([7])).groups.get(7)!;
      expect(usage).toEqual({ pgid: 7, cpuPercent: 200, rssBytes: 2 * 100 * 4096, processes: 2, leaderState: 'R' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
