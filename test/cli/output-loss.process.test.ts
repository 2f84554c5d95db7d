/**
 * A write to stdout or stderr that fails is never fatal: a reader that left early ends the command
 * quietly; a headless sweep whose pipes close goes on and completes; any other write error is one
 * line, never a stack trace.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli.js';
import { CLI, groupMembers, TempDir, TRAINER, waitFor } from '../helpers/sweep.js';

let temp: TempDir;
beforeEach(() => {
  temp = new TempDir();
});
afterEach(() => temp.remove());

const bigLog = () => temp.file('train.log', Array.from({ length: 50_000 }, (_, i) => `epoch ${i} val_loss=${1 / (i + 1)}`).join('\n'));

describe('output that cannot be written', () => {
  it('`metrics --json LOG | head -1`: the reader leaves, the command exits 0 without a word', async () => {
    const script = `node ${CLI} metrics ${bigLog()} --json 2>${join(temp.path, 'err')} | head -1 >/dev/null; echo`;
    const sh = spawn('bash', ['-c', `${script} "\${PIPESTATUS[0]}"`], { cwd: temp.path });
    let out = '';
    sh.stdout.on('data', (d) => (out += d));
    await new Promise((r) => sh.on('close', r));
    expect(readFileSync(join(temp.path, 'err'), 'utf8')).toBe('');
    expect(out.trim()).toBe('0');
  });

  it('stdout on a full disk: one line on stderr naming the error, exit 1', async () => {
    const child = spawn(process.execPath, [CLI, 'metrics', bigLog(), '--json'], { stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise((r) => child.on('close', r));
    expect(stderr).toMatch(/^sweeptop: cannot write the output: .*no space left on device.*\n$/i);
    expect(code).toBe(1);
  });

  it('a headless run whose stdout and stderr pipes close, then SIGHUP: the sweep completes, its log says why it detached', async () => {
    temp.file(
      'sweep.yaml',
      `name: pipes
command: node ${TRAINER} --lr {lr} --epochs 15 --epoch-ms 100
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: 4
parallel: 2
metric: val_loss
`,
    );
    const cli = startCli(['run', '--headless', '--dir', 'out'], { cwd: temp.path, env: { XDG_STATE_HOME: join(temp.path, 'state') } });
    await waitFor(() => (cli.stdout().match(/started/g) ?? []).length === 2, 15_000, 'two trials started');
    const doc = () => JSON.parse(readFileSync(join(temp.path, 'out', 'sweep.json'), 'utf8'));
    await waitFor(
      () => existsSync(join(temp.path, 'out', 'sweep.json')) && doc().trials.filter((t: { pid: number | null }) => t.pid).length === 2,
      10_000,
      'two pids',
    );
    const pids: number[] = doc().trials.map((t: { pid: number }) => t.pid);
    cli.child.stdout!.destroy();
    cli.child.stderr!.destroy();
    await new Promise((r) => setTimeout(r, 300));
    cli.child.kill('SIGHUP');
    await new Promise((r) => setTimeout(r, 300));
    for (const pid of pids) expect(groupMembers(pid).length).toBeGreaterThan(0);
    const code = await new Promise((r) => cli.child.on('exit', r));
    expect(code).toBe(0);
    expect(doc().trials.map((t: { state: string }) => t.state)).toEqual(Array(4).fill('completed'));
    const log = readFileSync(join(temp.path, 'out', 'controller.log'), 'utf8');
    expect(log).toMatch(/the terminal hung up; the sweep goes on detached/);
    expect(log).toMatch(/finished: all 4 trials done/);
  }, 60_000);
});
