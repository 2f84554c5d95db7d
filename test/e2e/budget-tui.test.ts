/**
 * A budget sweep in a real terminal: each trial's budget level in the table, the trials waiting
 * for a promotion shown `waiting` and counted in the header (not `running` with no process), the
 * best's budget in the header, and the reason of a trial not promoted in the detail pane.
 * Needs a built dist/ (npm run build).
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux } from '../helpers/tmux.js';
import { TuiSweep } from '../helpers/tui-sweep.js';

let sweep: TuiSweep | undefined;

afterEach(() => sweep?.cleanUp());

const rows = (text: string) => text.split('\n').filter((l) => /^.{4}\s*\d+ \w/.test(l));

describe.skipIf(!hasTmux)('a budget sweep in the TUI', () => {
  it('shows levels, waiting trials, the best at its budget and why a trial was not promoted', async () => {
    sweep = new TuiSweep('sweeptop-budget-tui-');
    const { tmux } = sweep;
    const file = sweep.write(
      'budget.yaml',
      `name: b
command: node ${resolve('fixtures/budget-run.mjs')} --lr {lr} --width 64 --budget {budget} --checkpoint-dir {trial.dir} --ms 2000
parameters:
  lr: {type: uniform, low: 0.0, high: 0.6}
trials: 12
parallel: 3
budget: {min: 0.1, max: 1.0, reduction_factor: 3}
metric: {name: accuracy, goal: maximize}
`,
    );
    sweep.start('tui', ['run', file, '--dir', sweep.sweep]);
    const waiting = await tmux.waitFor(
      'tui',
      (t) => /\bwaiting \d+\b/.test(t.split('\n')[0]) && rows(t).some((r) => /^.{4}\s*\d+ waiting\s.*\b0\.111 1\/3\b/.test(r)),
      'a trial waiting at level 1 of 3, counted in the header',
      40_000,
    );
    expect(waiting.split('\n')[2]).toMatch(/\bbudget\b/);
    expect(waiting.split('\n')[2]).not.toMatch(/\bruns\b/);

    const done = await tmux.waitFor('tui', (t) => /finished after/.test(t.split('\n')[0]), 'the sweep finished', 60_000);
    // the best at its budget, when the header has room for it (a short name leaves it room)
    expect(done.split('\n')[0]).toMatch(/best \S+ #\d+ @1\b/);
    expect(rows(done).find((r) => /completed/.test(r))).toMatch(/\s1 3\/3\b/);
    const firstPruned = rows(done).findIndex((r) => / pruned /.test(r));
    expect(firstPruned).toBeGreaterThan(0);
    for (let i = 0; i < firstPruned; i++) tmux.keys('tui', 'j');
    const opened = await tmux.waitFor(
      'tui',
      (t) => rows(t).some((r) => r.startsWith('›') && / pruned /.test(r)) && /ended: not promoted/.test(t),
      'the cursor on a trial not promoted, its reason in the detail pane',
    );
    // the pane's lines beside the chart: its right-hand side, from the title's column on
    const paneAt = opened
      .split('\n')
      .find((l) => / #\d+ pruned /.test(l))!
      .search(/#\d+ pruned /);
    const pane = opened
      .split('\n')
      .map((l) => l.slice(paneAt).trimEnd())
      .join(' ');
    expect(pane).toMatch(/ended: not promoted at budget \S+: \S+ not in top \d+ of \d+ \(cutoff \S+\)/);
    expect(opened).toMatch(/levels: 0\.111 \S+/);
  }, 120_000);
});
