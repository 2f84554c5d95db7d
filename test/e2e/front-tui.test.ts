/**
 * The front view (`o`) in a real terminal. A finished sweep of two objectives opened by `attach`
 * at 120×35: the members listed are exactly `sweeptop best --json`'s front, in its order, with its
 * values; every completed trial is drawn where its values put it, ★ for a member (◆ the selected
 * one), ● for the others; ↓ moves the selection, Enter selects that trial in the table. At 80×24
 * the whole front is still listed. A live sweep: the points and the front grow as trials complete,
 * and end as `best` says. Needs a built dist/ (npm run build).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/sweep.js';
import { hasTmux } from '../helpers/tmux.js';
import { expectShown, TuiSweep } from '../helpers/tui-sweep.js';

let sweep: TuiSweep | undefined;

afterEach(() => sweep?.cleanUp());

interface Member {
  id: number;
  objectives: { val_acc: number; latency_ms: number };
}

describe.skipIf(!hasTmux)('the front view', () => {
  it('lists and stars exactly the front sweeptop best gives, draws every completed trial where it lies, and Enter selects a member', async () => {
    sweep = new TuiSweep('sweeptop-front-tui-');
    const { tmux } = sweep;
    sweep.runHeadless(resolve('fixtures/sweeps/two-objectives.yaml'));
    const front = bestFront(sweep);
    expect(front.length).toBeGreaterThanOrEqual(3);

    sweep.attach('view');
    await tmux.waitFor('view', (t) => /read-only/.test(t) && /^›/m.test(t), 'the finished sweep');
    tmux.keys('view', 'o');
    const screen = await tmux.waitFor(
      'view',
      (t) => /Pareto front · val_acc × latency_ms/.test(t) && listed(t).length > 0,
      'the front view',
    );
    expect(screen).toMatch(/better ↘/);
    expect(screen).toMatch(/^latency_ms ↓ min/m);
    expect(screen).toMatch(/val_acc ↑ max →/);
    expect(screen).toMatch(new RegExp(`${front.length} of 18 completed trials on it`));
    expect(screen).toMatch(/Enter select/);
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(120);

    // the list: best's front, in best's order, with best's values, the cursor on the first
    const list = listed(screen);
    expect(list.map((m) => m.id)).toEqual(front.map((m) => m.id));
    list.forEach((shown, i) => {
      expectShown(shown.acc, front[i].objectives.val_acc);
      expectShown(shown.latency, front[i].objectives.latency_ms);
    });
    expect(list[0].cursor).toBe(true);

    // the plot: each completed trial's cell, from the sweep's exported values and the plot's axes
    const trials = sweep.exportedTrials<ExportedTrial>();
    expect(plotMarks(screen)).toEqual(expectedMarks(screen, trials, new Set(front.map((m) => m.id)), front[0].id));

    tmux.keys('view', 'Down');
    const moved = await tmux.waitFor('view', (t) => listed(t)[1]?.cursor === true, 'the cursor on the second member');
    expect(plotMarks(moved)).toEqual(expectedMarks(moved, trials, new Set(front.map((m) => m.id)), front[1].id));
    tmux.keys('view', 'Enter');
    const table = await tmux.waitFor(
      'view',
      (t) => !/Pareto front/.test(t) && new RegExp(`^›.\\s+${front[1].id} completed`, 'm').test(t),
      'the table, the second member selected',
    );
    expect(table).toMatch(/read-only/);

    // 80×24: the whole front still listed
    sweep.attach('small', 80, 24);
    await tmux.waitFor('small', (t) => /read-only/.test(t), 'the finished sweep at 80×24');
    tmux.keys('small', 'o');
    const small = await tmux.waitFor('small', (t) => listed(t).length === front.length, 'the front listed at 80×24');
    expect(small).toMatch(/better ↘/);
    expect(plotMarks(small)).toEqual(expectedMarks(small, trials, new Set(front.map((m) => m.id)), front[0].id));
    for (const line of small.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  }, 120_000);

  it('on a live sweep, points appear as trials complete, and the front ends as sweeptop best gives it', async () => {
    sweep = new TuiSweep('sweeptop-front-live-');
    const { tmux } = sweep;
    const file = sweep.write(
      'live.yaml',
      `name: live-front
command: node ${resolve('fixtures/accuracy-latency.mjs')} --lr {lr} --layers {layers} --width {width} --epoch-ms 250
parameters:
  lr: [0.001, 0.01]
  layers: [1, 2, 4]
  width: [16, 64]
sampler: grid
parallel: 2
metric:
  - {name: val_acc, goal: maximize}
  - {name: latency_ms, goal: minimize}
`,
    );
    sweep.start('live', ['run', file, '--dir', sweep.sweep]);
    await tmux.waitFor('live', (t) => /live-front/.test(t), 'the live sweep');
    tmux.keys('live', 'o');
    const counts: number[] = [];
    const completedOf = (t: string) => Number(/of (\d+) completed trials on it/.exec(t)?.[1] ?? -1);
    const done = await tmux.waitFor(
      'live',
      (t) => {
        const n = completedOf(t);
        if (n >= 0 && counts.at(-1) !== n) counts.push(n);
        return n === 12;
      },
      'all 12 trials completed in the front view',
      60_000,
    );
    // seen growing, not only at the end
    expect(counts.length).toBeGreaterThanOrEqual(3);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const front = bestFront(sweep);
    expect(listed(done).map((m) => m.id)).toEqual(front.map((m) => m.id));
  }, 120_000);
});

/** The front list's lines: `› #11   0.894286   6.12` (the cursor, the id, val_acc, latency_ms). */
function listed(screen: string): Array<{ cursor: boolean; id: number; acc: string; latency: string }> {
  return [...screen.matchAll(/([› ]) #(\d+)\s+(\S+)\s+(\S+)\s*$/gm)].map((m) => ({
    cursor: m[1] === '›',
    id: Number(m[2]),
    acc: m[3],
    latency: m[4],
  }));
}

