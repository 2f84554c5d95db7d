/**
 * The TUI end to end, in a real terminal: tmux runs `sweeptop run` (the built binary) on a sweep of
 * the fixture trainer, keys are sent with `send-keys`, and assertions read `capture-pane -p` — what
 * a person would see — plus /proc for what the keys did to the trial processes and sweep.json for
 * the record of interventions. The app runs with CI unset: Ink draws nothing under CI=true.
 *
 * Run: npx vitest run --config test/vitest.config.ts test/e2e/tui.test.ts (builds dist/ if stale).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readAllStats } from '../../src/engine/resources/proc-stat.js';
import { readStat } from '../../src/plugin-api/proc.js';
import { untilScreen } from '../helpers/tmux.js';

const ROOT = resolve('.');
const MAIN = join(ROOT, 'dist/src/cli/main.js');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `sweeptop-e2e-${process.pid}`;
let dir: string;

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'tui');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'tui', ...k);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const waitFor = (check: (text: string) => boolean, what: string, ms = 20_000): Promise<string> =>
  vi.waitFor(() => untilScreen(screen(), check, what), { timeout: ms, interval: 100 });

/** The table row of a trial as shown: flags, id, state, … */
const rowOf = (text: string, id: number) => text.split('\n').find((l) => new RegExp(`^.{4}\\s*${id} \\w`).test(l)) ?? '';
const stateOf = (text: string, id: number) => rowOf(text, id).slice(4).trim().split(/\s+/)[1];

function start(sweepFile: string, width = 120, height = 35): void {
  const command = [
    'env -u CI -u CONTINUOUS_INTEGRATION',
    `PATH=${join(ROOT, 'fixtures/bin')}:$PATH SWEEPTOP_FAKE_GPUS=${join(dir, 'gpus.json')}`,
    `node ${MAIN} run ${sweepFile} --dir ${join(dir, 'sweep')}`,
    '; echo "EXITED $?"; sleep 600',
  ].join(' ');
  tmux('new-session', '-d', '-s', 'tui', '-x', String(width), '-y', String(height), `echo before-the-tui; ${command}`);
}

