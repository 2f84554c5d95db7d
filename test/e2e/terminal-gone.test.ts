/**
 * A terminal that disappears under a command (the SSH connection drops; tmux kill-session closes
 * the pane's pty): every write answers EIO, and Node, exiting, cannot restore the terminal's mode.
 * Neither may crash sweeptop. The commands run under a shell that ignores SIGHUP and records
 * their exit status, so that the test sees how they ended.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readStat } from '../../src/plugin-api/proc.js';
import { hasTmux, Tmux } from '../helpers/tmux.js';
import { groupMembers, waitFor } from '../helpers/sweep.js';

const MAIN = resolve('dist/src/cli/main.js');
let dir: string;
let tmux: Tmux;

afterEach(() => {
  tmux.kill();
  rmSync(dir, { recursive: true, force: true });
});

function setUp(): void {
  dir = mkdtempSync(join(tmpdir(), 'sweeptop-gone-'));
  tmux = new Tmux();
}

/** Runs `command` in a pane, its exit status written to DIR/rc; stderr goes to DIR/err when asked. */
function startRecorded(command: string): void {
  writeFileSync(join(dir, 'cmd.sh'), `trap '' HUP\n${command}\necho $? > ${join(dir, 'rc')}\n`);
  tmux.start('gone', `sh ${join(dir, 'cmd.sh')}`);
}

const exitStatus = () => (existsSync(join(dir, 'rc')) ? readFileSync(join(dir, 'rc'), 'utf8').trim() : null);

describe.skipIf(!hasTmux)('a terminal that disappears', () => {
  it('a command writing to it exits quietly: no stack trace, no abort', async () => {
    setUp();
    const log = join(dir, 'train.log');
    writeFileSync(log, Array.from({ length: 200_000 }, (_, i) => `epoch ${i} val_loss=${1 / (i + 1)}`).join('\n'));
    // in a session of its own, the command gets no SIGHUP: only the EIO of every write
    startRecorded(`setsid -w node ${MAIN} metrics ${log} --json 2>${join(dir, 'err')}`);
    await tmux.waitFor('gone', (t) => t.includes('val_loss'), 'the metrics to be printed');
    tmux.run('kill-session', '-t', 'gone');
    await waitFor(() => exitStatus() !== null, 20_000, 'the command to end');
    expect(readFileSync(join(dir, 'err'), 'utf8')).toBe('');
    expect(exitStatus()).toBe('0');
  });

  it('run --headless completes its sweep after the terminal is gone and exits 0, its log saying why it detached', async () => {
    setUp();
    const out = join(dir, 'sweep');
    writeFileSync(
      join(dir, 'sweep.yaml'),
      `name: gone
command: node ${resolve('fixtures/train.mjs')} --lr {lr} --epochs 25 --epoch-ms 100
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: 4
parallel: 2
metric: val_loss
`,
    );
    startRecorded(`XDG_STATE_HOME=${join(dir, 'state')} node ${MAIN} run ${join(dir, 'sweep.yaml')} --headless --dir ${out}`);
    await tmux.waitFor('gone', (t) => (t.match(/trial \d started/g) ?? []).length === 2, 'two trials started');
    const doc = () => JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    await waitFor(
      () => existsSync(join(out, 'sweep.json')) && doc().trials.filter((t: { pid: number | null }) => t.pid).length === 2,
      10_000,
      'two pids',
    );
    const trialPids: number[] = doc().trials.map((t: { pid: number }) => t.pid);
    tmux.run('kill-session', '-t', 'gone');
    await new Promise((r) => setTimeout(r, 500));
    for (const pid of trialPids) expect(readStat(pid)?.state).toMatch(/[RS]/);
    await waitFor(() => exitStatus() !== null, 60_000, 'the sweep to end');
    expect(exitStatus()).toBe('0');
    expect(doc().trials.map((t: { state: string }) => t.state)).toEqual(Array(4).fill('completed'));
    for (const pid of trialPids) expect(groupMembers(pid)).toEqual([]);
    const log = readFileSync(join(out, 'controller.log'), 'utf8');
    expect(log).toMatch(/the terminal hung up; the sweep goes on detached/);
    expect(log).toMatch(/finished: all 4 trials done/);
  });
});
