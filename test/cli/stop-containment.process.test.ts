/**
 * A trial's grandchild that double-forks, calls setsid and clears its environment is in no
 * process group, tree or environment of the trial: `stop` must take it down where it can be
 * found (it still writes to the trial's log), say what survived where it cannot, and under
 * `kill_mode: cgroup` take down even one with nothing left that ties it to the trial.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TempDir, TRAINER, waitFor } from '../helpers/sweep.js';
import { readStat } from '../../src/plugin-api/proc.js';
import { cgroupUnavailable } from '../../plugins/executors/local/cgroup.js';

let temp: TempDir;
let env: NodeJS.ProcessEnv;
const escaped: number[] = [];

beforeEach(() => {
  temp = new TempDir();
  env = { XDG_STATE_HOME: join(temp.path, 'state'), XDG_RUNTIME_DIR: undefined };
});
afterEach(async () => {
  for (const dir of readdirSync(temp.path).filter((d) => existsSync(join(temp.path, d, 'sweep.json')))) {
    await runCli(['stop', join(temp.path, dir), '--now'], { env });
  }
  for (const pid of escaped.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone, as it should be
    }
  }
  temp.remove();
});

function writableFreezer(): string | null {
  const probe = `/sys/fs/cgroup/freezer/sweeptop-probe-${process.pid}`;
  try {
    mkdirSync(probe);
    rmdirSync(probe);
    return '/sys/fs/cgroup/freezer';
  } catch {
    return null;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const alive = (pid: number) => {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z';
};

async function runEscaping(mode: 'escape' | 'vanish', extra = ''): Promise<{ dir: string; child: number }> {
  temp.file(
    'sweep.yaml',
    `name: escape
command: node ${TRAINER} --lr {lr} --epochs 1000 --epoch-ms 100 --spawn-child=${mode}
parameters:
  lr: 0.01
trials: 1
grace: 1s
metric: val_loss
${extra}`,
  );
  const run = await runCli(['run', 'sweep.yaml', '--detach', '--dir', 'out'], { cwd: temp.path, env });
  expect([run.code, run.stderr]).toEqual([0, '']);
  const dir = run.stdout.trim();
  const log = join(dir, 'trials', '0', 'stdout.log');
  let child = 0;
  await waitFor(
    () => {
      const match = existsSync(log) ? /escaped: child (\d+)/.exec(readFileSync(log, 'utf8')) : null;
      if (match) child = Number(match[1]);
      return match !== null;
    },
    15_000,
    'the escaping child is started',
  );
  escaped.push(child);
  const stat = readStat(child)!;
  // it is in none of the trial's groups, and holds none of its environment
  expect(stat.sid).toBe(child);
  expect(readFileSync(`/proc/${child}/environ`, 'utf8')).toBe('');
  return { dir, child };
}

describe('stop and a grandchild that left the process group with an empty environment', () => {
  it('by default, one still writing to the trial log is found and killed; stop verifies it is gone', async () => {
    const { dir, child } = await runEscaping('escape');
    const stopped = await runCli(['stop', dir], { env });
    expect([stopped.code, stopped.stdout, stopped.stderr]).toEqual([0, `stopped ${dir}\n`, '']);
    expect(alive(child)).toBe(false);
  });

  // A process frozen by the cgroup v1 freezer cannot die, even of SIGKILL, until it is thawed:
  // a real process that survives the kill, for stop to name.
  const freezer = writableFreezer();
  it.skipIf(freezer === null)(
    `names a process that survived the kill, and exits 1${freezer ? '' : ' (skipped: no writable cgroup v1 freezer)'}`,
    async () => {
      const { dir, child } = await runEscaping('escape');
      const frozen = join(freezer!, `sweeptop-test-${process.pid}`);
      mkdirSync(frozen);
      try {
        writeFileSync(join(frozen, 'cgroup.procs'), String(child));
        writeFileSync(join(frozen, 'freezer.state'), 'FROZEN');
        const stopped = await runCli(['stop', dir], { env });
        expect([stopped.code, stopped.stdout]).toEqual([1, '']);
        expect(stopped.stderr).toMatch(
          new RegExp(
            `^sweeptop: ${escapeRegExp(dir)}: not stopped: 1 process of its trials survived the kill: ${child} \\(\\S+ \\S+heartbeat\\.mjs 60000\\)\\n$`,
          ),
        );
      } finally {
        writeFileSync(join(frozen, 'freezer.state'), 'THAWED');
        await waitFor(() => !alive(child), 5000, 'the thawed child dies of its pending SIGKILL');
        // a dead child stays in the group until it is reaped; rmdir of a group not empty is EBUSY
        await waitFor(() => readFileSync(join(frozen, 'cgroup.procs'), 'utf8').trim() === '', 5000, 'the freezer group empty');
        rmdirSync(frozen);
      }
    },
  );

  const unavailable = cgroupUnavailable();
  it.skipIf(unavailable !== null)(
    `kill_mode: cgroup kills even one tied to the trial by nothing${unavailable ? ` (skipped: ${unavailable})` : ''}`,
    async () => {
      const { dir, child } = await runEscaping('vanish', 'kill_mode: cgroup\n');
      const stopped = await runCli(['stop', dir], { env });
      expect([stopped.code, stopped.stdout, stopped.stderr]).toEqual([0, `stopped ${dir}\n`, '']);
      expect(alive(child)).toBe(false);
    },
  );
});
