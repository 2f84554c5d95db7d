/**
 * The analysis view in a real terminal at 120×35: a finished sweep of 12 trials opened by
 * `attach`, `a` shows a bar per parameter for its importance (computed in a worker thread) and the
 * most important parameter against the objective, the best trial starred; → moves to the next
 * parameter; Tab shows it against the other as a heat map, each cell checked against the sweep's
 * exported trials; Esc goes back to the table. Needs a built dist/ (npm run build).
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cellText } from '../helpers/heat-map-screen.js';
import { hasTmux } from '../helpers/tmux.js';
import { expectShown, TuiSweep } from '../helpers/tui-sweep.js';

let sweep: TuiSweep | undefined;

afterEach(() => sweep?.cleanUp());

describe.skipIf(!hasTmux)('the analysis view', () => {
  it('shows importance bars, a parameter-vs-objective scatter and a heat map of a finished sweep, → the next parameter, Tab the heat map', async () => {
    sweep = new TuiSweep('sweeptop-analysis-tui-');
    const { tmux } = sweep;
    const file = sweep.write(
      'an.yaml',
      `name: an
command: node ${resolve('fixtures/train.mjs')} --lr {lr} --layers {layers} --epochs 3 --epoch-ms 5 --format kv
parameters:
  lr: {type: categorical, values: [0.1, 0.03, 0.01, 0.003, 0.001, 0.0003]}
  layers: {type: categorical, values: [2, 4]}
sampler: grid
parallel: 2
metric: {name: val_loss, goal: minimize}
`,
    );
    sweep.runHeadless(file);

    sweep.attach('view');
    await tmux.waitFor('view', (t) => /read-only/.test(t) && /^›/m.test(t), 'the finished sweep');
    tmux.keys('view', 'a');
    const screen = await tmux.waitFor('view', (t) => /^lr\s+█/m.test(t) && /^layers\s/m.test(t), 'the importance bars');
    const rows = screen.split('\n');
    const share = (name: string) => Number(/(\d\.\d{3})\s*$/.exec(rows.find((l) => l.startsWith(`${name} `)) ?? '')?.[1]);
    expect(share('lr') + share('layers')).toBeCloseTo(1, 2);
    // the most important parameter is plotted first, its values as columns, the best starred
    const first = share('lr') >= share('layers') ? 'lr' : 'layers';
    expect(screen).toMatch(new RegExp(`^${first} vs val_loss · 1/2`, 'm'));
    expect(screen).toMatch(/★/);
    expect(screen).toMatch(/┤/);
    expect(screen).toMatch(/└─+/);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(120);
    tmux.keys('view', 'Right');
    const second = first === 'lr' ? 'layers' : 'lr';
    await tmux.waitFor('view', (t) => new RegExp(`^${second} vs val_loss · 2/2`, 'm').test(t), 'the next parameter');

    // Tab: the selected parameter across, the most important other one up, each cell the best
    // objective of its completed trials, read against the sweep's own records
    tmux.keys('view', 'Tab');
    const heat = await tmux.waitFor(
      'view',
      (t) => new RegExp(`^${second} × ${first} · best val_loss per cell`, 'm').test(t),
      'the heat map',
    );
    const lines = heat.split('\n');
    const completed = sweep.exportedTrials<ExportedTrial>().filter((t) => t.state === 'completed' && typeof t.objective === 'number');
    expect(completed.length).toBeGreaterThanOrEqual(10);
    const bestId = completed.reduce((a, b) => (b.objective < a.objective ? b : a)).id;
    const cellBest = new Map<string, { objective: number; id: number }>();
    for (const t of completed) {
      const key = `${t.params[second]}|${t.params[first]}`;
      const held = cellBest.get(key);
      if (!held || t.objective < held.objective) cellBest.set(key, { objective: t.objective, id: t.id });
    }
    const values = { lr: ['0.1', '0.03', '0.01', '0.003', '0.001', '0.0003'], layers: ['2', '4'] };
    for (const x of values[second]) {
      for (const y of values[first]) {
        const expected = cellBest.get(`${x}|${y}`);
        const shown = cellText(lines, y, x);
        if (!expected) expect(shown, `${second}=${x} ${first}=${y}`).toBe('');
        else {
          expect(shown.startsWith('★'), `${second}=${x} ${first}=${y} starred`).toBe(expected.id === bestId);
          expectShown(shown.replace('★', ''), expected.objective);
        }
      }
    }
    // the legend: the darkest shade starts at the best cell's value, the lightest ends at the worst's
    const legend = lines.find((l) => /^█ /.test(l)) ?? '';
    const cellValues = [...cellBest.values()].map((c) => c.objective);
    expectShown(/^█ ([^\s…]+)/.exec(legend)?.[1] ?? '', Math.min(...cellValues));
    expectShown(/░ (?:[^\s…]+…)?([^\s…]+) · best in cell, by quarter/.exec(legend)?.[1] ?? '', Math.max(...cellValues));
    expect(heat).toMatch(/Tab scatter\/heat map/);
    for (const row of lines) expect(row.length).toBeLessThanOrEqual(120);
    tmux.keys('view', 'Tab');
    await tmux.waitFor('view', (t) => new RegExp(`^${second} vs val_loss · 2/2`, 'm').test(t), 'the scatter again');
    tmux.keys('view', 'Escape');
    await tmux.waitFor('view', (t) => !/vs val_loss/.test(t) && /read-only/.test(t), 'the table again');
  }, 90_000);
});

interface ExportedTrial {
  id: number;
  state: string;
  params: Record<string, number>;
  objective: number;
}
