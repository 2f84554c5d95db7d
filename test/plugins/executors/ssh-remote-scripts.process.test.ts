/**
 * The scripts the SSH executor runs on a host, run here through the same command line a login
 * shell would get (no sshd needed): launch under setsid, the one-call poll with output blocks,
 * group signals.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePollOutput } from '../../../plugins/executors/ssh/poll-report.js';
import { LAUNCH, POLL, remoteCommand, SIGNAL } from '../../../plugins/executors/ssh/remote-scripts.js';
import { wrapArgv } from '../../../plugins/executors/wrapper.js';
import { readStat } from '../../../src/plugin-api/proc.js';
import { groupMembers, TempDir, TRAINER, waitFor } from '../../helpers/sweep.js';

let temp: TempDir;
const started: number[] = [];
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => {
  for (const pgid of started.splice(0)) for (const pid of groupMembers(pgid)) process.kill(pid, 'SIGKILL');
  temp.remove();
});

/** As ssh hands it over: one string, parsed by the login shell. */
function onHost(script: string, args: string[]): Buffer {
  return execFileSync('bash', ['-c', remoteCommand(script, args)]);
}

function launch(argv: string[], env: string[] = []): { pid: number; startTime: string; dir: string } {
  const dir = join(temp.path, 'remote', 'trials', '3');
  const files = ['stdout.log', 'stderr.log', 'exit_code'].map((name) => join(dir, name));
  const [pid, startTime] = onHost(LAUNCH, [dir, temp.path, ...files, ...env, ...wrapArgv(files[2], argv)])
    .toString()
    .trim()
    .split(' ');
  started.push(Number(pid));
  return { pid: Number(pid), startTime, dir };
}

function poll(trial: { pid: number; startTime: string; dir: string }, offsets = [0, 0], cap = 1 << 20) {
  const args = [
    String(cap),
    'stdout.log',
    'stderr.log',
    'exit_code',
    String(trial.pid),
    trial.startTime,
    trial.dir,
    '1',
    ...offsets.map(String),
  ];
  return parsePollOutput(onHost(POLL, args)).get(trial.pid)!;
}

describe('the remote scripts', () => {
  it('launch the argv untouched in its own session, with its environment, and report pid and start time', async () => {
    const argv = ["it's", '$HOME', '`id`', 'a b', '', '\\'];
    const trial = launch(
      [process.execPath, '-e', 'console.log(JSON.stringify([process.argv.slice(1), process.env.P]))', ...argv],
      ["P=x'y $z"],
    );
    expect(String(readStat(trial.pid)?.startTime)).toBe(trial.startTime);
    await waitFor(() => poll(trial).state === null, 10_000, 'the trial to end');
    expect(JSON.parse(readFileSync(join(trial.dir, 'stdout.log'), 'utf8'))).toEqual([argv, "x'y $z"]);
    expect(poll(trial).exitCode).toBe(0);
  });

  it('poll state, exact output bytes from an offset in capped blocks, and the exit code once gone', async () => {
    const text = 'one\r\ntwo\rthree\n\u00e9\u0000end';
    const trial = launch([process.execPath, '-e', `process.stdout.write(${JSON.stringify(text)}); console.error('err'); process.exit(3)`]);
    await waitFor(() => poll(trial).state === null, 10_000, 'the trial to end');
    const bytes = Buffer.from(text);
    const whole = poll(trial);
    expect(whole.output.get('stdout.log')).toEqual(bytes);
    expect(whole.output.get('stderr.log')?.toString()).toBe('err\n');
    expect(whole).toMatchObject({ exitCode: 3, leftovers: false });
    const capped = poll(trial, [4, 4], 5);
    expect(capped.output.get('stdout.log')).toEqual(bytes.subarray(4, 9));
    expect(capped.output.get('stderr.log')?.length).toBe(0);
  });

  it('poll tells when a trial that ended left processes in its group', async () => {
    const trial = launch(['node', TRAINER, '--epochs', '1', '--epoch-ms', '10', '--spawn-child', '--child-lifetime-ms', '20000']);
    await waitFor(() => poll(trial).state === null, 10_000, 'the trainer to end');
    expect(poll(trial)).toMatchObject({ exitCode: 0, leftovers: true });
    onHost(SIGNAL, [String(trial.pid), '-', 'KILL']);
    await waitFor(() => groupMembers(trial.pid).length === 0, 5_000, 'the heartbeat child killed');
    expect(poll(trial).leftovers).toBe(false);
  });

  it('signal the whole process group, and refuse a pid whose start time is not the trial’s', async () => {
    const trial = launch(['node', TRAINER, '--epochs', '300', '--epoch-ms', '100', '--spawn-child']);
    await waitFor(() => groupMembers(trial.pid).length >= 3, 10_000, 'wrapper, trainer and child');
    const members = groupMembers(trial.pid);
    onHost(SIGNAL, [String(trial.pid), '12345', 'STOP']);
    await new Promise((r) => setTimeout(r, 200));
    expect(members.map((pid) => readStat(pid)?.state)).not.toContain('T');
    expect(poll(trial).state).toMatch(/^[RS]$/);
    onHost(SIGNAL, [String(trial.pid), trial.startTime, 'STOP']);
    await waitFor(() => members.every((pid) => readStat(pid)?.state === 'T'), 5_000, 'the group stopped');
    expect(poll(trial).state).toBe('T');
    onHost(SIGNAL, [String(trial.pid), trial.startTime, 'TERM', 'CONT']);
    await waitFor(() => poll(trial).state === null, 10_000, 'the trial to end');
    expect(poll(trial).exitCode).toBe(143);
  });
});
