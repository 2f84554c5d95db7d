/**
 * A sweep directory on a 2 MiB tmpfs that fills up while trials run: the controller survives,
 * stops launching, says so over the control socket, and continues on its own once space returns.
 * Mounting needs root; the test skips elsewhere, but not under CI=true as root, where it must run.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TempDir, waitFor } from '../helpers/sweep.js';

const temp = new TempDir();
const mnt = join(temp.path, 'mnt');
const env: NodeJS.ProcessEnv = { XDG_STATE_HOME: join(temp.path, 'state'), XDG_RUNTIME_DIR: undefined };
const mountRefusal = tryMount();
const required = process.env.CI === 'true' && process.getuid?.() === 0;

function tryMount(): string | null {
  mkdirSync(mnt, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})`;
  }
}

afterAll(() => {
  try {
    execFileSync('umount', [mnt], { stdio: 'pipe' });
  } catch {
    try {
      execFileSync('umount', ['-l', mnt], { stdio: 'pipe' });
    } catch {
      // never mounted
    }
  }
  temp.remove();
});

/** Fills the tmpfs with one file until the kernel refuses another byte. */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  try {
    for (;;) writeSync(fd, chunk, 0, 512);
  } catch {
    // full to the last block
  }
  closeSync(fd);
}

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
function tmpLeftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.tmp'));
}

describe.skipIf(mountRefusal !== null && !required)('a sweep whose disk fills up', () => {
  beforeAll(() => {
    if (mountRefusal) throw new Error(`CI=true as root: the disk-full test must run, but ${mountRefusal}`);
  });

  it('pauses launching, keeps trials running, reports it, and continues alone once space returns', async () => {
    // every start and end is recorded outside the small disk; trials print only at their end,
    // so one that ends while the disk is full fails to write its result line
    const starts = join(temp.path, 'starts');
    const ends = join(temp.path, 'ends');
    temp.file(
      'sweep.yaml',
      `name: full
command: sh -c 'echo {lr} >> ${starts}; sleep 3; echo {lr} >> ${ends}; echo val_loss={lr}'
parameters:
  lr: {type: uniform, low: 0.1, high: 0.9}
trials: 5
parallel: 2
max_failures: 1
metric: {name: val_loss, goal: minimize}
`,
    );
    const dir = join(mnt, 'out');
    const run = await runCli(['run', 'sweep.yaml', '--detach', '--dir', dir], { cwd: temp.path, env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const pid = (JSON.parse(readFileSync(join(dir, 'controller.lock'), 'utf8')) as { pid: number }).pid;
    await waitFor(() => lines(starts).length === 2, 10_000, 'two trials started');

    const filler = join(mnt, 'filler');
    fill(filler);
    const status = async () => (await runCli(['status', dir], { env })).stdout;
    let said = '';
    const deadline = Date.now() + 15_000;
    while (!said.includes('disk full') && Date.now() < deadline) {
      said = await status();
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(said).toMatch(/disk full: launching paused; free space in /);
    // the two running trials finish their sleep: nothing stopped them
    await waitFor(() => lines(ends).length === 2, 10_000, 'the running trials ended on their own');
    // no launch while the disk is full, however long it stays full
    await new Promise((r) => setTimeout(r, 4000));
    expect(lines(starts)).toHaveLength(2);
    expect(alive(pid)).toBe(true);
    expect(await status()).toMatch(/disk full/);

    rmSync(filler);
    await waitFor(() => !existsSync(join(dir, 'controller.lock')), 40_000, 'the sweep finished once space returned');
    expect(lines(starts)).toHaveLength(5);
    const json = JSON.parse((await runCli(['status', dir, '--json'], { env })).stdout) as {
      state: string;
      counts: Record<string, number>;
      trials: Array<{ state: string; reason: string | null }>;
    };
    // the two that could not print their result failed of the full disk, which counts against nobody
    expect(json.counts).toEqual({ completed: 3, failed: 2 });
    for (const trial of json.trials.filter((t) => t.state === 'failed')) expect(trial.reason).toMatch(/^disk full/);
    expect(tmpLeftovers(dir)).toEqual([]);
    const log = readFileSync(join(dir, 'controller.log'), 'utf8');
    expect(log).toMatch(/disk full: launching paused; free space in /);
    expect(log).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('resume on a full disk says so in one line and exits non-zero', async () => {
    const dir = join(mnt, 'out');
    const filler = join(mnt, 'filler');
    fill(filler);
    try {
      const resumed = await runCli(['resume', dir, '--detach', '--trials', '7'], { env });
      expect(resumed.code).not.toBe(0);
      expect(resumed.stderr).toMatch(/^sweeptop: .*disk full.*\n$/);
      expect(resumed.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      const headless = await runCli(['resume', dir, '--headless', '--trials', '7'], { env });
      expect(headless.code).not.toBe(0);
      expect(headless.stderr).toMatch(/^sweeptop: .*disk full.*\n$/);
      expect(existsSync(join(dir, 'controller.lock'))).toBe(false);
      expect(tmpLeftovers(dir)).toEqual([]);
    } finally {
      rmSync(filler, { force: true });
    }
  }, 60_000);
});
