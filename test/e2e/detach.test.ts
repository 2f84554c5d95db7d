/**
 * Surviving the SSH session, in real terminals: the TUI attached to a sweep gets SIGHUP (the
 * connection dropped); the sweep goes on, and `sweeptop attach` from another terminal shows it.
 * And the other way round: the controller dies under an attached TUI, which says so.
 */
import { readFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allPids, readStat } from '../../src/plugin-api/proc.js';
import { cleanUpTuiSweep, hasTmux, Tmux } from '../helpers/tmux.js';
import { groupMembers, waitFor } from '../helpers/sweep.js';

const MAIN = resolve('dist/src/cli/main.js');
let dir: string;
let tmux: Tmux;

afterEach(() => cleanUpTuiSweep(MAIN, dir, tmux));

/** The sweeptop processes that are children of a pane's shell. */
function childrenOf(pid: number): number[] {
  return allPids().filter((p) => readStat(p)?.ppid === pid);
}

/** The process groups of the sweep's running trials, read from sweep.json once both have a pid. */
async function runningTrialGroups(out: string, count = 2): Promise<number[]> {
  const doc = () => (existsSync(join(out, 'sweep.json')) ? JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) : { trials: [] });
  const running = () => doc().trials.filter((t: { state: string; pid: number | null }) => t.state === 'running' && t.pid);
  await waitFor(() => running().length === count, 10_000, `${count} running trials with a pid`);
  return running().map((t: { pid: number }) => t.pid);
}