function sweepFile(name: string, body: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\ncwd: ${ROOT}\n${body}`);
  return file;
}

/** Pids of every process in the group (the trial's pid is its group id). */
async function groupMembers(pgid: number): Promise<number[]> {
  return (await readAllStats()).filter((s) => s.pgid === pgid).map((s) => s.pid);
}

/** Waits for a process group to be empty; returns what is left (pid and state) if it is not. */
async function groupGone(pgid: number, ms: number): Promise<string[]> {
  const end = Date.now() + ms;
  let left: string[] = [];
  do {
    left = (await readAllStats()).filter((s) => s.pgid === pgid && s.state !== 'Z').map((s) => `${s.pid} ${s.state}`);
    if (left.length === 0) return left;
    await sleep(100);
  } while (Date.now() < end);
  return left;
}

function interventions(): { by: string; command: string; trialId: number | null }[] {
  return JSON.parse(readFileSync(join(dir, 'sweep', 'sweep.json'), 'utf8')).interventions;
}

/**
 * Builds dist/ when it is missing or older than a source file. Type errors elsewhere in the tree
 * (work in progress) do not stop tsc from emitting, so they are reported, not fatal.
 */
function buildIfStale(): void {
  const newest = (path: string): number =>
    statSync(path).isDirectory() ? Math.max(0, ...readdirSync(path).map((e) => newest(join(path, e)))) : statSync(path).mtimeMs;
  let built = 0;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {
    // not built yet
  }
  if (built >= Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'plugins')))) return;
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json')], {
    encoding: 'utf8',
  });
  if (tsc.status !== 0) console.warn(`tsc reported errors (dist/ was still written):\n${tsc.stdout.slice(0, 2000)}`);
}

/**
 * `q` then whatever it leads to: with the sweep in this process it asks to stop (y); attached to a
 * detached controller it detaches at once, and `sweeptop stop` ends the sweep.
 */
async function quitAndStop(): Promise<string> {
  keys('q');
  const text = await waitFor((t) => t.includes('Stop the sweep and quit? (y/n)') || t.includes('EXITED'), 'q to ask or detach');
  if (text.includes('Stop the sweep and quit?')) keys('y');
  const after = await waitFor((t) => t.includes('EXITED'), 'sweeptop to exit', 30_000);
  if (!text.includes('Stop the sweep and quit?')) spawnSync(process.execPath, [MAIN, 'stop', join(dir, 'sweep')], { timeout: 30_000 });
  return after;
}

describe.skipIf(!hasTmux)('TUI in tmux (sweeptop run)', () => {
  beforeAll(() => buildIfStale(), 180_000);
  afterEach(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    // a TUI killed with its terminal only detaches: the controller and its trials go on until stopped
    spawnSync(process.execPath, [MAIN, 'stop', join(dir, 'sweep'), '--now'], { timeout: 30_000 });
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => spawnSync('tmux', ['-L', SOCKET, 'kill-server']));

  it('shows trials progress; pauses, kills, adds parallelism; survives 80×24; q restores the terminal', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-tui-'));
    writeFileSync(
      join(dir, 'gpus.json'),
      JSON.stringify({ gpus: [0, 1, 2, 3].map((i) => ({ index: i, uuid: `GPU-${i}`, util: 40 + i, used: 1000, total: 24576 })), apps: [] }),
    );
    const file = sweepFile(
      'tui',
      [
        'command: node fixtures/train.mjs --lr {lr} --epochs 200 --epoch-ms 250 --spawn-child --child-lifetime-ms 120000',
        'parameters:',
        '  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}',
        'sampler: random',
        'seed: 1',
        'trials: 8',
        'parallel: 2',
        'gpus: [0, 1, 2, 3]',
        'metric: {name: val_loss, goal: minimize}',
      ].join('\n'),
    );
    start(file);

    // Trials appear and progress.
    let text = await waitFor((t) => /running 2\b/.test(t) && /^›/m.test(t), 'two running trials');
    expect(text.split('\n')[0]).toMatch(/^tui \d+s/);
    // The fake nvidia-smi on PATH: utilisation and memory per GPU.
    text = await waitFor((t) => /GPU0 40% 1000M\/24\.0G GPU1 41% /.test(t), 'the GPU line');
    const firstStep = Number(rowOf(text, 0).slice(4).trim().split(/\s+/)[3]);
    text = await waitFor((t) => Number(rowOf(t, 0).slice(4).trim().split(/\s+/)[3]) >= firstStep + 3, 'trial 0 to progress');
    expect(rowOf(text, 0)).toMatch(/^›/);

    // p pauses the selected (first) trial: the table says paused, its processes are stopped (T).
    const pid = Number(/pid (\d+)/.exec(text)![1]);
    keys('p');
    text = await waitFor((t) => stateOf(t, 0) === 'paused', 'trial 0 paused');
    const members = await groupMembers(pid);
    expect(members.length).toBeGreaterThanOrEqual(2); // the trainer and its heartbeat child
    for (const member of members) expect(readStat(member)?.state).toBe('T');
    keys('p');
    await waitFor((t) => stateOf(t, 0) === 'running', 'trial 0 running again');
    for (const member of members) expect(readStat(member)?.state).not.toBe('T');

    // x asks, y kills the trial and its children.
    keys('x');
    await waitFor((t) => t.includes('Kill trial #0 (running) and its processes? (y/n)'), 'the kill question');
    keys('y');
    await waitFor((t) => stateOf(t, 0) === 'killed', 'trial 0 killed');
    expect(await groupGone(pid, 15_000)).toEqual([]);

    // + raises the number of running trials.
    keys('+');
    await waitFor((t) => / par(allel)? 3\b/.test(t) && /running 3\b/.test(t), 'three running trials');

    // 80×24: still a readable table.
    tmux('resize-window', '-t', 'tui', '-x', '80', '-y', '24');
    text = await waitFor((t) => t.split('\n').length <= 25 && /^\s+id state▾/m.test(t), 'the table at 80×24');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^tui \d+s/);
    expect(lines[2]).toMatch(/^\s+id state▾\s+lr\s+step\s+last\s+best/);
    expect(rowOf(text, 1)).toMatch(/\s1 running\s/);
    expect(lines.filter((l) => /^tui \d+s/.test(l))).toHaveLength(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);

    // q (and y, when quitting stops the sweep): the terminal is given back as it was.
    text = await quitAndStop();
    expect(text).toContain('before-the-tui');
    expect(text).not.toContain('id state▾');
    expect(tmux('display-message', '-p', '-t', 'tui', '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1');

    // Every key's action was recorded, with who asked.
    const record = interventions()
      .filter((i) => i.by === 'tui')
      .map((i) => `${i.command}${i.trialId === null ? '' : ` ${i.trialId}`}`);
    expect(record).toEqual(expect.arrayContaining(['pause 0', 'resume 0', 'kill 0', 'setParallel']));
  }, 120_000);

  it('P protects a running trial from the pruner, which still prunes the others', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-tui-'));
    const file = sweepFile(
      'prune',
      [
        'command: node fixtures/train.mjs --lr {lr} --epochs 10 --epoch-ms 600 --format kv',
        'parameters:',
        '  lr: {type: choice, values: [0.003, 0.1, 0.09]}',
        'sampler: grid',
        'trials: 3',
        'parallel: 1',
        'pruner: {type: median, n_startup_trials: 1, n_warmup_steps: 3}',
        'metric: {name: val_loss, goal: minimize}',
      ].join('\n'),
    );
    start(file);
    await waitFor((t) => stateOf(t, 1) === 'running', 'trial 1 running', 30_000);
    // running trials come first: the cursor is on trial 1 already
    keys('P');
    let text = await waitFor((t) => /^› ▲\s+1 running/m.test(t), 'trial 1 marked promoted');
    text = await waitFor((t) => ['completed', 'pruned'].includes(stateOf(t, 2) ?? ''), 'trial 2 to end', 40_000);
    expect(stateOf(text, 1)).toBe('completed');
    expect(stateOf(text, 2)).toBe('pruned');
    keys('q');
    await waitFor((t) => t.includes('EXITED'), 'sweeptop to exit (a finished sweep quits at once)', 20_000);
    expect(tmux('display-message', '-p', '-t', 'tui', '#{alternate_on}').trim()).toBe('0');
    expect(interventions()).toEqual(expect.arrayContaining([expect.objectContaining({ by: 'tui', command: 'promote', trialId: 1 })]));
  }, 120_000);
});
