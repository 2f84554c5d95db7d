/**
 * A budget sweep in the table: each trial's budget level (`0.333 2/3`) where a fold sweep has its
 * runs, a trial waiting for a promotion shown `waiting` (not `running`, which would read as hung)
 * and counted apart in the header, the best's level in the header, and the detail pane's levels
 * and reason of a trial not promoted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatBudget } from '../../src/engine/budget/levels.js';
import type { RunSnapshot } from '../../src/engine/events.js';
import type { TrialState } from '../../src/plugin-api/trial-state.js';
import { FakeClient, makeSnapshot, makeTrial } from './fake-client.js';
import { plain, renderApp, row, type Rendered } from './render-app.js';

let app: Rendered | undefined;
afterEach(() => app?.cleanup());

const LEVELS = [1 / 9, 1 / 3, 1];
const NOT_PROMOTED = 'not promoted at budget 0.111: 0.8 not in top 1 of 4 (cutoff 0.88)';

function level(index: number, state: TrialState, objective: number | null): RunSnapshot {
  return {
    index,
    key: `budget ${formatBudget(LEVELS[index])}`,
    level: index,
    state,
    attempt: 0,
    objective,
    pid: state === 'running' ? 300 + index : null,
    exitCode: state === 'completed' ? 0 : null,
    reason: null,
    runtimeMs: 1000 * (index + 1),
    dir: `/tmp/sweep/trials/1/runs/${index}`,
    command: `python train.py --budget ${LEVELS[index]}`,
  };
}

function budgetSweep(): FakeClient {
  const running = { state: 'running' as const, startedAt: Date.now() };
  const trials = [
    makeTrial(1, { ...running, objective: 0.9, best: 0.9, step: 1, runs: [level(0, 'completed', 0.88), level(1, 'running', 0.9)] }),
    // completed level 0, no process: waiting for the ladder's verdict
    makeTrial(2, { ...running, objective: 0.85, best: 0.85, step: 0, runs: [level(0, 'completed', 0.85)] }),
    makeTrial(3, { state: 'pruned', objective: 0.8, best: 0.8, step: 0, reason: NOT_PROMOTED, runs: [level(0, 'completed', 0.8)] }),
    makeTrial(4, {
      state: 'completed',
      objective: 0.95,
      best: 0.95,
      step: 2,
      runs: [level(0, 'completed', 0.9), level(1, 'completed', 0.93), level(2, 'completed', 0.95)],
    }),
  ];
  return new FakeClient(
    makeSnapshot({
      trials,
      bestTrialId: 4,
      budgetLevels: LEVELS,
      metric: { name: 'accuracy', goal: 'maximize', value: 'last', combine: 'mean' },
    }),
    { engine: true },
  );
}

describe('a budget sweep in the table', () => {
  it("shows each trial's budget level where a fold sweep shows its runs", async () => {
    app = renderApp(budgetSweep());
    const frame = await app.until((f) => row(f, 4) !== '', 'the table');
    const header = plain(frame)
      .split('\n')
      .find((l) => /\bstate\b/.test(l))!;
    expect(header).toMatch(/\bbudget\b/);
    expect(header).not.toMatch(/\bruns\b/);
    expect(row(frame, 1)).toMatch(/\b0\.333 2\/3\b/);
    expect(row(frame, 2)).toMatch(/\b0\.111 1\/3\b/);
    expect(row(frame, 3)).toMatch(/\b0\.111 1\/3\b/);
    expect(row(frame, 4)).toMatch(/\s1 3\/3\b/);
  });

  it('shows a trial waiting for a promotion as waiting, and counts it apart from the running ones in the header', async () => {
    app = renderApp(budgetSweep());
    const frame = await app.until((f) => row(f, 4) !== '', 'the table');
    expect(row(frame, 1)).toMatch(/^.{4}\s*1 running\b/);
    expect(row(frame, 2)).toMatch(/^.{4}\s*2 waiting\b/);
    const top = plain(frame).split('\n')[0];
    expect(top).toMatch(/\brunning 1\b/);
    expect(top).toMatch(/\bwaiting 1\b/);
  });

  it("names the best trial's budget in the header", async () => {
    app = renderApp(budgetSweep());
    const frame = await app.until((f) => row(f, 4) !== '', 'the table');
    // at 100 columns the header's short form: `★ 0.95 #4 @1`
    expect(plain(frame).split('\n')[0]).toMatch(/ 0\.95 #4 @1\b/);
  });

  it("lists a trial's levels in the detail pane, says it waits, and gives the reason of one not promoted", async () => {
    app = renderApp(budgetSweep());
    await app.until((f) => row(f, 4) !== '', 'the table');
    await app.type('j');
    const waiting = plain(await app.until((f) => row(f, 2).startsWith('›'), 'the cursor on trial 2'));
    // the pane is 41 columns wide at ink-testing-library's 100: the level's words are cut there
    expect(waiting).toMatch(/#2 waiting for a promotion\b/);
    expect(waiting).toMatch(/accuracy 0\.85 at budget 0\.111 \(level 1\/3/);
    expect(waiting).toMatch(/levels: 0\.111 0\.85 {2}waiting/);
    await app.type('j');
    const pruned = plain(await app.until((f) => row(f, 3).startsWith('›'), 'the cursor on trial 3'));
    expect(pruned.replace(/\s+/g, ' ')).toContain(`ended: ${NOT_PROMOTED}`);
    await app.type('j');
    const completed = plain(await app.until((f) => row(f, 4).startsWith('›'), 'the cursor on trial 4'));
    expect(completed).toMatch(/levels: 0\.111 0\.9 {2}0\.333 0\.93 {2}1 0\.95/);
  });

  it('Enter lists its levels under it, budget, state, result and runtime', async () => {
    app = renderApp(budgetSweep());
    await app.until((f) => row(f, 4) !== '', 'the table');
    await app.type('\r');
    const open = plain(await app.until((f) => /└ budget 0\.333/.test(plain(f)), 'the levels of trial 1'));
    const lines = open.split('\n');
    const first = lines.findIndex((l) => /^.{4}\s*1 /.test(l));
    expect(lines.slice(first + 1, first + 3).map((l) => l.trim().replace(/\s+/g, ' '))).toEqual([
      '└ budget 0.111 completed 0.88 1s',
      '└ budget 0.333 running 0.9 2s',
    ]);
  });
});