/** Every group still has its processes, none of them a zombie: the trials run on. */
function alive(groups: number[]): boolean {
  return groups.every((pid) => groupMembers(pid).length > 0 && readStat(pid)?.state !== 'Z');
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
  writeFileSync(
    path,
    `name: ${name}
command: node ${resolve('fixtures/train.mjs')} --lr {lr} --epochs ${epochs} --epoch-ms ${epochMs}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: ${trials}
parallel: ${parallel}
metric: val_loss
${extra}`,
  );
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

  it('run --headless outlives its terminal: a hang-up stops nothing, the sweep goes on detached and attach shows it', async () => {
    const env = setUp();
    const file = sweepFile('headless-hup');
    const out = join(dir, 'sweep');
    tmux.start('first', `${env} node ${MAIN} run ${file} --headless --dir ${out}`);
    await tmux.waitFor('first', (t) => (t.match(/trial \d started/g) ?? []).length === 2, 'two trials started');
    const [headless] = childrenOf(tmux.panePid('first'));
    const doc = () => JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    const recorded = () => existsSync(join(out, 'sweep.json')) && doc().trials.filter((t: { pid: number | null }) => t.pid).length === 2;
    await waitFor(recorded, 10_000, 'two pids recorded');
    const trialPids: number[] = doc().trials.map((t: { pid: number }) => t.pid);
    tmux.run('kill-session', '-t', 'first'); // the terminal closes: SIGHUP, then EIO on every write
    const steps = () => doc().trials.reduce((sum: number, t: { steps: number }) => sum + t.steps, 0);
    const before = steps();
    await waitFor(() => steps() > before + 5, 15_000, 'trials to progress after the hang-up');
    expect(readStat(headless)?.state).not.toBe('Z');
    for (const pid of trialPids) expect(readStat(pid)?.state).toMatch(/[RS]/);
    expect(doc().trials.map((t: { state: string }) => t.state)).toEqual(['running', 'running']);
    expect(JSON.parse(readFileSync(join(out, 'controller.lock'), 'utf8')).pid).toBe(headless);
    expect(readFileSync(join(out, 'controller.log'), 'utf8')).toMatch(/the terminal hung up; the sweep goes on detached/);
    tmux.start('second', `${env} node ${MAIN} attach ${out}`);
    await tmux.waitFor('second', (t) => /headless-hup .*running 2\b/.test(t), 'attach to show the sweep');
    tmux.keys('second', 'q');
    await tmux.waitFor('second', (t) => t.includes('EXITED 0'), 'q to detach');
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

  it('Ctrl-C in the TUI that started the sweep asks; y stops it, its trials recorded killed, and exits 130', async () => {
    const env = setUp();
    const file = sweepFile('interrupted', { extra: 'grace: 5s\n' });
    const out = join(dir, 'sweep');
    tmux.start('tui', `${env} node ${MAIN} run ${file} --dir ${out}`);
    await tmux.waitFor('tui', (t) => /running 2\b/.test(t), 'two running trials');
    const groups = await runningTrialGroups(out);
    tmux.keys('tui', 'C-c');
    await tmux.waitFor('tui', (t) => t.includes('Stop the sweep? y stops it'), 'the question');
    tmux.keys('tui', 'y');
    const after = await tmux.waitFor('tui', (t) => t.includes('EXITED'), 'y to stop the sweep', 20_000);
    expect(after).toMatch(/finished: stopped by tui/);
    expect(after).toMatch(/EXITED 130/);
    for (const pid of groups) expect(groupMembers(pid)).toEqual([]);
    const trials = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')).trials as { state: string; stoppedBy?: string }[];
    expect(trials.filter((t) => t.state === 'killed' && t.stoppedBy === 'sweep')).toHaveLength(2);
  });

  it('in the TUI that started the sweep, n stays, Ctrl-C twice detaches, and Q then d detaches: the trials run on', async () => {
    const env = setUp();
    const out = join(dir, 'sweep');
    tmux.start('tui', `${env} node ${MAIN} run ${sweepFile('kept')} --dir ${out}`);
    await tmux.waitFor('tui', (t) => /running 2\b/.test(t), 'two running trials');
    const groups = await runningTrialGroups(out);
    tmux.keys('tui', 'C-c');
    await tmux.waitFor('tui', (t) => t.includes('Stop the sweep?'), 'the question');
    tmux.keys('tui', 'n');
    await tmux.waitFor('tui', (t) => !t.includes('Stop the sweep?') && /running 2\b/.test(t), 'n to close the question');
    tmux.keys('tui', 'C-c');
    await tmux.waitFor('tui', (t) => t.includes('Stop the sweep?'), 'the question again');
    tmux.keys('tui', 'C-c');
    const left = await tmux.waitFor('tui', (t) => t.includes('EXITED'), 'a second Ctrl-C to detach');
    expect(left).toMatch(new RegExp(`detached; the sweep goes on. \`sweeptop attach ${out}\``));
    expect(left).toMatch(/EXITED 0/);
    expect(alive(groups)).toBe(true);
    tmux.start('again', `${env} node ${MAIN} attach ${out}`);
    await tmux.waitFor('again', (t) => /kept .*running 2\b/.test(t), 'attach');
    tmux.keys('again', 'Q');
    await tmux.waitFor('again', (t) => t.includes('d detaches'), 'Q to ask');
    tmux.keys('again', 'd');
    await tmux.waitFor('again', (t) => t.includes('EXITED 0'), 'd to detach');
    expect(alive(groups)).toBe(true);
    expect(existsSync(join(out, 'controller.lock'))).toBe(true);
  });

  it('attach to a --detach sweep: Ctrl-C and a closed terminal leave the viewer, never the sweep', async () => {
    const env = setUp();
    const out = join(dir, 'sweep');
    const started = spawnSync(process.execPath, [MAIN, 'run', sweepFile('watched'), '--dir', out, '--detach'], {
      env: { ...process.env, XDG_STATE_HOME: join(dir, 'state') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(started.status).toBe(0);
    const groups = await runningTrialGroups(out);
    tmux.start('viewer', `${env} node ${MAIN} attach ${out}`);
    await tmux.waitFor('viewer', (t) => /watched .*running 2\b/.test(t), 'attach');
    tmux.keys('viewer', 'C-c');
    const left = await tmux.waitFor('viewer', (t) => t.includes('EXITED'), 'Ctrl-C to leave');
    expect(left).toMatch(new RegExp(`detached; the sweep goes on. \`sweeptop attach ${out}\` comes back to it`));
    expect(left).toMatch(/EXITED 0/);
    expect(alive(groups)).toBe(true);
    tmux.start('closed', `${env} node ${MAIN} attach ${out}`);
    await tmux.waitFor('closed', (t) => /watched .*running 2\b/.test(t), 'attach again');
    const [viewer] = childrenOf(tmux.panePid('closed'));
    tmux.run('kill-session', '-t', 'closed');
    await waitFor(() => readStat(viewer) === undefined || readStat(viewer)!.state === 'Z', 10_000, 'the viewer to end with its terminal');
    expect(alive(groups)).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')).phase).toBe('running');
  });

  it('a bare attach with several live sweeps takes the newest and says there are others', async () => {
    setUp();
    const env = { ...process.env, XDG_STATE_HOME: join(dir, 'state') };
    const options = { trials: 2, parallel: 1, epochs: 100 };
    const detach = (name: string, out: string) =>
      spawnSync(process.execPath, [MAIN, 'run', sweepFile(name, options), '--dir', out, '--detach'], {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
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
