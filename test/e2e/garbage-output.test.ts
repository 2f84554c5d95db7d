/**
 * Trial output made to wreck a terminal (fixtures/garbage-output.mjs: a vertical tab, a screen
 * clear, a cursor move, a window title, every raw byte) and a parameter value holding the same,
 * in a real 120×35 terminal: the header and the table stay where they are with the detail pane and
 * with the log view open, the control characters are shown (`^K`), none is obeyed (the window
 * keeps its title), and the CLI's `status` and headless lines carry none of them either.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cleanUpTuiSweep, hasTmux, Tmux } from '../helpers/tmux.js';

const MAIN = resolve('dist/src/cli/main.js');
const OBEYED = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
let dir: string;
let tmux: Tmux;

afterEach(() => cleanUpTuiSweep(MAIN, dir, tmux));

/**
 * By default two trials failing quickly and two running on; one of each with a parameter value
 * full of escapes. `second` replaces the second parameter (`{epochs}` in the command).
 */
function sweepFile(second = 'epochs: {type: choice, values: [2, 1000]}', args = '--epochs {epochs}'): string {
  const path = join(dir, 'garbage.yaml');
  writeFileSync(
    path,
    `name: garbage
cwd: ${resolve('.')}
command: node fixtures/garbage-output.mjs --tag {tag} ${args} --epoch-ms 300
parameters:
  tag: {type: choice, values: ["v\\vt\\e[2J\\e]0;title\\ax", "ok"]}
  ${second}
sampler: grid
trials: 4
parallel: 4
metric: {name: val_loss, goal: minimize}
`,
  );
  return path;
}

/** The header on the first line only, the table's header on the third, the trials' rows below it. */
function expectLayoutIntact(text: string): void {
  const lines = text.split('\n');
  expect(lines[0]).toMatch(/^garbage \d+s/);
  expect(lines.filter((line) => /^garbage \d+s/.test(line))).toHaveLength(1);
  expect(lines[2]).toMatch(/^\s+id state.?\s+tag\s+epochs\s/);
  const rows = lines.slice(3, 7).map((line) => /^.{1,4}\s*(\d) (running|failed)\b/.exec(line)?.[1]);
  expect(rows.sort()).toEqual(['0', '1', '2', '3']);
  // `ESC [ 5 ; 40 H` moved nothing: its neighbours in the output line are still beside it
  const moved = text.match(/moved/g) ?? [];
  expect(text.match(/\|moved\|/g) ?? []).toHaveLength(moved.length);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
}

describe.skipIf(!hasTmux)('trial output full of control bytes', () => {
  it('leaves the TUI intact with the detail pane and the log view open, and shows the bytes as ^K and �', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-garbage-'));
    tmux = new Tmux();
    tmux.start('tui', `XDG_STATE_HOME=${join(dir, 'state')} node ${MAIN} run ${sweepFile()} --dir ${join(dir, 'sweep')}`);

    let text = await tmux.waitFor(
      'tui',
      (t) => /failed 2\b/.test(t) && /running 2\b/.test(t) && /^\s+id state/m.test(t),
      'two failed and two running trials',
    );
    // the detail pane (open from the start) of the selected trial, its output after a few epochs
    text = await tmux.waitFor('tui', (t) => /^.*output:\s*$/m.test(t) && /epoch=([3-9]|\d\d)/.test(t), 'the detail pane with output');
    expectLayoutIntact(text);
    expect(text).toContain('v^Kt'); // the parameter value, in the table and the command
    expect(tmux.run('display-message', '-p', '-t', 'tui', '#{pane_title}').trim()).not.toBe('title');

    tmux.keys('tui', 'l');
    await tmux.waitFor('tui', (t) => /log #\d stdout/.test(t), 'the log view');
    // the log view follows the end; its first lines (the bytes) may have scrolled off under load
    tmux.keys('tui', 'g');
    text = await tmux.waitFor('tui', (t) => /log #\d stdout/.test(t) && t.includes('high bytes:'), 'the log view at its first line');
    // the log view takes the screen: its title on the first line, once, then the trial's lines
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^log #\d stdout running (lines 1-\d+ of )?\d+/);
    expect(lines.filter((line) => /log #\d stdout/.test(line))).toHaveLength(1);
    expect(lines[1]).toMatch(/^args --tag /);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
    expect(text).toMatch(/c0 bytes: \^@\^A\^B/);
    expect(text).toContain('high bytes: ����');
    expect(text).toMatch(/^epoch=1 \^K\|\|\|\|moved\| val_loss=0\.5000 \^K\^@/m);
    // each epoch's line on its own row, in order: none drawn over another
    const epochs = lines.filter((line) => /^epoch=/.test(line)).map((line) => Number(/^epoch=(\d+) /.exec(line)?.[1]));
    expect(epochs.length).toBeGreaterThanOrEqual(3);
    expect(epochs).toEqual(epochs.map((_, i) => epochs[0] + i));
    expect(tmux.run('display-message', '-p', '-t', 'tui', '#{pane_title}').trim()).not.toBe('title');

    tmux.keys('tui', 'q');
    text = await tmux.waitFor('tui', (t) => /^\s+id state/m.test(t) && !/log #\d stdout/.test(t), 'back to the table');
    expectLayoutIntact(text);
  }, 90_000);

  it('prints no control byte of a trial in `status`, `best` or the headless lines', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-garbage-'));
    tmux = new Tmux();
    const env = { XDG_STATE_HOME: join(dir, 'state') };
    // one failing (its last stderr line printed) and one completing (the best) of each tag
    const file = sweepFile('exit: {type: choice, values: [1, 0]}', '--epochs 2 --exit {exit}');
    const run = await runCli(['run', file, '--dir', join(dir, 'sweep'), '--headless'], { env });
    expect(run.stdout).toContain('tag=v^Kt');
    expect(run.stdout).toMatch(/RuntimeError: bad bytes \^@\^A/);
    for (const line of run.stdout.split('\n')) expect(line).not.toMatch(OBEYED);
    for (const command of ['status', 'best']) {
      const out = spawnSync(process.execPath, [MAIN, command, join(dir, 'sweep')], { env: { ...process.env, ...env }, encoding: 'utf8' });
      // the best is the first completed trial, of the first tag
      expect(out.stdout, command).toContain('tag=v^Kt');
      for (const line of out.stdout.split('\n')) expect(line, command).not.toMatch(OBEYED);
    }
  }, 60_000);
});
