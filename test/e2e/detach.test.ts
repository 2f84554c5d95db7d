/**
 * Surviving the SSH session, in real terminals: the TUI attached to a sweep gets SIGHUP (the
 * connection dropped); the sweep goes on, and `sweeptop attach` from another terminal shows it.
 * And the other way round: the controller dies under an attached TUI, which says so.
 */
import { readFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allPids, readStat } from '../../src/plugin-api/proc.js';
import { hasTmux, Tmux } from '../helpers/tmux.js';
import { waitFor } from '../helpers/sweep.js';

const MAIN = resolve('dist/src/cli/main.js');
let dir: string;
let tmux: Tmux;

afterEach(() => {
  spawnSync(process.execPath, [MAIN, 'stop', join(dir, 'sweep'), '--now'], { timeout: 30_000, env: { ...process.env, XDG_STATE_HOME: join(dir, 'state') } });
  tmux.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** The sweeptop processes that are children of a pane's shell. */
function childrenOf(pid: number): number[] {
  return allPids().filter((p) => readStat(p)?.ppid === pid);
}

/** A fresh folder and tmux server for one test; `env` prefixes a command run in a pane. */
function setUp(): string {
  dir = mkdtempSync(join(tmpdir(), 'sweeptop-detach-'));
  tmux = new Tmux();
  return `XDG_STATE_HOME=${join(dir, 'state')}`;
}

/** A sweep file of the fixture trainer, long enough to be watched; returns its path. */
function sweepFile(name: string, { trials = 4, parallel = 2, epochs = 60, epochMs = 200, extra = '' } = {}): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `name: ${name}
command: node ${resolve('fixtures/train.mjs')} --lr {lr} --epochs ${epochs} --epoch-ms ${epochMs}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: ${trials}
parallel: ${parallel}
metric: val_loss
${extra}`);
  return path;
}

describe.skipIf(!hasTmux)('detach and attach in real terminals', () => {
  it('a hang-up of the attached TUI leaves the sweep running, and attach from another terminal shows it', async () => {
    const env = setUp();
    const file = sweepFile('hup');
    tmux.start('first', `${env} node ${MAIN} run ${file} --dir ${join(dir, 'sweep')}`);
    await tmux.waitFor('first', (t) => /running 2\b/.test(t), 'two running trials');
    const controller = JSON.parse(readFileSync(join(dir, 'sweep', 'controller.lock'), 'utf8')).pid as number;
    const [client] = childrenOf(tmux.panePid('first'));
    expect(client).toBeDefined();
    expect(client).not.toBe(controller);
    process.kill(client, 'SIGHUP');
    await tmux.waitFor('first', (t) => t.includes('EXITED'), 'the TUI to exit on SIGHUP');
    expect(tmux.run('display-message', '-p', '-t', 'first', '#{alternate_on}').trim()).toBe('0');
    // the controller and its trials carry on
    expect(readStat(controller)?.state).not.toBe('Z');
    const steps = () => JSON.parse(readFileSync(join(dir, 'sweep', 'sweep.json'), 'utf8')).trials.map((t: { steps: number }) => t.steps);
    const before = steps().reduce((a: number, b: number) => a + b, 0);
    await waitFor(() => steps().reduce((a: number, b: number) => a + b, 0) > before + 3, 10_000, 'trials progress while nobody watches');
    tmux.start('second', `${env} node ${MAIN} attach`, 100, 30);
    const text = await tmux.waitFor('second', (t) => /hup .*running 2\b/.test(t), 'attach to show the sweep');
    expect(text).toMatch(/q detach/);
    tmux.keys('second', 'q');
    const after = await tmux.waitFor('second', (t) => t.includes('EXITED'), 'q to detach');
    expect(after).toMatch(/detached; the sweep goes on/);
    expect(existsSync(join(dir, 'sweep', 'controller.lock'))).toBe(true);
  });

  it('says so when the controller dies under it, instead of going on showing a live sweep', async () => {
    const env = setUp();
    const file = sweepFile('orphan');
    tmux.start('tui', `${env} node ${MAIN} run ${file} --dir ${join(dir, 'sweep')}`);
    await tmux.waitFor('tui', (t) => /running 2\b/.test(t), 'two running trials');
    const controller = JSON.parse(readFileSync(join(dir, 'sweep', 'controller.lock'), 'utf8')).pid as number;
    process.kill(controller, 'SIGKILL');
    const screen = await tmux.waitFor('tui', (t) => t.includes('controller lost'), 'the header to say the controller is lost');
    expect(screen).toMatch(/lost the controller \(the controller closed the connection\)/);
    // nothing can be asked of it any more: the footer no longer offers to
    expect(screen).not.toMatch(/p pause|x kill/);
    tmux.keys('tui', 'q');
    const after = await tmux.waitFor('tui', (t) => t.includes('EXITED'), 'q to leave');
    expect(after).toMatch(/lost the controller .*sweeptop ls/s);
    expect(after).not.toMatch(/the sweep goes on/);
  });

  it('Ctrl-C in the TUI stops the sweep and exits 130, as a shell expects', async () => {
    const env = setUp();
    const file = sweepFile('interrupted', { extra: 'grace: 5s\n' });
    tmux.start('tui', `${env} node ${MAIN} run ${file} --dir ${join(dir, 'sweep')}`);
    await tmux.waitFor('tui', (t) => /running 2\b/.test(t), 'two running trials');
    tmux.keys('tui', 'C-c');
    const after = await tmux.waitFor('tui', (t) => t.includes('EXITED'), 'Ctrl-C to stop the sweep', 20_000);
    expect(after).toMatch(/finished: stopped by tui/);
    expect(after).toMatch(/EXITED 130/);
  });

  it('a bare attach with several live sweeps takes the newest and says there are others', async () => {
    setUp();
    const env = { ...process.env, XDG_STATE_HOME: join(dir, 'state') };
    const options = { trials: 2, parallel: 1, epochs: 100 };
    const detach = (name: string, out: string) =>
      spawnSync(process.execPath, [MAIN, 'run', sweepFile(name, options), '--dir', out, '--detach'], { env, encoding: 'utf8', timeout: 30_000 });
    try {
      expect(detach('older', join(dir, 'older')).status).toBe(0);
      await new Promise((r) => setTimeout(r, 50)); // registered one after the other
      expect(detach('newer', join(dir, 'sweep')).status).toBe(0);
      tmux.start('tui', `XDG_STATE_HOME=${join(dir, 'state')} node ${MAIN} attach`);
      const screen = await tmux.waitFor('tui', (t) => t.includes('live sweeps'), 'the notice');
      expect(screen).toMatch(/^newer /m);
      expect(screen).toMatch(/the newest of 2 live sweeps started from this folder; `sweeptop ls` lists the other/);
      tmux.keys('tui', 'q');
      await tmux.waitFor('tui', (t) => t.includes('EXITED'), 'q to detach');
    } finally {
      spawnSync(process.execPath, [MAIN, 'stop', join(dir, 'older'), '--now'], { env, timeout: 30_000 });
    }
  });
});
