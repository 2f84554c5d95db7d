/**
 * `sweeptop attach DIR` on a sweep nothing runs, in a real terminal: the finished sweep opens
 * read-only with its table, curves and reasons; keys that would act on it say how to run it
 * again; q leaves. And a sweep whose controller died opens the same way, saying so.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpTuiSweep, hasTmux, Tmux } from '../helpers/tmux.js';
import { killHard, lockPid } from '../helpers/sweep-folder.js';
import { waitFor } from '../helpers/sweep.js';

const MAIN = resolve('dist/src/cli/main.js');
let dir: string;
let tmux: Tmux;

afterEach(() => cleanUpTuiSweep(MAIN, dir, tmux));

function setUp(): { env: NodeJS.ProcessEnv; prefix: string } {
  dir = mkdtempSync(join(tmpdir(), 'sweeptop-read-only-'));
  tmux = new Tmux();
  const state = join(dir, 'state');
  return { env: { ...process.env, XDG_STATE_HOME: state, CI: 'true' }, prefix: `XDG_STATE_HOME=${state}` };
}

/** A sweep file of the fixture trainer with a median pruner, so that some trials end pruned. */
function sweepFile({ trials = 8, epochs = 12, epochMs = 30 } = {}): string {
  const path = join(dir, 'ro.yaml');
  writeFileSync(
    path,
    `name: ro
command: node ${resolve('fixtures/train.mjs')} --lr {lr} --epochs ${epochs} --epoch-ms ${epochMs}
parameters:
  lr: {type: loguniform, low: 1.0e-4, high: 1.0e-1}
trials: ${trials}
parallel: 4
seed: 3
metric: val_loss
pruner: {type: median, n_warmup_steps: 3, n_startup_trials: 2}
`,
  );
  return path;
}

interface StatusTrial {
  id: number;
  state: string;
  reason: string | null;
}

function statusOf(env: NodeJS.ProcessEnv): { state: string; trials: StatusTrial[] } {
  const out = spawnSync(process.execPath, [MAIN, 'status', join(dir, 'sweep'), '--json'], { env, encoding: 'utf8' });
  return JSON.parse(out.stdout);
}

/** The detail pane's right-hand side (TrialInfo), its wrapped lines joined back into one text. */
function infoText(screen: string): string {
  const lines = screen.split('\n');
  const chartTitle = lines.findIndex((line) => /^val_loss /.test(line));
  const start = lines[chartTitle].search(/#\d+ (completed|pruned|failed|killed|lost|running|paused|queued)\b/);
  return lines
    .slice(chartTitle, -2)
    .map((line) => line.slice(start).trim())
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe.skipIf(!hasTmux)('a sweep nothing runs, opened by attach', () => {
  it('a finished sweep opens read-only: table, curves, whole prune reasons; acting keys say how to resume; q leaves', async () => {
    const { env, prefix } = setUp();
    const run = spawnSync(process.execPath, [MAIN, 'run', sweepFile(), '--headless', '--dir', join(dir, 'sweep')], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const stored = statusOf(env);
    expect(stored.state).toBe('finished');
    const pruned = stored.trials.find((t) => t.state === 'pruned');
    expect(pruned, 'the fixture sweep prunes a trial').toBeDefined();

    tmux.start('view', `${prefix} node ${MAIN} attach ${join(dir, 'sweep')}`);
    const first = await tmux.waitFor('view', (t) => /read-only/.test(t) && /┤.*[╰╭─]/.test(t), 'the read-only view with a curve');
    expect(first).toMatch(/^ro finished after \S+: all 8 trials done/m);
    expect(first).toMatch(/read-only: nothing runs this sweep/);
    for (const trial of stored.trials) expect(first).toMatch(new RegExp(`^.{1,8}\\s${trial.id} ${trial.state}\\b`, 'm'));
    // the chart's x axis names steps
    expect(first).toMatch(/^ {5}step 0 +\d+ +\d+( |$)/m);

    // down to the pruned trial, one row at a time (each move seen on the screen before the next
    // key): its reason is in the detail pane whole, wrapped, not cut
    const selected = (t: string) => /^›\s*(\d+) /m.exec(t)?.[1];
    let screen = first;
    for (let moves = 0; moves < stored.trials.length && selected(screen) !== String(pruned!.id); moves++) {
      const before = selected(screen);
      tmux.keys('view', 'j');
      screen = await tmux.waitFor('view', (t) => selected(t) !== before, 'the cursor to move');
    }
    screen = await tmux.waitFor('view', (t) => infoText(t).startsWith(`#${pruned!.id} pruned`), `trial ${pruned!.id} in the detail pane`);
    expect(infoText(screen)).toContain(`ended: ${pruned!.reason}`);

    for (const key of ['p', 'x', 'P', '+', 'n']) {
      tmux.keys('view', key);
      const answer = await tmux.waitFor('view', (t) => /not running \(it has finished\)/.test(t), `${key} to be refused`);
      expect(answer).toContain(`sweeptop resume ${join(dir, 'sweep')} --trials N`);
      expect(answer).not.toMatch(/Kill trial|\(y\/n\)/);
      // another message in its place, so that the next answer is seen to arrive
      tmux.keys('view', 's');
      await tmux.waitFor('view', (t) => !/not running \(it has finished\)/.test(t), 'the answer replaced');
    }
    tmux.keys('view', 'q');
    const after = await tmux.waitFor('view', (t) => t.includes('EXITED'), 'q to leave');
    expect(after).toMatch(/EXITED 0/);
    expect(after).toContain(`sweeptop status ${join(dir, 'sweep')}`);
    expect(tmux.run('display-message', '-p', '-t', 'view', '#{alternate_on}').trim()).toBe('0');
    // nothing was changed by looking
    expect(statusOf(env)).toEqual(stored);
  }, 90_000);

  it('a sweep whose controller died opens read-only and says it is not running', async () => {
    const { env, prefix } = setUp();
    const started = spawnSync(
      process.execPath,
      [MAIN, 'run', sweepFile({ trials: 4, epochs: 400, epochMs: 100 }), '--detach', '--dir', join(dir, 'sweep')],
      { env, encoding: 'utf8', timeout: 30_000 },
    );
    expect(started.status).toBe(0);
    const doc = () => JSON.parse(readFileSync(join(dir, 'sweep', 'sweep.json'), 'utf8')) as { trials: { steps: number }[] };
    await waitFor(() => doc().trials.some((t) => t.steps > 1), 20_000, 'a trial to report');
    await killHard(lockPid(join(dir, 'sweep')));

    tmux.start('dead', `${prefix} node ${MAIN} attach ${join(dir, 'sweep')}`);
    const screen = await tmux.waitFor('dead', (t) => /read-only/.test(t), 'the read-only view');
    expect(screen).toMatch(/^ro not running: its controller is gone/m);
    tmux.keys('dead', 'x');
    const answer = await tmux.waitFor('dead', (t) => /its controller is gone\): `sweeptop resume/.test(t), 'x to be refused');
    expect(answer).not.toMatch(/\(y\/n\)/);
    tmux.keys('dead', 'q');
    await tmux.waitFor('dead', (t) => t.includes('EXITED 0'), 'q to leave');
  }, 60_000);
});