/** The plot as drawn: `row:column → mark` for every mark left of the list. */
function plotMarks(screen: string): Record<string, string> {
  const { lines, start, width } = plotArea(screen);
  const marks: Record<string, string> = {};
  lines.forEach((line, row) => {
    [...line].slice(start, start + width).forEach((c, col) => {
      if (c !== ' ') marks[`${row}:${col}`] = c;
    });
  });
  return marks;
}

/**
 * Where each completed trial belongs on the plot's grid (linear axes spanning the completed trials'
 * values, the largest on top), with the mark the cell's most telling trial gets.
 */
function expectedMarks(screen: string, trials: ExportedTrial[], front: Set<number>, selected: number): Record<string, string> {
  const { rows, width } = plotArea(screen);
  const completed = trials.filter((t) => t.state === 'completed');
  const xs = completed.map((t) => t.objectives.val_acc);
  const ys = completed.map((t) => t.objectives.latency_ms);
  const [xLow, xHigh, yLow, yHigh] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const rank = { '●': 0, '★': 1, '◆': 2 } as const;
  const marks: Record<string, '●' | '★' | '◆'> = {};
  for (const t of completed) {
    const col = Math.round(((t.objectives.val_acc - xLow) / (xHigh - xLow)) * (width - 1));
    const row = Math.round(((yHigh - t.objectives.latency_ms) / (yHigh - yLow)) * (rows - 1));
    const mark = t.id === selected ? '◆' : front.has(t.id) ? '★' : '●';
    const key = `${row}:${col}`;
    if (!marks[key] || rank[mark] > rank[marks[key]]) marks[key] = mark;
  }
  return marks;
}

/** The plot's rows (from the top y label to the x axis), where its cells start and how many there are. */
function plotArea(screen: string): { lines: string[]; rows: number; start: number; width: number } {
  const lines = screen.split('\n');
  const axis = lines.findIndex((l) => /^\s+└─/.test(l));
  const top = lines.findIndex((l) => /^\s*\S+ ┤/.test(l));
  expect(axis, screen).toBeGreaterThan(top);
  expect(top, screen).toBeGreaterThan(-1);
  const start = lines[axis].indexOf('└') + 1;
  const width = /└(─+)/.exec(lines[axis])?.[1].length ?? 0;
  return { lines: lines.slice(top, axis), rows: axis - top, start, width };
}

/** `sweeptop best --json`'s front, in its order. */
function bestFront(sweep: TuiSweep): Member[] {
  const run = spawnSync(process.execPath, [CLI, 'best', sweep.sweep, '--json'], {
    env: { ...process.env, XDG_STATE_HOME: sweep.state },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout).front;
}

interface ExportedTrial {
  id: number;
  state: string;
  objectives: { val_acc: number; latency_ms: number };
}
