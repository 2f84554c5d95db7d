/**
 * A sweep with folds and repeats in a real terminal: the winner line under the header once two
 * trials completed (the engine's paired test, named), the process groups of a trial's runs in the
 * resource line and its row, and an opened trial's running run with its latest value and its own
 * usage. Needs a built dist/ (npm run build).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpTuiSweep, hasTmux, Tmux } from '../helpers/tmux.js';

const MAIN = resolve('dist/src/cli/main.js');
let dir: string;
let tmux: Tmux;

afterEach(() => cleanUpTuiSweep(MAIN, dir, tmux));

const rowOf = (text: string, id: number) => text.split('\n').find((l) => new RegExp(`^.{4}\\s*${id} \\w`).test(l)) ?? '';

describe.skipIf(!hasTmux)('a sweep with runs in the TUI', () => {
  it('shows the winner line once two trials completed, naming the test', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-runs-tui-'));
    tmux = new Tmux();
    const file = join(dir, 'folds.yaml');
    // fold-run's runs end at 0.5 + lr + fold/100 + repeat/1000: every run of lr 0.3 beats lr 0.2's
    writeFileSync(
      file,
      `name: folds
command: node ${resolve('fixtures/fold-run.mjs')} --lr {lr} --fold {fold} --repeat {repeat} --epochs 4 --epoch-ms {ms}
parameters:
  lr: {type: categorical, values: [0.3, 0.2]}
  ms: {type: choice, values: [40]}
sampler: grid
folds: 3
repeats: 2
runs_parallel: 2
runs_pruning: false
metric: {name: val_acc, goal: maximize}
`,
    );
    tmux.start('tui', `XDG_STATE_HOME=${join(dir, 'state')} node ${MAIN} run ${file} --dir ${join(dir, 'sweep')}`);
    const screen = await tmux.waitFor('tui', (t) => /completed 2\b/.test(t.split('\n')[0]) && /best #0:/.test(t), 'the winner line');
    const winner = screen.split('\n')[1];
    expect(winner).toMatch(
      /^best #0: 0\.81\d* ± [\d.]+; distinguishable from #1 \(p = 0\.031\) — Wilcoxon( signed-rank over shared runs)?, exact/,
    );
    expect(winner.trimEnd().length).toBeLessThanOrEqual(120);
  }, 60_000);

  it("counts each running run's group, sums them on the trial's row and shows each opened run's own, with its latest value", async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweeptop-runs-tui-'));
    tmux = new Tmux();
    const file = join(dir, 'slow.yaml');
    writeFileSync(
      file,
      `name: slow
command: node ${resolve('fixtures/fold-run.mjs')} --lr {lr} --fold {fold} --epochs 100 --epoch-ms 300
parameters:
  lr: {type: categorical, values: [0.3]}
sampler: grid
folds: 3
parallel: 2
runs_parallel: 2
metric: {name: val_acc, goal: maximize}
`,
    );
    tmux.start('tui', `XDG_STATE_HOME=${join(dir, 'state')} node ${MAIN} run ${file} --dir ${join(dir, 'sweep')}`);
    const counted = await tmux.waitFor('tui', (t) => /\(2 groups\)/.test(t) && /\d[KMG]\s*$/.test(rowOf(t, 0)), 'two groups measured');
    expect(rowOf(counted, 0)).toMatch(/running/);
    tmux.keys('tui', 'Enter');
    const open = await tmux.waitFor(
      'tui',
      (t) => t.split('\n').filter((l) => /└ fold \d running\s+-?\d+\.\d+\s+.*\d[KMG]\s*$/.test(l)).length === 2,
      'both running runs with a value and their usage',
    );
    expect(open.split('\n').find((l) => /└ fold 2/.test(l))).toMatch(/queued\s+-/);
  }, 60_000);
});
